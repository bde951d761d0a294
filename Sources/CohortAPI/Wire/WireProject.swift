public import OpenAPIRuntime

/// `#/components/schemas/ProjectShort`, as project lists and workspaces show a project.
public struct WireProjectShort: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var description: String
    public var owner: String
    public var type: Components.Schemas.ProjectType
    public var publicDetails: WirePublicDetails?
    public var users: [Components.Schemas.WorkspaceUser]
    public var naivetyDistributionRate: Double?

    public init(
        id: String, title: String, description: String, owner: String, type: Components.Schemas.ProjectType,
        publicDetails: WirePublicDetails?, users: [Components.Schemas.WorkspaceUser],
        naivetyDistributionRate: Double?
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.owner = owner
        self.type = type
        self.publicDetails = publicDetails
        self.users = users
        self.naivetyDistributionRate = naivetyDistributionRate
    }

    enum CodingKeys: String, CodingKey {
        case id, title, description, owner, type, users
        case publicDetails = "public_details"
        case naivetyDistributionRate = "naivety_distribution_rate"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        owner = try container.decodeIfPresent(String.self, forKey: .owner) ?? ""
        type = try container.decodeIfPresent(Components.Schemas.ProjectType.self, forKey: .type) ?? ._private
        publicDetails = try container.decodeIfPresent(WirePublicDetails.self, forKey: .publicDetails)
        users = try container.decodeIfPresent([Components.Schemas.WorkspaceUser].self, forKey: .users) ?? []
        naivetyDistributionRate = try container.decodeIfPresent(Double.self, forKey: .naivetyDistributionRate)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(description, forKey: .description)
        try container.encode(owner, forKey: .owner)
        try container.encode(type, forKey: .type)
        try container.encodeNullable(publicDetails, forKey: .publicDetails)
        try container.encode(users, forKey: .users)
        try container.encodeNullable(naivetyDistributionRate, forKey: .naivetyDistributionRate)
    }
}

/// `#/components/schemas/Project`: one project in full.
public struct WireProject: Codable, Hashable, Sendable {
    public var short: WireProjectShort
    public var workspace: String
    public var isLongitudinal: Bool
    public var longitudinal: Longitudinal?

    /// `#/components/schemas/ProjectLongitudinal`: the stored configuration and (empty) retention figures.
    public struct Longitudinal: Codable, Hashable, Sendable {
        public var config: OpenAPIObjectContainer?
        public var retention: OpenAPIObjectContainer

        public init(config: OpenAPIObjectContainer?, retention: OpenAPIObjectContainer = .init()) {
            self.config = config
            self.retention = retention
        }

        enum CodingKeys: String, CodingKey {
            case config, retention
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            config = try container.decodeIfPresent(OpenAPIObjectContainer.self, forKey: .config)
            retention = try container.decodeIfPresent(OpenAPIObjectContainer.self, forKey: .retention) ?? .init()
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeNullable(config, forKey: .config)
            try container.encode(retention, forKey: .retention)
        }
    }

    public init(short: WireProjectShort, workspace: String, isLongitudinal: Bool, longitudinal: Longitudinal?) {
        self.short = short
        self.workspace = workspace
        self.isLongitudinal = isLongitudinal
        self.longitudinal = longitudinal
    }

    enum CodingKeys: String, CodingKey {
        case workspace
        case isLongitudinal = "is_longitudinal"
        case longitudinal
    }

    /// The fields shared with ``WireProjectShort`` sit at the same level of the JSON object.
    public init(from decoder: any Decoder) throws {
        short = try WireProjectShort(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        workspace = try container.decodeIfPresent(String.self, forKey: .workspace) ?? ""
        isLongitudinal = try container.decodeIfPresent(Bool.self, forKey: .isLongitudinal) ?? false
        longitudinal = try container.decodeIfPresent(Longitudinal.self, forKey: .longitudinal)
    }

    public func encode(to encoder: any Encoder) throws {
        try short.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(workspace, forKey: .workspace)
        try container.encode(isLongitudinal, forKey: .isLongitudinal)
        try container.encodeNullable(longitudinal, forKey: .longitudinal)
    }
}
