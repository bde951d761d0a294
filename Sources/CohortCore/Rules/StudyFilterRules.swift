/// Study filters: their shapes (select, range, `and` / `or` composites, nested), and the filters
/// whose values name Cohort objects, checked against what is stored. Other filter ids are taken
/// when their shape is valid, until a filter catalogue comes (docs/compatibility.md).
public enum StudyFilterRules {
    public static let groupAllowlist = "participant_group_allowlist"
    public static let groupBlocklist = "participant_group_blocklist"
    public static let studyAllowlist = "previous_studies_allowlist"
    public static let studyBlocklist = "previous_studies_blocklist"
    public static let customAllowlist = "custom_allowlist"
    public static let customBlocklist = "custom_blocklist"
    /// Deeper composites than this are refused: a bound on work, far beyond any real filter.
    public static let maximumDepth = 8

    /// The filters as stored, each bad one named under `field` with its position.
    public static func filters(
        _ inputs: [StudyFilterInput], field: String = "filters", references: StudyReferences, into errors: inout FieldErrors
    ) -> [StudyFilter] {
        inputs.enumerated().compactMap { index, input in
            filter(input, path: "\(field)[\(index)]", depth: 1, references: references, into: &errors)
        }
    }

    private static func filter(
        _ input: StudyFilterInput, path: String, depth: Int, references: StudyReferences, into errors: inout FieldErrors
    ) -> StudyFilter? {
        guard let id = input.filterID, !id.isEmpty else {
            errors.add("\(path).filter_id", "This field is required.")
            return nil
        }
        if id == "and" || id == "or" {
            guard depth < maximumDepth else {
                errors.add(path, "Filters may be nested at most \(maximumDepth) deep.")
                return nil
            }
            guard let children = input.selectedFilters, !children.isEmpty else {
                errors.add("\(path).selected_filters", "A composite filter needs at least one filter in selected_filters.")
                return nil
            }
            if input.selectedValues != nil || input.hasSelectedRange {
                errors.add(path, "A composite filter takes selected_filters only.")
            }
            let nested = children.enumerated().compactMap { index, child in
                filter(child, path: "\(path).selected_filters[\(index)]", depth: depth + 1, references: references, into: &errors)
            }
            return nested.count == children.count ? .composite(and: id == "and", filters: nested) : nil
        }
        if input.selectedFilters != nil {
            errors.add("\(path).selected_filters", "Only an 'and' or 'or' filter takes selected_filters.")
        }
        switch (input.selectedValues, input.hasSelectedRange) {
        case (let values?, false):
            guard !values.isEmpty else {
                errors.add("\(path).selected_values", "Select at least one value.")
                return nil
            }
            guard referencesAreValid(id: id, values: values, path: "\(path).selected_values", references, &errors) else {
                return nil
            }
            return .select(id: id, values: values, weightings: input.weightings)
        case (nil, true):
            guard input.lower != nil || input.upper != nil else {
                errors.add("\(path).selected_range", "At least one of lower and upper must be present.")
                return nil
            }
            if case .number(let lower)? = input.lower, case .number(let upper)? = input.upper, lower > upper {
                errors.add("\(path).selected_range", "lower may not be greater than upper.")
                return nil
            }
            if objectLists.contains(id) {
                errors.add("\(path).selected_range", "'\(id)' is a select filter: give selected_values.")
                return nil
            }
            return .range(id: id, lower: input.lower, upper: input.upper, weightings: input.weightings)
        case (_?, true):
            errors.add(path, "A filter takes selected_values or selected_range, not both.")
            return nil
        case (nil, false):
            errors.add(path, "A filter needs selected_values (a select filter) or selected_range (a range filter).")
            return nil
        }
    }

    static let objectLists: Set<String> = [
        groupAllowlist, groupBlocklist, studyAllowlist, studyBlocklist, customAllowlist, customBlocklist,
    ]

    /// Values of the filters that name groups, studies or participants must name ones that exist
    /// where the study is.
    private static func referencesAreValid(
        id: String, values: [String], path: String, _ references: StudyReferences, _ errors: inout FieldErrors
    ) -> Bool {
        var valid = true
        switch id {
        case groupAllowlist, groupBlocklist:
            for value in values {
                if let message = StudyRules.groupProblem(value, references) {
                    errors.add(path, message)
                    valid = false
                }
            }
        case studyAllowlist, studyBlocklist:
            for value in values {
                let study = StudyID(value).flatMap { references.studies[$0] ?? nil }
                if study == nil {
                    errors.add(path, "Study '\(value)' was not found.")
                    valid = false
                }
            }
        case customAllowlist, customBlocklist:
            for value in values where ParticipantID(value) == nil {
                errors.add(path, "'\(value)' is not a participant id (24 lowercase hex characters).")
                valid = false
            }
        default: break
        }
        return valid
    }

    /// The groups a study's filters allow or block, for its group's answers and eligibility.
    public static func groups(in filters: [StudyFilter]) -> [GroupID] {
        filters.flatMap { filter -> [GroupID] in
            switch filter {
            case .select(let id, let values, _) where id == groupAllowlist || id == groupBlocklist:
                values.compactMap { GroupID($0) }
            case .composite(_, let nested): groups(in: nested)
            default: []
            }
        }
    }

    /// `filters` with `study` in a top-level `previous_studies_blocklist` (added when there is none).
    public static func addingToBlocklist(_ study: StudyID, to filters: [StudyFilter]) -> [StudyFilter] {
        var filters = filters
        if let index = filters.firstIndex(where: { $0.filterID == studyBlocklist }),
            case .select(let id, let values, let weightings) = filters[index]
        {
            if !values.contains(study.hex) { filters[index] = .select(id: id, values: values + [study.hex], weightings: weightings) }
        } else {
            filters.append(.select(id: studyBlocklist, values: [study.hex], weightings: nil))
        }
        return filters
    }
}
