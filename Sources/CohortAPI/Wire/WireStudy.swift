public import OpenAPIRuntime

/// `#/components/schemas/Study`: one study in full, every field written (`null` where unset).
public struct WireStudy: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var internalName: String?
    public var description: String
    public var externalStudyUrl: String?
    public var prolificIdOption: String
    public var completionCodes: [WireCompletionCode]
    public var totalAvailablePlaces: Int
    public var estimatedCompletionTime: Int
    public var maximumAllowedTime: Int
    public var reward: Int
    public var deviceCompatibility: [String]
    public var peripheralRequirements: [String]
    public var filters: [WireStudyFilter]?
    public var filterSetId: String?
    public var filterSetVersion: Int?
    public var naivetyDistributionRate: Double?
    public var project: String
    public var workspace: String
    public var submissionsConfig: WireSubmissionsConfig
    public var studyLabels: [String]
    public var contentWarnings: [String]
    public var contentWarningDetails: String
    public var metadata: String?
    public var credentialPoolId: String?
    public var hasCredentials: Bool
    public var dataCollectionMethod: String?
    public var dataCollectionId: String?
    public var dataCollectionMetadata: WireStudyBody.DataCollectionMetadata?
    public var accessDetails: [WireAccessDetail]?
    public var isExternalStudyUrlSecure: Bool
    public var status: String
    public var isReadyToPublish: Bool
    public var studyType: String
    public var dateCreated: String
    public var publishedAt: String?
    public var publishAt: String?
    public var placesTaken: Int
    public var numberOfSubmissions: Int
    public var totalCost: Int
    public var currencyCode: String
    public var isUnderpaying: Bool
    public var averageRewardPerHour: Int
    public var estimatedRewardPerHour: Int
    public var researcher: String
    public var links: Links

    /// `_links.related`: where the study's submissions are listed.
    public struct Links: Codable, Hashable, Sendable {
        public var related: WireLink?

        public init(related: WireLink? = nil) {
            self.related = related
        }
    }

    public init(id: String, name: String, internalName: String? = nil, description: String, externalStudyUrl: String? = nil, prolificIdOption: String, completionCodes: [WireCompletionCode], totalAvailablePlaces: Int, estimatedCompletionTime: Int, maximumAllowedTime: Int, reward: Int, deviceCompatibility: [String], peripheralRequirements: [String], filters: [WireStudyFilter]? = nil, filterSetId: String? = nil, filterSetVersion: Int? = nil, naivetyDistributionRate: Double? = nil, project: String, workspace: String, submissionsConfig: WireSubmissionsConfig, studyLabels: [String], contentWarnings: [String], contentWarningDetails: String, metadata: String? = nil, credentialPoolId: String? = nil, hasCredentials: Bool, dataCollectionMethod: String? = nil, dataCollectionId: String? = nil, dataCollectionMetadata: WireStudyBody.DataCollectionMetadata? = nil, accessDetails: [WireAccessDetail]? = nil, isExternalStudyUrlSecure: Bool, status: String, isReadyToPublish: Bool, studyType: String, dateCreated: String, publishedAt: String? = nil, publishAt: String? = nil, placesTaken: Int, numberOfSubmissions: Int, totalCost: Int, currencyCode: String, isUnderpaying: Bool, averageRewardPerHour: Int, estimatedRewardPerHour: Int, researcher: String, links: Links) {
        self.id = id
        self.name = name
        self.internalName = internalName
        self.description = description
        self.externalStudyUrl = externalStudyUrl
        self.prolificIdOption = prolificIdOption
        self.completionCodes = completionCodes
        self.totalAvailablePlaces = totalAvailablePlaces
        self.estimatedCompletionTime = estimatedCompletionTime
        self.maximumAllowedTime = maximumAllowedTime
        self.reward = reward
        self.deviceCompatibility = deviceCompatibility
        self.peripheralRequirements = peripheralRequirements
        self.filters = filters
        self.filterSetId = filterSetId
        self.filterSetVersion = filterSetVersion
        self.naivetyDistributionRate = naivetyDistributionRate
        self.project = project
        self.workspace = workspace
        self.submissionsConfig = submissionsConfig
        self.studyLabels = studyLabels
        self.contentWarnings = contentWarnings
        self.contentWarningDetails = contentWarningDetails
        self.metadata = metadata
        self.credentialPoolId = credentialPoolId
        self.hasCredentials = hasCredentials
        self.dataCollectionMethod = dataCollectionMethod
        self.dataCollectionId = dataCollectionId
        self.dataCollectionMetadata = dataCollectionMetadata
        self.accessDetails = accessDetails
        self.isExternalStudyUrlSecure = isExternalStudyUrlSecure
        self.status = status
        self.isReadyToPublish = isReadyToPublish
        self.studyType = studyType
        self.dateCreated = dateCreated
        self.publishedAt = publishedAt
        self.publishAt = publishAt
        self.placesTaken = placesTaken
        self.numberOfSubmissions = numberOfSubmissions
        self.totalCost = totalCost
        self.currencyCode = currencyCode
        self.isUnderpaying = isUnderpaying
        self.averageRewardPerHour = averageRewardPerHour
        self.estimatedRewardPerHour = estimatedRewardPerHour
        self.researcher = researcher
        self.links = links
    }

    enum CodingKeys: String, CodingKey {
        case id = "id"
        case name = "name"
        case internalName = "internal_name"
        case description = "description"
        case externalStudyUrl = "external_study_url"
        case prolificIdOption = "prolific_id_option"
        case completionCodes = "completion_codes"
        case totalAvailablePlaces = "total_available_places"
        case estimatedCompletionTime = "estimated_completion_time"
        case maximumAllowedTime = "maximum_allowed_time"
        case reward = "reward"
        case deviceCompatibility = "device_compatibility"
        case peripheralRequirements = "peripheral_requirements"
        case filters = "filters"
        case filterSetId = "filter_set_id"
        case filterSetVersion = "filter_set_version"
        case naivetyDistributionRate = "naivety_distribution_rate"
        case project = "project"
        case workspace = "workspace"
        case submissionsConfig = "submissions_config"
        case studyLabels = "study_labels"
        case contentWarnings = "content_warnings"
        case contentWarningDetails = "content_warning_details"
        case metadata = "metadata"
        case credentialPoolId = "credential_pool_id"
        case hasCredentials = "has_credentials"
        case dataCollectionMethod = "data_collection_method"
        case dataCollectionId = "data_collection_id"
        case dataCollectionMetadata = "data_collection_metadata"
        case accessDetails = "access_details"
        case isExternalStudyUrlSecure = "is_external_study_url_secure"
        case status = "status"
        case isReadyToPublish = "is_ready_to_publish"
        case studyType = "study_type"
        case dateCreated = "date_created"
        case publishedAt = "published_at"
        case publishAt = "publish_at"
        case placesTaken = "places_taken"
        case numberOfSubmissions = "number_of_submissions"
        case totalCost = "total_cost"
        case currencyCode = "currency_code"
        case isUnderpaying = "is_underpaying"
        case averageRewardPerHour = "average_reward_per_hour"
        case estimatedRewardPerHour = "estimated_reward_per_hour"
        case researcher = "researcher"
        case links = "_links"
    }

    /// Lenient, so that the SDK reads Prolific's own answers, which may leave fields out.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        internalName = try c.decodeIfPresent(String.self, forKey: .internalName)
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        externalStudyUrl = try c.decodeIfPresent(String.self, forKey: .externalStudyUrl)
        prolificIdOption = try c.decodeIfPresent(String.self, forKey: .prolificIdOption) ?? "url_parameters"
        completionCodes = try c.decodeIfPresent([WireCompletionCode].self, forKey: .completionCodes) ?? []
        totalAvailablePlaces = try c.decodeWholeNumber(forKey: .totalAvailablePlaces) ?? 0
        estimatedCompletionTime = try c.decodeWholeNumber(forKey: .estimatedCompletionTime) ?? 0
        maximumAllowedTime = try c.decodeWholeNumber(forKey: .maximumAllowedTime) ?? 0
        reward = try c.decodeWholeNumber(forKey: .reward) ?? 0
        deviceCompatibility = try c.decodeIfPresent([String].self, forKey: .deviceCompatibility) ?? []
        peripheralRequirements = try c.decodeIfPresent([String].self, forKey: .peripheralRequirements) ?? []
        filters = try c.decodeIfPresent([WireStudyFilter].self, forKey: .filters)
        filterSetId = try c.decodeIfPresent(String.self, forKey: .filterSetId)
        filterSetVersion = try c.decodeIfPresent(Int.self, forKey: .filterSetVersion)
        naivetyDistributionRate = try c.decodeIfPresent(Double.self, forKey: .naivetyDistributionRate)
        project = try c.decodeIfPresent(String.self, forKey: .project) ?? ""
        workspace = try c.decodeIfPresent(String.self, forKey: .workspace) ?? ""
        submissionsConfig = try c.decodeIfPresent(WireSubmissionsConfig.self, forKey: .submissionsConfig) ?? WireSubmissionsConfig()
        studyLabels = try c.decodeIfPresent([String].self, forKey: .studyLabels) ?? []
        contentWarnings = try c.decodeIfPresent([String].self, forKey: .contentWarnings) ?? []
        contentWarningDetails = try c.decodeIfPresent(String.self, forKey: .contentWarningDetails) ?? ""
        metadata = try c.decodeIfPresent(String.self, forKey: .metadata)
        credentialPoolId = try c.decodeIfPresent(String.self, forKey: .credentialPoolId)
        hasCredentials = try c.decodeIfPresent(Bool.self, forKey: .hasCredentials) ?? false
        dataCollectionMethod = try c.decodeIfPresent(String.self, forKey: .dataCollectionMethod)
        dataCollectionId = try c.decodeIfPresent(String.self, forKey: .dataCollectionId)
        dataCollectionMetadata = try c.decodeIfPresent(WireStudyBody.DataCollectionMetadata.self, forKey: .dataCollectionMetadata)
        accessDetails = try c.decodeIfPresent([WireAccessDetail].self, forKey: .accessDetails)
        isExternalStudyUrlSecure = try c.decodeIfPresent(Bool.self, forKey: .isExternalStudyUrlSecure) ?? false
        status = try c.decodeIfPresent(String.self, forKey: .status) ?? "UNPUBLISHED"
        isReadyToPublish = try c.decodeIfPresent(Bool.self, forKey: .isReadyToPublish) ?? false
        studyType = try c.decodeIfPresent(String.self, forKey: .studyType) ?? "SINGLE"
        dateCreated = try c.decodeIfPresent(String.self, forKey: .dateCreated) ?? ""
        publishedAt = try c.decodeIfPresent(String.self, forKey: .publishedAt)
        publishAt = try c.decodeIfPresent(String.self, forKey: .publishAt)
        placesTaken = try c.decodeWholeNumber(forKey: .placesTaken) ?? 0
        numberOfSubmissions = try c.decodeWholeNumber(forKey: .numberOfSubmissions) ?? 0
        totalCost = try c.decodeWholeNumber(forKey: .totalCost) ?? 0
        currencyCode = try c.decodeIfPresent(String.self, forKey: .currencyCode) ?? ""
        isUnderpaying = try c.decodeIfPresent(Bool.self, forKey: .isUnderpaying) ?? false
        averageRewardPerHour = try c.decodeWholeNumber(forKey: .averageRewardPerHour) ?? 0
        estimatedRewardPerHour = try c.decodeWholeNumber(forKey: .estimatedRewardPerHour) ?? 0
        researcher = try c.decodeIfPresent(String.self, forKey: .researcher) ?? ""
        links = try c.decodeIfPresent(Links.self, forKey: .links) ?? Links()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeNullable(internalName, forKey: .internalName)
        try c.encode(description, forKey: .description)
        try c.encodeNullable(externalStudyUrl, forKey: .externalStudyUrl)
        try c.encode(prolificIdOption, forKey: .prolificIdOption)
        try c.encode(completionCodes, forKey: .completionCodes)
        try c.encode(totalAvailablePlaces, forKey: .totalAvailablePlaces)
        try c.encode(estimatedCompletionTime, forKey: .estimatedCompletionTime)
        try c.encode(maximumAllowedTime, forKey: .maximumAllowedTime)
        try c.encode(reward, forKey: .reward)
        try c.encode(deviceCompatibility, forKey: .deviceCompatibility)
        try c.encode(peripheralRequirements, forKey: .peripheralRequirements)
        try c.encodeNullable(filters, forKey: .filters)
        try c.encodeNullable(filterSetId, forKey: .filterSetId)
        try c.encodeNullable(filterSetVersion, forKey: .filterSetVersion)
        try c.encodeNullable(naivetyDistributionRate, forKey: .naivetyDistributionRate)
        try c.encode(project, forKey: .project)
        try c.encode(workspace, forKey: .workspace)
        try c.encode(submissionsConfig, forKey: .submissionsConfig)
        try c.encode(studyLabels, forKey: .studyLabels)
        try c.encode(contentWarnings, forKey: .contentWarnings)
        try c.encode(contentWarningDetails, forKey: .contentWarningDetails)
        try c.encodeNullable(metadata, forKey: .metadata)
        try c.encodeNullable(credentialPoolId, forKey: .credentialPoolId)
        try c.encode(hasCredentials, forKey: .hasCredentials)
        try c.encodeNullable(dataCollectionMethod, forKey: .dataCollectionMethod)
        try c.encodeNullable(dataCollectionId, forKey: .dataCollectionId)
        try c.encodeNullable(dataCollectionMetadata, forKey: .dataCollectionMetadata)
        try c.encodeNullable(accessDetails, forKey: .accessDetails)
        try c.encode(isExternalStudyUrlSecure, forKey: .isExternalStudyUrlSecure)
        try c.encode(status, forKey: .status)
        try c.encode(isReadyToPublish, forKey: .isReadyToPublish)
        try c.encode(studyType, forKey: .studyType)
        try c.encode(dateCreated, forKey: .dateCreated)
        try c.encodeNullable(publishedAt, forKey: .publishedAt)
        try c.encodeNullable(publishAt, forKey: .publishAt)
        try c.encode(placesTaken, forKey: .placesTaken)
        try c.encode(numberOfSubmissions, forKey: .numberOfSubmissions)
        try c.encode(totalCost, forKey: .totalCost)
        try c.encode(currencyCode, forKey: .currencyCode)
        try c.encode(isUnderpaying, forKey: .isUnderpaying)
        try c.encode(averageRewardPerHour, forKey: .averageRewardPerHour)
        try c.encode(estimatedRewardPerHour, forKey: .estimatedRewardPerHour)
        try c.encode(researcher, forKey: .researcher)
        try c.encode(links, forKey: .links)
    }
}

