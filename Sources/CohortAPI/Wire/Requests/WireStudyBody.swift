public import OpenAPIRuntime

/// `#/components/schemas/CreateStudy` and `UpdateStudy`: every field as sent. Required fields
/// are checked by the core, so that one answer names all that are missing; `null` is refused
/// where the field is not nullable (but `device_compatibility`, which the Go CLI sends as `null`);
/// unknown fields are ignored, as clients send many (`completion_option`, `status`, ...).
public struct WireStudyBody: Codable, Hashable, Sendable {
    public var name: String?
    public var internalName: PatchField<String> = .absent
    public var description: String?
    public var externalStudyUrl: String?
    public var prolificIdOption: String?
    public var completionCodes: [WireCompletionCode]?
    public var totalAvailablePlaces: Double?
    public var estimatedCompletionTime: Double?
    public var maximumAllowedTime: Double?
    public var reward: Double?
    public var deviceCompatibility: [String]?
    public var peripheralRequirements: [String]?
    public var filters: PatchField<[WireStudyFilter]> = .absent
    public var filterSetId: PatchField<String> = .absent
    public var filterSetVersion: PatchField<Int> = .absent
    public var naivetyDistributionRate: PatchField<Double> = .absent
    public var project: String?
    public var submissionsConfig: WireSubmissionsConfig?
    public var studyLabels: [String]?
    public var contentWarnings: [String]?
    public var contentWarningDetails: String?
    public var metadata: PatchField<String> = .absent
    public var credentialPoolId: PatchField<String> = .absent
    public var hasCredentials: Bool?
    public var dataCollectionMethod: PatchField<String> = .absent
    public var dataCollectionId: PatchField<String> = .absent
    public var dataCollectionMetadata: PatchField<DataCollectionMetadata> = .absent
    public var accessDetails: PatchField<[WireAccessDetail]> = .absent
    public var isExternalStudyUrlSecure: Bool?
    public var completionCode: String?
    public var completionCodeAction: String?
    public var eligibilityRequirements: [OpenAPIObjectContainer]?

    public struct DataCollectionMetadata: Codable, Hashable, Sendable {
        public var annotatorsPerTask: Int?

        public init(annotatorsPerTask: Int?) {
            self.annotatorsPerTask = annotatorsPerTask
        }

        enum CodingKeys: String, CodingKey {
            case annotatorsPerTask = "annotators_per_task"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            annotatorsPerTask = try container.decodeWholeNumber(forKey: .annotatorsPerTask)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeNullable(annotatorsPerTask, forKey: .annotatorsPerTask)
        }
    }

    public init() {}

