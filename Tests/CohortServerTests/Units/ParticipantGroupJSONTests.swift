@testable import CohortServer
import CohortAPI
import Foundation
import NIOCore
import Testing

/// The group's JSON written by hand is, byte for byte, what the generated encoder writes.
@Suite struct ParticipantGroupJSONTests {
    static let names = [
        "Wave 2", "", "quote \" backslash \\ slash / tab \t newline \n return \r", "bell \u{7} nul-less \u{1F} del \u{7F}",
        "émigré 日本語 🧪", "\u{2028} line separator", String(repeating: "x", count: 255),
    ]

    @Test(arguments: names)
    func handWrittenJSONIsTheEncodersJSON(name: String) throws {
        for description in [nil, name, "plain"] as [String?] {
            for (workspace, organisation, project) in [
                ("6b0e8dc867d2d389bb2609b0", nil, nil), (nil, "6b0e8dc867d2d389bb2609b1", nil),
                ("6b0e8dc867d2d389bb2609b0", nil, "6b0e8dc867d2d389bb2609b2"),
            ] as [(String?, String?, String?)] {
                let group = WireParticipantGroup(
                    id: "6b0e8dcb67d2d389bb2609b1", name: name, projectId: project, workspaceId: workspace,
                    organisationId: organisation, description: description, participantCount: 1_234_567, isDeleted: description == nil,
                    feederStudies: [])
                let written = try ParticipantGroupJSON.bytes(group)
                #expect(Data(buffer: written) == (try ParticipantGroupJSON.encoder.encode(group)), "\(name)")
            }
        }
    }
}
