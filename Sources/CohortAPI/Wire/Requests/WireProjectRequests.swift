public import OpenAPIRuntime

/// `#/components/schemas/PublicDetails`: every field optional, none nullable.
public struct WirePublicDetails: Codable, Hashable, Sendable {
    public var status: Components.Schemas.PublicProjectStatus?
    public var title: String?
    public var shortDescription: String?
    public var description: String?

    public init(
        status: Components.Schemas.PublicProjectStatus? = nil, title: String? = nil, shortDescription: String? = nil,
        description: String? = nil
    ) {
        self.status = status
        self.title = title
        self.shortDescription = shortDescription
        self.description = description
    }

    enum CodingKeys: String, CodingKey {
        case status, title, description
        case shortDescription = "short_description"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.decodeNonNull(Components.Schemas.PublicProjectStatus.self, forKey: .status)
        title = try container.decodeNonNull(String.self, forKey: .title)
        shortDescription = try container.decodeNonNull(String.self, forKey: .shortDescription)
        description = try container.decodeNonNull(String.self, forKey: .description)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(shortDescription, forKey: .shortDescription)
        try container.encodeIfPresent(description, forKey: .description)
    }
}

/// `#/components/schemas/CreateProject`, refusing `null` where the field is not nullable.
public struct WireCreateProject: Codable, Hashable, Sendable {
    public var title: String
    public var description: String?
    public var type: Components.Schemas.ProjectType?
    public var publicDetails: WirePublicDetails?
    public var naivetyDistributionRate: Double?
    public var isLongitudinal: Bool?
    /// `longitudinal.config`, kept as sent.
    public var longitudinalConfig: OpenAPIObjectContainer?

    public init(
        title: String, description: String? = nil, type: Components.Schemas.ProjectType? = nil,
        publicDetails: WirePublicDetails? = nil, naivetyDistributionRate: Double? = nil, isLongitudinal: Bool? = nil,
        longitudinalConfig: OpenAPIObjectContainer? = nil
    ) {
        self.title = title
        self.description = description
        self.type = type
        self.publicDetails = publicDetails
        self.naivetyDistributionRate = naivetyDistributionRate
        self.isLongitudinal = isLongitudinal
        self.longitudinalConfig = longitudinalConfig
    }

    enum CodingKeys: String, CodingKey {
        case title, description, type, longitudinal
        case publicDetails = "public_details"
        case naivetyDistributionRate = "naivety_distribution_rate"
        case isLongitudinal = "is_longitudinal"
    }

    enum LongitudinalKeys: String, CodingKey {
        case config
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        description = try container.decodeNonNull(String.self, forKey: .description)
        type = try container.decodeNonNull(Components.Schemas.ProjectType.self, forKey: .type)
        publicDetails = try container.decodeNonNull(WirePublicDetails.self, forKey: .publicDetails)
        naivetyDistributionRate = try container.decodeIfPresent(Double.self, forKey: .naivetyDistributionRate)
        isLongitudinal = try container.decodeNonNull(Bool.self, forKey: .isLongitudinal)
        if container.contains(.longitudinal), try !container.decodeNil(forKey: .longitudinal) {
            let longitudinal = try container.nestedContainer(keyedBy: LongitudinalKeys.self, forKey: .longitudinal)
            longitudinalConfig = try longitudinal.decodeNonNull(OpenAPIObjectContainer.self, forKey: .config)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(publicDetails, forKey: .publicDetails)
        try container.encodeIfPresent(naivetyDistributionRate, forKey: .naivetyDistributionRate)
        try container.encodeIfPresent(isLongitudinal, forKey: .isLongitudinal)
        if let longitudinalConfig {
            var longitudinal = container.nestedContainer(keyedBy: LongitudinalKeys.self, forKey: .longitudinal)
            try longitudinal.encode(longitudinalConfig, forKey: .config)
        }
    }
}

/// `#/components/schemas/UpdateProject`: fields left out stay; `naivety_distribution_rate` null
/// clears it. Prolific's other fields (`owner`, `position`, ...) are ignored.
public struct WireUpdateProject: Codable, Hashable, Sendable {
    public var title: String?
    public var description: String?
    public var type: Components.Schemas.ProjectType?
    public var publicDetails: WirePublicDetails?
    public var naivetyDistributionRate: PatchField<Double>

    public init(
        title: String? = nil, description: String? = nil, type: Components.Schemas.ProjectType? = nil,
        publicDetails: WirePublicDetails? = nil, naivetyDistributionRate: PatchField<Double> = .absent
    ) {
        self.title = title
        self.description = description
        self.type = type
        self.publicDetails = publicDetails
        self.naivetyDistributionRate = naivetyDistributionRate
    }

    enum CodingKeys: String, CodingKey {
        case title, description, type
        case publicDetails = "public_details"
        case naivetyDistributionRate = "naivety_distribution_rate"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeNonNull(String.self, forKey: .title)
        description = try container.decodeNonNull(String.self, forKey: .description)
        type = try container.decodeNonNull(Components.Schemas.ProjectType.self, forKey: .type)
        publicDetails = try container.decodeNonNull(WirePublicDetails.self, forKey: .publicDetails)
        naivetyDistributionRate = try container.decodePatchField(Double.self, forKey: .naivetyDistributionRate)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(type, forKey: .type)
        try container.encodeIfPresent(publicDetails, forKey: .publicDetails)
        try container.encode(naivetyDistributionRate, forKey: .naivetyDistributionRate)
    }
}
