/// What a participant taking a place in a study is checked against, in order (lifecycle.md
/// §4.2): the study recruiting, its filters (group allow and block lists evaluated on the
/// membership as it is now, custom lists, previous studies), a place left, then the study's
/// per-participant limits. Pure: the use case loads the standing and calls it in the transaction
/// that takes the place.
public enum PlaceRules {
    /// What is known of the participant when they take a place.
    public struct Standing: Hashable, Sendable {
        public let participant: ParticipantID
        /// The groups, among those the study's filters name, the participant is a member of now.
        public let groups: Set<GroupID>
        /// The studies, among those the study's filters name, the participant has taken part in.
        public let previousStudies: Set<StudyID>
        /// The participant's submissions in this study, in any status.
        public let submissionsHere: [SubmissionStatus]

        public init(participant: ParticipantID, groups: Set<GroupID>, previousStudies: Set<StudyID>, submissionsHere: [SubmissionStatus]) {
            self.participant = participant
            self.groups = groups
            self.previousStudies = previousStudies
            self.submissionsHere = submissionsHere
        }
    }

    /// Refuses with the reason, in Prolific's envelope, or returns when the place may be taken.
    public static func check(_ study: Study, _ standing: Standing) throws(CohortError) {
        guard study.status == .active else {
            throw CohortError(.notRecruiting, "The study is \(study.status.rawValue) and is not taking participants.")
        }
        for filter in study.content.filters ?? [] where !admits(filter, standing) {
            throw CohortError(
                .notEligible, "Participant \(standing.participant.hex) is not eligible for this study (filter \(filter.filterID)).")
        }
        guard study.submissions.placesTaken < study.content.totalAvailablePlaces else {
            throw CohortError(.noPlaceLeft, "Every place of the study is taken.")
        }
        let config = study.content.submissionsConfig
        // Every earlier submission counts, a returned one too: Prolific does not let a participant
        // back into a study they left.
        if config.maxSubmissionsPerParticipant >= 0, standing.submissionsHere.count >= config.maxSubmissionsPerParticipant {
            throw CohortError(
                .submissionLimit,
                "Participant \(standing.participant.hex) has \(standing.submissionsHere.count) submission(s) in this study, its limit per participant.")
        }
        let ongoing = standing.submissionsHere.filter(\.isInProgress).count
        if config.maxConcurrentSubmissions >= 0, ongoing >= config.maxConcurrentSubmissions {
            throw CohortError(
                .submissionLimit,
                "Participant \(standing.participant.hex) has \(ongoing) submission(s) in progress in this study, its limit at once.")
        }
    }

    /// Whether the filter lets the participant in. Filters on what a participant answered (age,
    /// country, ...) admit everyone until Cohort's participants have answers (docs/compatibility.md).
    public static func admits(_ filter: StudyFilter, _ standing: Standing) -> Bool {
        switch filter {
        case .select(let id, let values, _):
            let listed = Set(values)
            switch id {
            case StudyFilterRules.groupAllowlist: return standing.groups.contains { listed.contains($0.hex) }
            case StudyFilterRules.groupBlocklist: return !standing.groups.contains { listed.contains($0.hex) }
            case StudyFilterRules.studyAllowlist: return standing.previousStudies.contains { listed.contains($0.hex) }
            case StudyFilterRules.studyBlocklist: return !standing.previousStudies.contains { listed.contains($0.hex) }
            case StudyFilterRules.customAllowlist: return listed.contains(standing.participant.hex)
            case StudyFilterRules.customBlocklist: return !listed.contains(standing.participant.hex)
            default: return true
            }
        case .range:
            return true
        case .composite(let and, let filters):
            return and ? filters.allSatisfy { admits($0, standing) } : filters.contains { admits($0, standing) }
        }
    }

    /// The groups and studies the study's filters name, which the use case loads the
    /// participant's standing for.
    public static func referenced(by study: Study) -> (groups: Set<GroupID>, studies: Set<StudyID>) {
        var groups: Set<GroupID> = []
        var studies: Set<StudyID> = []
        func visit(_ filter: StudyFilter) {
            switch filter {
            case .select(let id, let values, _):
                if id == StudyFilterRules.groupAllowlist || id == StudyFilterRules.groupBlocklist {
                    groups.formUnion(values.compactMap { GroupID($0) })
                } else if id == StudyFilterRules.studyAllowlist || id == StudyFilterRules.studyBlocklist {
                    studies.formUnion(values.compactMap { StudyID($0) })
                }
            case .range: break
            case .composite(_, let filters): filters.forEach(visit)
            }
        }
        (study.content.filters ?? []).forEach(visit)
        return (groups, studies)
    }
}
