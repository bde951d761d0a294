/// Everything a store holds, each kind in creation order: what a sandbox reset restores, a seed
/// loads and an export writes (docs/sandbox.md, docs/seed.schema.json).
///
/// A store writes a snapshot as it is given (``SnapshotStore/restore(_:)``) and reads one back
/// whole; ``SnapshotRules`` decides what a valid one is.
public struct StateSnapshot: Hashable, Sendable {
    public var organisations: [OrganisationEntry]
    public var researchers: [ResearcherEntry]
    public var tokens: [TokenEntry]
    public var workspaces: [Workspace]
    /// Ordered by workspace (in ``workspaces`` order), then researcher id.
    public var workspaceMembers: [WorkspaceMemberEntry]
    public var projects: [Project]
    /// Each group's `participantCount` is the number of its ``memberships``.
    public var groups: [ParticipantGroup]
    /// Ordered by group (in ``groups`` order), then as a group lists its members.
    public var memberships: [MembershipEntry]
    public var testParticipants: [TestParticipantEntry]
    public var records: [StoredRecord]

    public init(
        organisations: [OrganisationEntry] = [], researchers: [ResearcherEntry] = [], tokens: [TokenEntry] = [],
        workspaces: [Workspace] = [], workspaceMembers: [WorkspaceMemberEntry] = [], projects: [Project] = [],
        groups: [ParticipantGroup] = [], memberships: [MembershipEntry] = [],
        testParticipants: [TestParticipantEntry] = [], records: [StoredRecord] = []
    ) {
        self.organisations = organisations
        self.researchers = researchers
        self.tokens = tokens
        self.workspaces = workspaces
        self.workspaceMembers = workspaceMembers
        self.projects = projects
        self.groups = groups
        self.memberships = memberships
        self.testParticipants = testParticipants
        self.records = records
    }

    public static let empty = StateSnapshot()

    public struct OrganisationEntry: Hashable, Sendable {
        public let id: OrganisationID
        public let name: String
        public let createdAt: Timestamp

        public init(id: OrganisationID, name: String, createdAt: Timestamp) {
            self.id = id
            self.name = name
            self.createdAt = createdAt
        }
    }

    public struct ResearcherEntry: Hashable, Sendable {
        public let researcher: Researcher
        public let createdAt: Timestamp

        public init(researcher: Researcher, createdAt: Timestamp) {
            self.researcher = researcher
            self.createdAt = createdAt
        }
    }

    /// A token as stored: its digest, never its value.
    public struct TokenEntry: Hashable, Sendable {
        public let digest: TokenDigest
        public let researcherID: ResearcherID
        public let createdAt: Timestamp

        public init(digest: TokenDigest, researcherID: ResearcherID, createdAt: Timestamp) {
            self.digest = digest
            self.researcherID = researcherID
            self.createdAt = createdAt
        }
    }

    public struct WorkspaceMemberEntry: Hashable, Sendable {
        public let workspaceID: WorkspaceID
        public let researcherID: ResearcherID
        public let role: String

        public init(workspaceID: WorkspaceID, researcherID: ResearcherID, role: String) {
            self.workspaceID = workspaceID
            self.researcherID = researcherID
            self.role = role
        }
    }

    public struct MembershipEntry: Hashable, Sendable {
        public let groupID: GroupID
        public let membership: Membership

        public init(groupID: GroupID, membership: Membership) {
            self.groupID = groupID
            self.membership = membership
        }
    }

    public struct TestParticipantEntry: Hashable, Sendable {
        public let id: ParticipantID
        public let email: String
        public let createdBy: ResearcherID
        public let createdAt: Timestamp

        public init(id: ParticipantID, email: String, createdBy: ResearcherID, createdAt: Timestamp) {
            self.id = id
            self.email = email
            self.createdBy = createdBy
            self.createdAt = createdAt
        }
    }
}

/// What a store must do for the sandbox: read everything, and replace everything.
public protocol SnapshotStore: Sendable {
    /// Every piece of state, in one read snapshot.
    func snapshot() async throws -> StateSnapshot
    /// Replaces every piece of state with `snapshot`, in one transaction: every table holding
    /// state is emptied (all of them, found from the schema, so that none added later is missed),
    /// then `snapshot` is written in its order. Tokens cached from before no longer authenticate.
    func restore(_ snapshot: StateSnapshot) async throws
    /// Each table holding state, with its number of rows: what the tests hold ``snapshot()`` and
    /// ``restore(_:)`` to, so that a table no snapshot carries fails them.
    func stateTableRowCounts() async throws -> [String: Int]
}