/// `#/components/schemas/StudyShort`: a study as lists show it.
public struct WireStudyShort: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var internalName: String?
    public var status: String
    public var studyType: String
    public var estimatedCompletionTime: Int
    public var totalAvailablePlaces: Int
    public var placesTaken: Int
    public var numberOfSubmissions: Int
    public var reward: Int
    public var totalCost: Int
    public var publishedAt: String?
    public var publishAt: String?
    public var dateCreated: String
    public var credentialPoolId: String?
    public var isReadyToPublish: Bool

    public init(id: String, name: String, internalName: String? = nil, status: String, studyType: String, estimatedCompletionTime: Int, totalAvailablePlaces: Int, placesTaken: Int, numberOfSubmissions: Int, reward: Int, totalCost: Int, publishedAt: String? = nil, publishAt: String? = nil, dateCreated: String, credentialPoolId: String? = nil, isReadyToPublish: Bool) {
        self.id = id
        self.name = name
        self.internalName = internalName
        self.status = status
        self.studyType = studyType
        self.estimatedCompletionTime = estimatedCompletionTime
        self.totalAvailablePlaces = totalAvailablePlaces
        self.placesTaken = placesTaken
        self.numberOfSubmissions = numberOfSubmissions
        self.reward = reward
        self.totalCost = totalCost
        self.publishedAt = publishedAt
        self.publishAt = publishAt
        self.dateCreated = dateCreated
        self.credentialPoolId = credentialPoolId
        self.isReadyToPublish = isReadyToPublish
    }

    enum CodingKeys: String, CodingKey {
        case id = "id"
        case name = "name"
        case internalName = "internal_name"
        case status = "status"
        case studyType = "study_type"
        case estimatedCompletionTime = "estimated_completion_time"
        case totalAvailablePlaces = "total_available_places"
        case placesTaken = "places_taken"
        case numberOfSubmissions = "number_of_submissions"
        case reward = "reward"
        case totalCost = "total_cost"
        case publishedAt = "published_at"
        case publishAt = "publish_at"
        case dateCreated = "date_created"
        case credentialPoolId = "credential_pool_id"
        case isReadyToPublish = "is_ready_to_publish"
    }

    /// Lenient, so that the SDK reads Prolific's own answers, which may leave fields out.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        internalName = try c.decodeIfPresent(String.self, forKey: .internalName)
        status = try c.decodeIfPresent(String.self, forKey: .status) ?? "UNPUBLISHED"
        studyType = try c.decodeIfPresent(String.self, forKey: .studyType) ?? "SINGLE"
        estimatedCompletionTime = try c.decodeWholeNumber(forKey: .estimatedCompletionTime) ?? 0
        totalAvailablePlaces = try c.decodeWholeNumber(forKey: .totalAvailablePlaces) ?? 0
        placesTaken = try c.decodeWholeNumber(forKey: .placesTaken) ?? 0
        numberOfSubmissions = try c.decodeWholeNumber(forKey: .numberOfSubmissions) ?? 0
        reward = try c.decodeWholeNumber(forKey: .reward) ?? 0
        totalCost = try c.decodeWholeNumber(forKey: .totalCost) ?? 0
        publishedAt = try c.decodeIfPresent(String.self, forKey: .publishedAt)
        publishAt = try c.decodeIfPresent(String.self, forKey: .publishAt)
        dateCreated = try c.decodeIfPresent(String.self, forKey: .dateCreated) ?? ""
        credentialPoolId = try c.decodeIfPresent(String.self, forKey: .credentialPoolId)
        isReadyToPublish = try c.decodeIfPresent(Bool.self, forKey: .isReadyToPublish) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeNullable(internalName, forKey: .internalName)
        try c.encode(status, forKey: .status)
        try c.encode(studyType, forKey: .studyType)
        try c.encode(estimatedCompletionTime, forKey: .estimatedCompletionTime)
        try c.encode(totalAvailablePlaces, forKey: .totalAvailablePlaces)
        try c.encode(placesTaken, forKey: .placesTaken)
        try c.encode(numberOfSubmissions, forKey: .numberOfSubmissions)
        try c.encode(reward, forKey: .reward)
        try c.encode(totalCost, forKey: .totalCost)
        try c.encodeNullable(publishedAt, forKey: .publishedAt)
        try c.encodeNullable(publishAt, forKey: .publishAt)
        try c.encode(dateCreated, forKey: .dateCreated)
        try c.encodeNullable(credentialPoolId, forKey: .credentialPoolId)
        try c.encode(isReadyToPublish, forKey: .isReadyToPublish)
    }
}
