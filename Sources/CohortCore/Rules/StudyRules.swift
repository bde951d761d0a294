/// The rules of a study's fields: a create body made into a draft with Prolific's defaults, a
/// PATCH applied (any field of a draft; after publishing only those the document lists), every
/// bad field named in one answer.
public enum StudyRules {
    /// The fields `create-study` requires.
    static let requiredOnCreate = [
        "name", "description", "prolific_id_option", "total_available_places", "estimated_completion_time", "reward",
    ]
    /// The most places, minutes or cents a study may name: far beyond any real study, and safe
    /// from overflow when multiplied.
    public static let maximumNumber = 1_000_000_000
    /// `maximum_allowed_time` when none is given, and its largest value: a week, in minutes
    /// (Prolific's document: "the default value is set to the max value", not stating it).
    public static let maximumAllowedTimeCeiling = 10_080
    /// Prolific's minimum reward rate, in cents an hour ("£6 / $8 per hour").
    public static func minimumHourlyReward(_ currency: CurrencyCode) -> Int {
        switch currency {
        case .gbp: 600
        case .usd: 800
        }
    }

    /// A new draft's content from a create body.
    public static func newContent(_ input: StudyInput, references: StudyReferences) throws(CohortError) -> StudyContent {
        var errors = FieldErrors()
        let fields = presentFields(input)
        for field in requiredOnCreate where !fields.contains(field) { errors.add(field, "This field is required.") }
        if input.externalStudyURL == nil, case .keep = input.accessDetails, !isTaskBuilder(input.dataCollectionMethod) {
            errors.add("external_study_url", "Provide one of external_study_url or access_details.")
        }
        let placeholder = StudyContent(
            name: "", description: "", externalStudyURL: nil, prolificIDOption: .urlParameters, completionCodes: [],
            totalAvailablePlaces: 0, estimatedCompletionTime: 0, maximumAllowedTime: 0, reward: 0)
        let content = merge(input, into: placeholder, isNew: true, references: references, errors: &errors)
        try errors.throwIfAny()
        return content
    }

    /// `current` after a PATCH. A published study takes only the fields Prolific lists
    /// (``changeableAfterPublishing``); any other field sent with a new value is refused.
    public static func updatedContent(
        _ current: StudyContent, status: StudyStatus, _ input: StudyInput, references: StudyReferences
    ) throws(CohortError) -> StudyContent {
        var errors = FieldErrors()
        let updated = merge(input, into: current, isNew: false, references: references, errors: &errors)
        try errors.throwIfAny()
        if status != .unpublished {
            for field in changedFields(current, updated) where !changeableAfterPublishing.contains(field) {
                errors.add(field, "This field cannot be changed once the study is published.")
            }
            if updated.totalAvailablePlaces < current.totalAvailablePlaces {
                errors.add("total_available_places", "The number of places can only be increased once the study is published.")
            }
            if let before = current.annotatorsPerTask, let after = updated.annotatorsPerTask, after < before {
                errors.add("data_collection_metadata", "annotators_per_task can only be increased once the study is published.")
            }
            if let before = current.accessDetails, let after = updated.accessDetails,
                after.count < before.count || zip(before, after).contains(where: { $0.externalURL != $1.externalURL || $1.totalAllocation < $0.totalAllocation })
            {
                errors.add("access_details", "Access details can only be added to, or given more places, once the study is published.")
            }
            if !codesDifferOnlyInSlots(current.completionCodes, updated.completionCodes) {
                errors.add("completion_codes", "Only the slots of a fixed screen-out code can be changed once the study is published.")
            }
        }
        try errors.throwIfAny()
        return updated
    }

    /// What a published study may still change (Prolific's `update-study`); `completion_codes`
    /// only in a fixed screen-out action's `slots`.
    public static let changeableAfterPublishing: Set<String> = [
        "internal_name", "total_available_places", "access_details", "data_collection_metadata", "submissions_config",
        "completion_codes",
    ]

    // MARK: Merging

