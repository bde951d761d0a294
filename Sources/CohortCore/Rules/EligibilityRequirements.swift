/// Prolific's legacy `eligibility_requirements`, as Mephisto still sends them, read as the filters
/// that replaced them: a participant group requirement is a `participant_group_allowlist`, a
/// custom allow or block list a `custom_allowlist` / `custom_blocklist`. Others (age, approval
/// rate) have no filter catalogue to map to yet and are accepted and dropped
/// (docs/compatibility.md).
public enum EligibilityRequirements {
    public static let groupKind = "web.eligibility.models.ParticipantGroupEligibilityRequirement"
    public static let allowlistKind = "web.eligibility.models.CustomWhitelistEligibilityRequirement"
    public static let blocklistKind = "web.eligibility.models.CustomBlacklistEligibilityRequirement"

    static func filters(
        _ requirements: [EligibilityRequirementInput], references: StudyReferences, into errors: inout FieldErrors
    ) -> [StudyFilter] {
        var filters: [StudyFilter] = []
        for (index, requirement) in requirements.enumerated() {
            let field = "eligibility_requirements[\(index)]"
            let filterID: String
            switch requirement.kind {
            case groupKind: filterID = StudyFilterRules.groupAllowlist
            case allowlistKind: filterID = StudyFilterRules.customAllowlist
            case blocklistKind: filterID = StudyFilterRules.customBlocklist
            default: continue
            }
            guard !requirement.ids.isEmpty else {
                errors.add(field, "The requirement names no ids.")
                continue
            }
            let input = StudyFilterInput(filterID: filterID, selectedValues: requirement.ids)
            filters += StudyFilterRules.filters([input], field: field, references: references, into: &errors)
        }
        return filters
    }
}