    enum CodingKeys: String, CodingKey {
        case name, description, reward, filters, project, metadata
        case internalName = "internal_name"
        case externalStudyUrl = "external_study_url"
        case prolificIdOption = "prolific_id_option"
        case completionCodes = "completion_codes"
        case totalAvailablePlaces = "total_available_places"
        case estimatedCompletionTime = "estimated_completion_time"
        case maximumAllowedTime = "maximum_allowed_time"
        case deviceCompatibility = "device_compatibility"
        case peripheralRequirements = "peripheral_requirements"
        case filterSetId = "filter_set_id"
        case filterSetVersion = "filter_set_version"
        case naivetyDistributionRate = "naivety_distribution_rate"
        case submissionsConfig = "submissions_config"
        case studyLabels = "study_labels"
        case contentWarnings = "content_warnings"
        case contentWarningDetails = "content_warning_details"
        case credentialPoolId = "credential_pool_id"
        case hasCredentials = "has_credentials"
        case dataCollectionMethod = "data_collection_method"
        case dataCollectionId = "data_collection_id"
        case dataCollectionMetadata = "data_collection_metadata"
        case accessDetails = "access_details"
        case isExternalStudyUrlSecure = "is_external_study_url_secure"
        case completionCode = "completion_code"
        case completionCodeAction = "completion_code_action"
        case eligibilityRequirements = "eligibility_requirements"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeNonNull(String.self, forKey: .name)
        internalName = try c.decodePatchField(String.self, forKey: .internalName)
        description = try c.decodeNonNull(String.self, forKey: .description)
        externalStudyUrl = try c.decodeNonNull(String.self, forKey: .externalStudyUrl)
        prolificIdOption = try c.decodeNonNull(String.self, forKey: .prolificIdOption)
        completionCodes = try c.decodeNonNull([WireCompletionCode].self, forKey: .completionCodes)
        totalAvailablePlaces = try c.decodeNonNull(Double.self, forKey: .totalAvailablePlaces)
        estimatedCompletionTime = try c.decodeNonNull(Double.self, forKey: .estimatedCompletionTime)
        maximumAllowedTime = try c.decodeNonNull(Double.self, forKey: .maximumAllowedTime)
        reward = try c.decodeNonNull(Double.self, forKey: .reward)
        deviceCompatibility = try c.decodeIfPresent([String].self, forKey: .deviceCompatibility)
        peripheralRequirements = try c.decodeNonNull([String].self, forKey: .peripheralRequirements)
        filters = try c.decodePatchField([WireStudyFilter].self, forKey: .filters)
        filterSetId = try c.decodePatchField(String.self, forKey: .filterSetId)
        filterSetVersion = try c.decodePatchField(Int.self, forKey: .filterSetVersion)
        naivetyDistributionRate = try c.decodePatchField(Double.self, forKey: .naivetyDistributionRate)
        project = try c.decodeNonNull(String.self, forKey: .project)
        submissionsConfig = try c.decodeNonNull(WireSubmissionsConfig.self, forKey: .submissionsConfig)
        studyLabels = try c.decodeNonNull([String].self, forKey: .studyLabels)
        contentWarnings = try c.decodeNonNull([String].self, forKey: .contentWarnings)
        contentWarningDetails = try c.decodeNonNull(String.self, forKey: .contentWarningDetails)
        metadata = try c.decodePatchField(String.self, forKey: .metadata)
        credentialPoolId = try c.decodePatchField(String.self, forKey: .credentialPoolId)
        hasCredentials = try c.decodeNonNull(Bool.self, forKey: .hasCredentials)
        dataCollectionMethod = try c.decodePatchField(String.self, forKey: .dataCollectionMethod)
        dataCollectionId = try c.decodePatchField(String.self, forKey: .dataCollectionId)
        dataCollectionMetadata = try c.decodePatchField(DataCollectionMetadata.self, forKey: .dataCollectionMetadata)
        accessDetails = try c.decodePatchField([WireAccessDetail].self, forKey: .accessDetails)
        isExternalStudyUrlSecure = try c.decodeNonNull(Bool.self, forKey: .isExternalStudyUrlSecure)
        completionCode = try c.decodeIfPresent(String.self, forKey: .completionCode)
        completionCodeAction = try c.decodeIfPresent(String.self, forKey: .completionCodeAction)
        eligibilityRequirements = try c.decodeIfPresent([OpenAPIObjectContainer].self, forKey: .eligibilityRequirements)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encode(internalName, forKey: .internalName)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(externalStudyUrl, forKey: .externalStudyUrl)
        try c.encodeIfPresent(prolificIdOption, forKey: .prolificIdOption)
        try c.encodeIfPresent(completionCodes, forKey: .completionCodes)
        try c.encodeIfPresent(totalAvailablePlaces, forKey: .totalAvailablePlaces)
        try c.encodeIfPresent(estimatedCompletionTime, forKey: .estimatedCompletionTime)
        try c.encodeIfPresent(maximumAllowedTime, forKey: .maximumAllowedTime)
        try c.encodeIfPresent(reward, forKey: .reward)
        try c.encodeIfPresent(deviceCompatibility, forKey: .deviceCompatibility)
        try c.encodeIfPresent(peripheralRequirements, forKey: .peripheralRequirements)
        try c.encode(filters, forKey: .filters)
        try c.encode(filterSetId, forKey: .filterSetId)
        try c.encode(filterSetVersion, forKey: .filterSetVersion)
        try c.encode(naivetyDistributionRate, forKey: .naivetyDistributionRate)
        try c.encodeIfPresent(project, forKey: .project)
        try c.encodeIfPresent(submissionsConfig, forKey: .submissionsConfig)
        try c.encodeIfPresent(studyLabels, forKey: .studyLabels)
        try c.encodeIfPresent(contentWarnings, forKey: .contentWarnings)
        try c.encodeIfPresent(contentWarningDetails, forKey: .contentWarningDetails)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(credentialPoolId, forKey: .credentialPoolId)
        try c.encodeIfPresent(hasCredentials, forKey: .hasCredentials)
        try c.encode(dataCollectionMethod, forKey: .dataCollectionMethod)
        try c.encode(dataCollectionId, forKey: .dataCollectionId)
        try c.encode(dataCollectionMetadata, forKey: .dataCollectionMetadata)
        try c.encode(accessDetails, forKey: .accessDetails)
        try c.encodeIfPresent(isExternalStudyUrlSecure, forKey: .isExternalStudyUrlSecure)
        try c.encodeIfPresent(completionCode, forKey: .completionCode)
        try c.encodeIfPresent(completionCodeAction, forKey: .completionCodeAction)
        try c.encodeIfPresent(eligibilityRequirements, forKey: .eligibilityRequirements)
    }
}