    private static func merge(
        _ input: StudyInput, into current: StudyContent, isNew: Bool, references: StudyReferences,
        errors: inout FieldErrors
    ) -> StudyContent {
        var content = current
        if let name = input.name { content.name = TextRules.name(name, field: "name", into: &errors) }
        if case .set(let internalName) = input.internalName { content.internalName = internalName }
        if let description = input.description {
            if description.trimmingWhitespace().isEmpty { errors.add("description", "This field may not be blank.") }
            TextRules.description(description, into: &errors)
            content.description = description
        }
        if let url = input.externalStudyURL {
            if isPlausibleURL(url) { content.externalStudyURL = url } else {
                errors.add("external_study_url", "Enter a valid URL (http or https).")
            }
        }
        if let option = input.prolificIDOption {
            if let parsed = ProlificIDOption(rawValue: option) { content.prolificIDOption = parsed } else {
                errors.add("prolific_id_option", choiceMessage(option, ProlificIDOption.allCases.map(\.rawValue)))
            }
        }
        if let places = integer(input.totalAvailablePlaces, "total_available_places", minimum: 1, &errors) {
            content.totalAvailablePlaces = places
        }
        if let minutes = integer(input.estimatedCompletionTime, "estimated_completion_time", minimum: 1, &errors) {
            content.estimatedCompletionTime = minutes
        }
        if let reward = integer(input.reward, "reward", minimum: 1, &errors) { content.reward = reward }
        if let maximum = integer(input.maximumAllowedTime, "maximum_allowed_time", minimum: 1, &errors) {
            content.maximumAllowedTime = maximum
        } else if isNew || input.estimatedCompletionTime != nil && input.maximumAllowedTime == nil
            && content.maximumAllowedTime < minimumAllowedTime(estimated: content.estimatedCompletionTime)
        {
            content.maximumAllowedTime = max(maximumAllowedTimeCeiling, minimumAllowedTime(estimated: content.estimatedCompletionTime))
        }
        if let devices = input.deviceCompatibility {
            content.deviceCompatibility = choices(devices, "device_compatibility", ["desktop", "tablet", "mobile"], &errors)
        }
        if let peripherals = input.peripheralRequirements {
            content.peripheralRequirements = choices(
                peripherals, "peripheral_requirements", ["audio", "camera", "download", "microphone"], &errors)
        }
        if let labels = input.studyLabels { content.studyLabels = choices(labels, "study_labels", studyLabels, &errors) }
        if let warnings = input.contentWarnings {
            content.contentWarnings = choices(warnings, "content_warnings", ["sensitive", "explicit"], &errors)
        }
        if let details = input.contentWarningDetails { content.contentWarningDetails = details }
        if case .set(let metadata) = input.metadata { content.metadata = metadata }
        if case .set(let pool) = input.credentialPoolID { content.credentialPoolID = pool }
        if let hasCredentials = input.hasCredentials { content.hasCredentials = hasCredentials }
        if let secure = input.isExternalStudyURLSecure { content.isExternalStudyURLSecure = secure }
        if case .set(let rate) = input.naivetyDistributionRate {
            TextRules.naivetyRate(rate, into: &errors)
            content.naivetyDistributionRate = rate
        }
        if case .set(let method) = input.dataCollectionMethod {
            if let method, !["AI_TASK_BUILDER_BATCH", "AI_TASK_BUILDER_COLLECTION"].contains(method) {
                errors.add("data_collection_method", choiceMessage(method, ["AI_TASK_BUILDER_BATCH", "AI_TASK_BUILDER_COLLECTION"]))
            }
            content.dataCollectionMethod = method
        }
        if case .set(let id) = input.dataCollectionID { content.dataCollectionID = id }
        if case .set(let annotators) = input.annotatorsPerTask {
            if let annotators, annotators < 1 {
                errors.add("data_collection_metadata", "annotators_per_task must be at least 1.")
            }
            content.annotatorsPerTask = annotators
        }
        if case .set(let details) = input.accessDetails {
            content.accessDetails = details.map { accessDetails($0, &errors) }
        }
        if let config = input.submissionsConfig {
            content.submissionsConfig = submissionsConfig(config, onto: content.submissionsConfig, &errors)
        }
        mergeFilters(input, into: &content, references: references, errors: &errors)
        mergeCodes(input, into: &content, references: references, errors: &errors)
        checkWhole(content, references: references, errors: &errors)
        return content
    }

