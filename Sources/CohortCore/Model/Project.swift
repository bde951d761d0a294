/// A project inside a workspace.
public struct Project: Hashable, Sendable {
    public let id: ProjectID
    public let workspaceID: WorkspaceID
    public var title: String
    public var description: String
    public let ownerID: ResearcherID
    public var visibility: Visibility
    public var publicDetails: PublicDetails?
    public var naivetyDistributionRate: Double?
    public var isLongitudinal: Bool
    /// The longitudinal configuration as the client sent it, as JSON text; stored, not acted on.
    public var longitudinalConfigJSON: String?
    public let createdAt: Timestamp

    public init(
        id: ProjectID, workspaceID: WorkspaceID, title: String, description: String, ownerID: ResearcherID,
        visibility: Visibility, publicDetails: PublicDetails?, naivetyDistributionRate: Double?,
        isLongitudinal: Bool, longitudinalConfigJSON: String?, createdAt: Timestamp
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.title = title
        self.description = description
        self.ownerID = ownerID
        self.visibility = visibility
        self.publicDetails = publicDetails
        self.naivetyDistributionRate = naivetyDistributionRate
        self.isLongitudinal = isLongitudinal
        self.longitudinalConfigJSON = longitudinalConfigJSON
        self.createdAt = createdAt
    }

    /// Prolific's `type`.
    public enum Visibility: String, Hashable, Sendable {
        case `private` = "PRIVATE"
        case `public` = "PUBLIC"
    }

    /// What participants see of a public project.
    public struct PublicDetails: Hashable, Sendable {
        public var status: Status
        public var title: String?
        public var shortDescription: String?
        public var description: String?

        public init(status: Status = .enabled, title: String? = nil, shortDescription: String? = nil, description: String? = nil) {
            self.status = status
            self.title = title
            self.shortDescription = shortDescription
            self.description = description
        }

        public enum Status: String, Hashable, Sendable {
            case enabled = "ENABLED"
            case disabled = "DISABLED"
        }
    }
}

/// A project with the people the API lists under `users`.
public struct ProjectDetails: Hashable, Sendable {
    public let project: Project
    public let users: [Member]

    public init(project: Project, users: [Member]) {
        self.project = project
        self.users = users
    }

    /// A project as stores load it: its owner is its one user, as an editor.
    public init(project: Project, owner: Researcher) {
        self.init(project: project, users: [Member(researcher: owner, roles: [Member.projectEditor])])
    }
}
