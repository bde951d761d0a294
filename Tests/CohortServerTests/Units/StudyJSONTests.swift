@testable import CohortServer
import CohortAPI
import Foundation
import NIOCore
import OpenAPIRuntime
import Testing

/// The study's JSON written by hand is, byte for byte, what the generated encoder writes.
@Suite struct StudyJSONTests {
    static let texts = ParticipantGroupJSONTests.names

    /// Every field unset that may be, every optional part absent.
    static func bare(_ text: String) -> WireStudy {
        WireStudy(
            id: "6b0e8dcb67d2d389bb2609b1", name: text, description: text, prolificIdOption: "url_parameters",
            completionCodes: [], totalAvailablePlaces: 0, estimatedCompletionTime: 1, maximumAllowedTime: 2, reward: 0,
            deviceCompatibility: [], peripheralRequirements: [], project: "6b0e8dcb67d2d389bb2609b2",
            workspace: "6b0e8dcb67d2d389bb2609b3", submissionsConfig: WireSubmissionsConfig(), studyLabels: [],
            contentWarnings: [], contentWarningDetails: "", hasCredentials: false, isExternalStudyUrlSecure: false,
            status: "UNPUBLISHED", isReadyToPublish: true, studyType: "SINGLE", dateCreated: "2030-01-01T00:00:00.000Z",
            placesTaken: 0, numberOfSubmissions: 0, totalCost: 0, currencyCode: "GBP", isUnderpaying: false,
            averageRewardPerHour: 0, estimatedRewardPerHour: 0, researcher: "6b0e8dcb67d2d389bb2609b4", links: .init())
    }

    /// Every field set, every part present in each of its shapes.
    static func full(_ text: String, rate: Double) throws -> WireStudy {
        var study = bare(text)
        study.internalName = text
        study.externalStudyUrl = "https://example.org/?pid={{%PROLIFIC_PID%}}&t=\(text)"
        study.completionCodes = [
            WireCompletionCode(code: text, codeType: "COMPLETED", actions: [
                .init(action: "MANUALLY_REVIEW"), .init(action: "ADD_TO_PARTICIPANT_GROUP", participantGroup: "6b0e8dcb67d2d389bb2609b5"),
            ]),
            WireCompletionCode(code: nil, codeType: "OTHER", actions: [], actor: "researcher"),
            WireCompletionCode(code: "RET", codeType: "FAILED_ATTENTION_CHECK", actions: [
                .init(action: "REQUEST_RETURN", returnReason: text),
                .init(action: "FIXED_SCREEN_OUT_PAYMENT", fixedScreenOutReward: 25, slots: 10),
            ], actor: "participant"),
        ]
        study.totalAvailablePlaces = 1_000_000
        study.reward = -1
        study.deviceCompatibility = ["desktop", text]
        study.peripheralRequirements = ["audio"]
        let weightings = try JSONDecoder().decode(OpenAPIObjectContainer.self, from: Data(#"{"b": 0.25, "a": [1, "x"]}"#.utf8))
        study.filters = [
            WireStudyFilter(filterId: "current-country-of-residence", selectedValues: ["0", text]),
            WireStudyFilter(filterId: "age", selectedRange: .init(lower: .number(18), upper: .number(rate))),
            WireStudyFilter(filterId: "joined", selectedRange: .init(lower: nil, upper: .text(text))),
            WireStudyFilter(filterId: "born", selectedRange: .init(lower: .text("1990-01-01"), upper: nil)),
            WireStudyFilter(filterId: "empty", selectedRange: .init()),
            WireStudyFilter(filterId: "sex", selectedValues: [], weightings: weightings),
            WireStudyFilter(filterId: "and", selectedFilters: [
                WireStudyFilter(filterId: "or", selectedFilters: [WireStudyFilter(filterId: "x", selectedValues: ["1"])]),
            ]),
        ]
        study.filterSetId = text
        study.filterSetVersion = 3
        study.naivetyDistributionRate = rate
        study.submissionsConfig = WireSubmissionsConfig(
            maxSubmissionsPerParticipant: .value(-1), maxConcurrentSubmissions: .null, autoRejectionCategories: [text])
        study.studyLabels = ["survey"]
        study.contentWarnings = [text]
        study.contentWarningDetails = text
        study.metadata = text
        study.credentialPoolId = text
        study.hasCredentials = true
        study.dataCollectionMethod = "AI_TASK_BUILDER"
        study.dataCollectionId = text
        study.dataCollectionMetadata = .init(annotatorsPerTask: 3)
        study.accessDetails = [WireAccessDetail(externalUrl: text, totalAllocation: 5), WireAccessDetail(externalUrl: "b", totalAllocation: 0)]
        study.isExternalStudyUrlSecure = true
        study.publishedAt = "2030-01-02T00:00:00.000Z"
        study.publishAt = "2030-01-03T00:00:00.000Z"
        study.isUnderpaying = true
        study.links = .init(related: WireLink(href: "http://127.0.0.1:1/api/v1/studies/x/submissions/", title: text))
        return study
    }

    static func expectSame(_ study: WireStudy, _ comment: Comment) throws {
        let written = try StudyJSON.bytes(study)
        #expect(String(buffer: written) == String(decoding: try ParticipantGroupJSON.encoder.encode(study), as: UTF8.self), comment)
    }

    @Test(arguments: texts)
    func handWrittenJSONIsTheEncodersJSON(text: String) throws {
        try Self.expectSame(Self.bare(text), "bare \(text)")
        for rate in [0.5, 1, 0, 1e-7, 123_456_789.25, 1e21, -3.75] {
            try Self.expectSame(try Self.full(text, rate: rate), "full \(text) \(rate)")
        }
    }

    @Test func eachPartialShapeIsTheEncodersJSON() throws {
        var study = Self.bare("x")
        study.dataCollectionMetadata = .init(annotatorsPerTask: nil)
        study.accessDetails = []
        study.filters = []
        study.links = .init(related: WireLink(href: nil, title: "Submissions"))
        for config in [
            WireSubmissionsConfig(maxSubmissionsPerParticipant: .value(2)),
            WireSubmissionsConfig(maxConcurrentSubmissions: .value(1)),
            WireSubmissionsConfig(autoRejectionCategories: []),
            WireSubmissionsConfig(maxSubmissionsPerParticipant: .null, maxConcurrentSubmissions: .value(-1)),
        ] {
            study.submissionsConfig = config
            try Self.expectSame(study, "\(config)")
        }
    }
}