    private static func mergeFilters(
        _ input: StudyInput, into content: inout StudyContent, references: StudyReferences, errors: inout FieldErrors
    ) {
        if case .set(let filters) = input.filters {
            content.filters = filters.map { StudyFilterRules.filters($0, references: references, into: &errors) }
        }
        if let requirements = input.eligibilityRequirements {
            let translated = EligibilityRequirements.filters(requirements, references: references, into: &errors)
            content.filters = (content.filters ?? []) + translated
        }
        if case .set(let setID) = input.filterSetID { content.filterSetID = setID }
        if case .set(let version) = input.filterSetVersion {
            if let version, version < 1 { errors.add("filter_set_version", "Ensure this value is greater than or equal to 1.") }
            content.filterSetVersion = version
        }
        if content.filterSetID != nil, let filters = content.filters, !filters.isEmpty {
            errors.add("filter_set_id", "A filter set cannot be used together with filters.")
        }
        if content.filterSetID == nil { content.filterSetVersion = nil }
    }

    private static func mergeCodes(
        _ input: StudyInput, into content: inout StudyContent, references: StudyReferences, errors: inout FieldErrors
    ) {
        // The Go CLI's templates send the legacy code beside `completion_codes`: the list wins.
        if input.completionCodes == nil, let single = input.completionCode {
            let action = input.completionCodeAction ?? "MANUALLY_REVIEW"
            let code = CompletionCodeInput(
                code: .set(single), codeType: "COMPLETED", actions: [CodeActionInput(action: action)], actor: nil)
            content.completionCodes = CompletionCodeRules.codes(
                [code], field: "completion_code", reward: content.reward, references: references, into: &errors)
        }
        if let codes = input.completionCodes {
            content.completionCodes = CompletionCodeRules.codes(codes, reward: content.reward, references: references, into: &errors)
        }
    }

    /// Rules across fields, on the content as it would be stored.
    private static func checkWhole(_ content: StudyContent, references: StudyReferences, errors: inout FieldErrors) {
        let taskBuilder = isTaskBuilder(content.dataCollectionMethod)
        if taskBuilder {
            if content.externalStudyURL != nil || content.accessDetails != nil {
                errors.add("data_collection_method", "data_collection_method cannot be used with external_study_url or access_details.")
            }
            if content.dataCollectionID == nil { errors.add("data_collection_id", "data_collection_id is required with data_collection_method.") }
        }
        if let details = content.accessDetails, !details.isEmpty,
            details.reduce(0, { $0 + $1.totalAllocation }) != content.totalAvailablePlaces
        {
            errors.add("access_details", "The total_allocation of all access_details must add up to total_available_places.")
        }
        if content.completionCodes.isEmpty && !taskBuilder
            && !errors.messages.keys.contains(where: { $0.hasPrefix("completion_code") })
        {
            errors.add("completion_codes", "Specify at least one completion code.")
        }
        if content.estimatedCompletionTime > 0 {
            let minimum = minimumAllowedTime(estimated: content.estimatedCompletionTime)
            if content.maximumAllowedTime < minimum {
                errors.add("maximum_allowed_time", "Ensure this value is at least \(minimum) minutes for this estimated_completion_time.")
            } else if content.maximumAllowedTime > max(maximumAllowedTimeCeiling, minimum) {
                errors.add("maximum_allowed_time", "Ensure this value is at most \(max(maximumAllowedTimeCeiling, minimum)) minutes.")
            }
            let minimumRate = minimumHourlyReward(references.currency)
            if content.reward > 0, content.reward * 60 < minimumRate * content.estimatedCompletionTime {
                errors.add(
                    "reward",
                    "The reward rate must meet the minimum of \(minimumRate) cents (\(references.currency.rawValue)) per hour.")
            }
        }
        if content.studyLabels.count > 1 { errors.add("study_labels", "Only a single option can be selected.") }
        if content.contentWarnings.count > 1 { errors.add("content_warnings", "Only a single option can be selected.") }
        for code in content.completionCodes {
            for case .fixedScreenOutPayment(let reward, _) in code.actions where reward >= content.reward {
                errors.add("completion_codes", "fixed_screen_out_reward must be less than the study's reward.")
            }
        }
    }

