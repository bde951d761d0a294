/// A workspace: the tenant boundary for projects and most participant groups.
public struct Workspace: Hashable, Sendable {
    public let id: WorkspaceID
    public let organisationID: OrganisationID
    public var title: String
    public var description: String
    public let ownerID: ResearcherID
    public var naivetyDistributionRate: Double?
    public var currencyCode: CurrencyCode
    public let createdAt: Timestamp

    public init(
        id: WorkspaceID, organisationID: OrganisationID, title: String, description: String,
        ownerID: ResearcherID, naivetyDistributionRate: Double?, currencyCode: CurrencyCode, createdAt: Timestamp
    ) {
        self.id = id
        self.organisationID = organisationID
        self.title = title
        self.description = description
        self.ownerID = ownerID
        self.naivetyDistributionRate = naivetyDistributionRate
        self.currencyCode = currencyCode
        self.createdAt = createdAt
    }
}

/// The currency a workspace pays in.
public enum CurrencyCode: String, Codable, Hashable, Sendable, CaseIterable {
    case gbp = "GBP"
    case usd = "USD"
}

/// A researcher's place in a workspace or project, as the API lists it under `users`.
public struct Member: Hashable, Sendable {
    public let researcher: Researcher
    public let roles: [String]

    public init(researcher: Researcher, roles: [String]) {
        self.researcher = researcher
        self.roles = roles
    }

    public static let workspaceAdmin = "WORKSPACE_ADMIN"
    public static let projectEditor = "PROJECT_EDITOR"
}

/// A workspace with the people and projects the API shows with it.
public struct WorkspaceDetails: Hashable, Sendable {
    public let workspace: Workspace
    public let users: [Member]
    public let projects: [ProjectDetails]

    public init(workspace: Workspace, users: [Member], projects: [ProjectDetails]) {
        self.workspace = workspace
        self.users = users
        self.projects = projects
    }
}
