@testable import CohortCore
import Testing

/// Taking a place, and how a study follows its submissions, without a store.
@Suite struct PlaceAndProgressRulesTests {
    static let group = GroupID("5e9b9c9b0f9c9a5555555555")!
    static let earlier = StudyID("5e9b9c9b0f9c9a3333333333")!

    static func study(places: Int = 2, filters: [StudyFilter]? = nil, perParticipant: Int = 1, atOnce: Int = -1) throws -> Study {
        var study = try StudyRulesTests.study(.active)
        study.content.totalAvailablePlaces = places
        study.content.filters = filters
        study.content.submissionsConfig = SubmissionsConfig(
            maxSubmissionsPerParticipant: perParticipant, maxConcurrentSubmissions: atOnce)
        return study
    }

    static func standing(
        _ number: Int = 1, groups: Set<GroupID> = [], previous: Set<StudyID> = [], here: [SubmissionStatus] = []
    ) -> PlaceRules.Standing {
        PlaceRules.Standing(participant: participant(number), groups: groups, previousStudies: previous, submissionsHere: here)
    }

    static func refusal(_ study: Study, _ standing: PlaceRules.Standing) -> ErrorKind? {
        do {
            try PlaceRules.check(study, standing)
            return nil
        } catch {
            return error.kind
        }
    }

    @Test func groupListsAreReadOnTheMembershipAsItIs() throws {
        let allow = try Self.study(filters: [.select(id: StudyFilterRules.groupAllowlist, values: [Self.group.hex], weightings: nil)])
        #expect(Self.refusal(allow, Self.standing(groups: [Self.group])) == nil)
        #expect(Self.refusal(allow, Self.standing()) == .notEligible)
        let block = try Self.study(filters: [.select(id: StudyFilterRules.groupBlocklist, values: [Self.group.hex], weightings: nil)])
        #expect(Self.refusal(block, Self.standing(groups: [Self.group])) == .notEligible)
        #expect(Self.refusal(block, Self.standing()) == nil)
        #expect(PlaceRules.referenced(by: allow).groups == [Self.group])
    }

    @Test func customAndPreviousStudyListsAndCompositeFilters() throws {
        let custom = try Self.study(filters: [.select(id: StudyFilterRules.customAllowlist, values: [participantHex(2)], weightings: nil)])
        #expect(Self.refusal(custom, Self.standing(2)) == nil)
        #expect(Self.refusal(custom, Self.standing(1)) == .notEligible)
        let blocked = try Self.study(filters: [.select(id: StudyFilterRules.customBlocklist, values: [participantHex(2)], weightings: nil)])
        #expect(Self.refusal(blocked, Self.standing(2)) == .notEligible)
        let previous = try Self.study(filters: [.select(id: StudyFilterRules.studyBlocklist, values: [Self.earlier.hex], weightings: nil)])
        #expect(Self.refusal(previous, Self.standing(previous: [Self.earlier])) == .notEligible)
        #expect(Self.refusal(previous, Self.standing()) == nil)
        #expect(PlaceRules.referenced(by: previous).studies == [Self.earlier])
        let either = try Self.study(filters: [
            .composite(and: false, filters: [
                .select(id: StudyFilterRules.customAllowlist, values: [participantHex(3)], weightings: nil),
                .select(id: StudyFilterRules.groupAllowlist, values: [Self.group.hex], weightings: nil),
            ]),
            .range(id: "age", lower: .number(18), upper: nil, weightings: nil),
        ])
        #expect(Self.refusal(either, Self.standing(3)) == nil)
        #expect(Self.refusal(either, Self.standing(1, groups: [Self.group])) == nil)
        #expect(Self.refusal(either, Self.standing(1)) == .notEligible)
    }

    @Test func placesStatusAndLimitsAreCheckedInOrder() throws {
        var study = try Self.study(places: 1, perParticipant: 2, atOnce: 1)
        #expect(Self.refusal(study, Self.standing(here: [.active])) == .submissionLimit)
        #expect(Self.refusal(study, Self.standing(here: [.returned])) == nil)
        #expect(Self.refusal(study, Self.standing(here: [.returned, .approved])) == .submissionLimit)
        study = StudyProgress.moved(study, from: nil, to: .active)
        #expect(Self.refusal(study, Self.standing(2)) == .noPlaceLeft)
        var paused = try Self.study()
        paused.status = .paused
        #expect(Self.refusal(paused, Self.standing()) == .notRecruiting)
    }

    @Test func aStudyFillsWaitsForReviewAndCompletes() throws {
        var study = try Self.study(places: 2)
        study = StudyProgress.moved(study, from: nil, to: .active)
        study = StudyProgress.moved(study, from: nil, to: .active)
        #expect(study.placesTaken == 2 && study.status == .active)
        study = StudyProgress.moved(study, from: .active, to: .awaitingReview)
        #expect(study.status == .active)
        study = StudyProgress.moved(study, from: .active, to: .returned)
        #expect(study.placesTaken == 1 && study.numberOfSubmissions == 2 && study.status == .active)
        study = StudyProgress.moved(study, from: nil, to: .active)
        study = StudyProgress.moved(study, from: .active, to: .approved)
        #expect(study.status == .awaitingReview)
        // A rejection frees the place: the study recruits a replacement.
        study = StudyProgress.moved(study, from: .awaitingReview, to: .rejected)
        #expect(study.status == .active && study.placesTaken == 1)
        study = StudyProgress.moved(study, from: nil, to: .active)
        study = StudyProgress.moved(study, from: .active, to: .approved)
        #expect(study.status == .completed)
        #expect(study.submissions.count(.approved) == 2 && study.numberOfSubmissions == 4)
    }

    @Test func usedUpScreenOutSlotsPauseAndAStoppedStudyDoesNotRecruitAgain() throws {
        var screening = try Self.study(places: 5)
        screening.content.completionCodes = [
            CompletionCode(code: "S", codeType: "FIXED_SCREENOUT", actions: [.fixedScreenOutPayment(reward: 10, slots: 1)], actor: .participant)
        ]
        screening = StudyProgress.moved(screening, from: nil, to: .active)
        screening = StudyProgress.moved(screening, from: .active, to: .screenedOut, usesScreenOutSlot: true)
        #expect(screening.status == .paused)

        var study = try Self.study(places: 2)
        study = StudyProgress.moved(study, from: nil, to: .active)
        study = StudyProgress.moved(study, from: .active, to: .awaitingReview)
        let wallet = Wallet(workspaceID: study.workspaceID, createdAt: study.createdAt, totalCents: 100_000, reservedCents: 1_000)
        study.reservedCents = 1_000
        let (stopped, _) = try StudyTransitions.apply(.stop, publishAt: nil, to: study, wallet: wallet, now: study.createdAt, settings: .standard)
        #expect(stopped.status == .awaitingReview)
        let approved = StudyProgress.moved(stopped, from: .awaitingReview, to: .approved)
        #expect(approved.status == .completed)
        let rejected = StudyProgress.moved(stopped, from: .awaitingReview, to: .rejected)
        #expect(rejected.status == .completed)
    }
}