    /// Prolific's document: "two minutes plus two times the estimated time plus two times the
    /// square root of the estimated time", rounded up to a whole minute.
    public static func minimumAllowedTime(estimated: Int) -> Int {
        let minutes = 2 + 2 * Double(estimated) + 2 * Double(estimated).squareRoot()
        return Int(minutes.rounded(.up))
    }

    // MARK: Field helpers

    /// A whole number within bounds; JSON sends numbers, and Prolific's document types these as
    /// doubles, so `10.0` is 10 and `10.5` is refused.
    static func integer(_ value: Double?, _ field: String, minimum: Int, _ errors: inout FieldErrors) -> Int? {
        guard let value else { return nil }
        guard value.isFinite, value.rounded() == value else {
            errors.add(field, "A valid integer is required.")
            return nil
        }
        guard value >= Double(minimum) else {
            errors.add(field, "Ensure this value is greater than or equal to \(minimum).")
            return nil
        }
        guard value <= Double(maximumNumber) else {
            errors.add(field, "Ensure this value is less than or equal to \(maximumNumber).")
            return nil
        }
        return Int(value)
    }

    private static func choices(_ values: [String], _ field: String, _ allowed: [String], _ errors: inout FieldErrors) -> [String] {
        for value in values where !allowed.contains(value) { errors.add(field, choiceMessage(value, allowed)) }
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    static func choiceMessage(_ value: String, _ allowed: [String]) -> String {
        "\"\(value)\" is not a valid choice (one of: \(allowed.joined(separator: ", ")))."
    }

    static let studyLabels = [
        "survey", "writing_task", "annotation", "decision_making_task", "interview", "other", "ai_annotation",
        "ai_evaluation", "ai_reasoning", "ai_fact_checking", "ai_safety", "ai_data_creation_text",
        "ai_data_creation_audio", "ai_data_creation_video", "ai_data_creation_images", "ai_other",
    ]

    private static func accessDetails(_ inputs: [AccessDetailInput], _ errors: inout FieldErrors) -> [AccessDetail] {
        inputs.enumerated().compactMap { index, input in
            let path = "access_details[\(index)]"
            guard let url = input.externalURL else {
                errors.add("\(path).external_url", "This field is required.")
                return nil
            }
            if !isPlausibleURL(url) { errors.add("\(path).external_url", "Enter a valid URL (http or https).") }
            guard input.totalAllocation != nil else {
                errors.add("\(path).total_allocation", "This field is required.")
                return nil
            }
            guard let places = integer(input.totalAllocation, "\(path).total_allocation", minimum: 1, &errors) else { return nil }
            return AccessDetail(externalURL: url, totalAllocation: places)
        }
    }

    private static func submissionsConfig(
        _ input: SubmissionsConfigInput, onto current: SubmissionsConfig, _ errors: inout FieldErrors
    ) -> SubmissionsConfig {
        var config = current
        switch input.maxSubmissionsPerParticipant {
        case .keep: break
        case .set(nil): config.maxSubmissionsPerParticipant = 1
        case .set(let value?):
            if value == 0 || value < -1 {
                errors.add("submissions_config.max_submissions_per_participant", "Must be -1 (no limit) or at least 1.")
            }
            config.maxSubmissionsPerParticipant = value
        }
        switch input.maxConcurrentSubmissions {
        case .keep: break
        case .set(nil): config.maxConcurrentSubmissions = -1
        case .set(let value?):
            if value == 0 || value < -1 {
                errors.add("submissions_config.max_concurrent_submissions", "Must be -1 (no limit) or at least 1.")
            }
            config.maxConcurrentSubmissions = value
        }
        if let categories = input.autoRejectionCategories {
            config.autoRejectionCategories = choices(
                categories, "submissions_config.auto_rejection_categories", ["EXCEPTIONALLY_FAST"], &errors)
        }
        return config
    }

    static func isPlausibleURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return false }
        let rest = lower.drop(while: { $0 != "/" }).dropFirst(2)
        return !rest.isEmpty && !rest.hasPrefix("/") && !text.contains(where: { $0.isWhitespace })
    }

    private static func isTaskBuilder(_ method: Change<String?>) -> Bool {
        if case .set(let method?) = method { return isTaskBuilder(method) }
        return false
    }

    private static func isTaskBuilder(_ method: String?) -> Bool { method != nil }

    /// Why a group named by a study cannot be used, or `nil`: it must be a group of the study's
    /// workspace. One the caller cannot see is not found; one of another of their workspaces (or
    /// of their organisation) is named as such.
    static func groupProblem(_ text: String, _ references: StudyReferences) -> String? {
        guard let id = GroupID(text), let group = references.groups[id] ?? nil else {
            return "Participant group '\(text)' was not found."
        }
        guard group.owner.workspaceID == references.workspaceID else {
            return "Participant group '\(text)' is not in this study's workspace."
        }
        return nil
    }

    // MARK: What a PATCH changed

    /// The wire names of the fields that differ.
    static func changedFields(_ a: StudyContent, _ b: StudyContent) -> [String] {
        var fields: [String] = []
        func check<T: Equatable>(_ name: String, _ key: KeyPath<StudyContent, T>) { if a[keyPath: key] != b[keyPath: key] { fields.append(name) } }
        check("name", \.name)
        check("internal_name", \.internalName)
        check("description", \.description)
        check("external_study_url", \.externalStudyURL)
        check("prolific_id_option", \.prolificIDOption)
        check("completion_codes", \.completionCodes)
        check("total_available_places", \.totalAvailablePlaces)
        check("estimated_completion_time", \.estimatedCompletionTime)
        check("maximum_allowed_time", \.maximumAllowedTime)
        check("reward", \.reward)
        check("device_compatibility", \.deviceCompatibility)
        check("peripheral_requirements", \.peripheralRequirements)
        check("filters", \.filters)
        check("filter_set_id", \.filterSetID)
        check("filter_set_version", \.filterSetVersion)
        check("naivety_distribution_rate", \.naivetyDistributionRate)
        check("submissions_config", \.submissionsConfig)
        check("study_labels", \.studyLabels)
        check("content_warnings", \.contentWarnings)
        check("content_warning_details", \.contentWarningDetails)
        check("metadata", \.metadata)
        check("credential_pool_id", \.credentialPoolID)
        check("has_credentials", \.hasCredentials)
        check("data_collection_method", \.dataCollectionMethod)
        check("data_collection_id", \.dataCollectionID)
        check("data_collection_metadata", \.annotatorsPerTask)
        check("access_details", \.accessDetails)
        check("is_external_study_url_secure", \.isExternalStudyURLSecure)
        return fields
    }

    private static func codesDifferOnlyInSlots(_ a: [CompletionCode], _ b: [CompletionCode]) -> Bool {
        func withoutSlots(_ codes: [CompletionCode]) -> [CompletionCode] {
            codes.map { code in
                var code = code
                code.actions = code.actions.map { action in
                    if case .fixedScreenOutPayment(let reward, _) = action { return .fixedScreenOutPayment(reward: reward, slots: 0) }
                    return action
                }
                return code
            }
        }
        return withoutSlots(a) == withoutSlots(b)
    }

    /// The wire names of the fields a body sent.
    static func presentFields(_ input: StudyInput) -> Set<String> {
        var fields = Set<String>()
        if input.name != nil { fields.insert("name") }
        if input.description != nil { fields.insert("description") }
        if input.prolificIDOption != nil { fields.insert("prolific_id_option") }
        if input.totalAvailablePlaces != nil { fields.insert("total_available_places") }
        if input.estimatedCompletionTime != nil { fields.insert("estimated_completion_time") }
        if input.reward != nil { fields.insert("reward") }
        return fields
    }
}
