/// The Cohort objects a study body names (groups in codes and filters, studies in filters), as
/// loaded for ``StudyRules``: rules decide from these facts, the use case loads them.
public struct StudyReferences: Sendable {
    /// The workspace the study is (or will be) in.
    public let workspaceID: WorkspaceID
    public let currency: CurrencyCode
    /// Groups named, `nil` for those that do not exist or the caller cannot see.
    public var groups: [GroupID: ParticipantGroup?]
    /// Studies named, `nil` for those that do not exist or the caller cannot see.
    public var studies: [StudyID: Study?]

    public init(
        workspaceID: WorkspaceID, currency: CurrencyCode, groups: [GroupID: ParticipantGroup?] = [:],
        studies: [StudyID: Study?] = [:]
    ) {
        self.workspaceID = workspaceID
        self.currency = currency
        self.groups = groups
        self.studies = studies
    }

    /// The ids a body names, so that they can be loaded before it is validated.
    public static func named(in input: StudyInput) -> (groups: Set<GroupID>, studies: Set<StudyID>) {
        var groups = Set<GroupID>()
        var studies = Set<StudyID>()
        for code in input.completionCodes ?? [] {
            for action in code.actions ?? [] {
                if let text = action.participantGroup, let id = GroupID(text) { groups.insert(id) }
            }
        }
        func walk(_ filters: [StudyFilterInput]) {
            for filter in filters {
                switch filter.filterID {
                case StudyFilterRules.groupAllowlist, StudyFilterRules.groupBlocklist:
                    for value in filter.selectedValues ?? [] { if let id = GroupID(value) { groups.insert(id) } }
                case StudyFilterRules.studyAllowlist, StudyFilterRules.studyBlocklist:
                    for value in filter.selectedValues ?? [] { if let id = StudyID(value) { studies.insert(id) } }
                default: break
                }
                walk(filter.selectedFilters ?? [])
            }
        }
        if case .set(let filters?) = input.filters { walk(filters) }
        for requirement in input.eligibilityRequirements ?? [] where requirement.kind == EligibilityRequirements.groupKind {
            for text in requirement.ids { if let id = GroupID(text) { groups.insert(id) } }
        }
        return (groups, studies)
    }
}
