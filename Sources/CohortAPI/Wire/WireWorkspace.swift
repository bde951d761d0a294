/// `#/components/schemas/WorkspaceShort`, as workspace lists show it.
public struct WireWorkspaceShort: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var description: String
    public var owner: String
    public var users: [Components.Schemas.WorkspaceUser]
    public var naivetyDistributionRate: Double?

    public init(
        id: String, title: String, description: String, owner: String, users: [Components.Schemas.WorkspaceUser],
        naivetyDistributionRate: Double?
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.owner = owner
        self.users = users
        self.naivetyDistributionRate = naivetyDistributionRate
    }

    enum CodingKeys: String, CodingKey {
        case id, title, description, owner, users
        case naivetyDistributionRate = "naivety_distribution_rate"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        owner = try container.decodeIfPresent(String.self, forKey: .owner) ?? ""
        users = try container.decodeIfPresent([Components.Schemas.WorkspaceUser].self, forKey: .users) ?? []
        naivetyDistributionRate = try container.decodeIfPresent(Double.self, forKey: .naivetyDistributionRate)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(description, forKey: .description)
        try container.encode(owner, forKey: .owner)
        try container.encode(users, forKey: .users)
        try container.encodeNullable(naivetyDistributionRate, forKey: .naivetyDistributionRate)
    }
}

/// `#/components/schemas/Workspace`: a workspace with its projects. The fields it shares with
/// ``WireWorkspaceShort`` sit at the same level of the JSON object.
public struct WireWorkspace: Codable, Hashable, Sendable {
    public var short: WireWorkspaceShort
    public var projects: [WireProjectShort]
    public var organisationId: String
    public var currencyCode: String

    public init(short: WireWorkspaceShort, projects: [WireProjectShort], organisationId: String, currencyCode: String) {
        self.short = short
        self.projects = projects
        self.organisationId = organisationId
        self.currencyCode = currencyCode
    }

    enum CodingKeys: String, CodingKey {
        case projects
        case organisationId = "organisation_id"
        case currencyCode = "currency_code"
    }

    public init(from decoder: any Decoder) throws {
        short = try WireWorkspaceShort(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        projects = try container.decodeIfPresent([WireProjectShort].self, forKey: .projects) ?? []
        organisationId = try container.decodeIfPresent(String.self, forKey: .organisationId) ?? ""
        currencyCode = try container.decodeIfPresent(String.self, forKey: .currencyCode) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        try short.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(projects, forKey: .projects)
        try container.encode(organisationId, forKey: .organisationId)
        try container.encode(currencyCode, forKey: .currencyCode)
    }
}
