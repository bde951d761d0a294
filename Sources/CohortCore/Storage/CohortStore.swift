/// Everything Cohort keeps, behind one protocol so that SQLite and PostgreSQL are interchangeable.
///
/// Each method is one transaction: it either happens whole or not at all, and when it returns the
/// change is durable. Methods take the caller and answer `nil` or throw ``ErrorKind/notFound`` for
/// anything outside the caller's workspaces, exactly as for something that does not exist.
/// Lists come in creation order (oldest first). One conformance suite (in the tests) holds every
/// implementation to the same behaviour.
public protocol CohortStore: ResearcherStore, WorkspaceStore, ProjectStore, ParticipantGroupStore,
    TestParticipantStore, RecordStore, SnapshotStore
{
    /// Answers when the database can be read; throws otherwise.
    func ping() async throws
    /// Closes the database; nothing may be called afterwards.
    func close() async throws
}

/// A researcher, their organisation and their first workspace, to be created together, with
/// every default decided here: stores write what they are given.
public struct NewResearcher: Hashable, Sendable {
    public let id: ResearcherID
    public let email: String
    public let name: String
    public let organisationID: OrganisationID
    public let organisationName: String
    public let workspaceID: WorkspaceID
    public let workspace: NewWorkspace
    /// The researcher's role in their first workspace.
    public let workspaceRole: String
    public let at: Timestamp

    public init(email: String, name: String, at: Timestamp) {
        self.id = .generate()
        self.email = email
        self.name = name
        self.organisationID = .generate()
        self.organisationName = "\(name)'s organisation"
        self.workspaceID = .generate()
        self.workspace = NewWorkspace(
            title: "\(name)'s workspace", description: "", naivetyDistributionRate: nil, currencyCode: .gbp)
        self.workspaceRole = Member.workspaceAdmin
        self.at = at
    }
}

public protocol ResearcherStore: Sendable {
    /// The researchers owning tokens whose digest starts with `lookupKey`, with those digests.
    func tokens(lookupKey: String) async throws -> [(digest: TokenDigest, researcher: Researcher)]
    /// The researcher with `new.email`, created with an organisation and a workspace of their own
    /// if there is none yet. `created` tells which happened.
    func provisionResearcher(_ new: NewResearcher) async throws -> (researcher: Researcher, created: Bool)
    /// Stores a token for `researcher`; storing the same digest for them again does nothing.
    func addToken(_ digest: TokenDigest, for researcher: ResearcherID, at: Timestamp) async throws
    /// Whether any researcher exists.
    func hasResearchers() async throws -> Bool
    /// The researcher's organisation and workspaces (``Reach/nothing`` when there is no such
    /// researcher): the facts the tenancy rule is decided on.
    func reach(of researcher: ResearcherID) async throws -> Reach
    /// Every token, oldest first.
    func allTokens() async throws -> [TokenRecord]
    /// Removes the selected tokens; returns how many there were. A removed token no longer
    /// authenticates: ``tokens(lookupKey:)`` does not find it, and ``tokenRevocationEpoch()``
    /// changes once the removal is committed.
    func revokeTokens(_ selection: TokenSelection) async throws -> Int
    /// A value that changes whenever tokens are revoked, by this process or another, read without
    /// a database round trip: what lets the ``Authenticator`` cache a token and still see a
    /// revocation at once. `nil` when the store cannot tell that cheaply (its tokens are then
    /// looked up on every request).
    func tokenRevocationEpoch() -> UInt64?
}

public protocol WorkspaceStore: Sendable {
    func workspaces(of caller: ResearcherID, page: PageRequest) async throws -> Page<WorkspaceDetails>
    func workspace(_ id: WorkspaceID, visibleTo caller: ResearcherID) async throws -> WorkspaceDetails?
    /// Any workspace, whoever it belongs to: for the sandbox's administrator only.
    func workspace(_ id: WorkspaceID) async throws -> Workspace?
    /// Creates a workspace in the caller's organisation with the caller in `role`; `nil` when the
    /// caller no longer exists.
    func createWorkspace(
        _ new: NewWorkspace, id: WorkspaceID, by caller: ResearcherID, role: String, at: Timestamp
    ) async throws -> WorkspaceDetails?
    func updateWorkspace(_ id: WorkspaceID, _ edit: WorkspaceEdit, by caller: ResearcherID) async throws
        -> WorkspaceDetails?
}

public protocol ProjectStore: Sendable {
    /// `nil` when the workspace is not the caller's.
    func projects(in workspace: WorkspaceID, visibleTo caller: ResearcherID, page: PageRequest) async throws
        -> Page<ProjectDetails>?
    func project(_ id: ProjectID, visibleTo caller: ResearcherID) async throws -> ProjectDetails?
    /// `nil` when the workspace is not the caller's.
    func createProject(
        _ new: NewProject, id: ProjectID, in workspace: WorkspaceID, by caller: ResearcherID, at: Timestamp
    ) async throws -> ProjectDetails?
    /// Loads the project and calls `apply` on it inside the transaction; `nil` when not the caller's.
    func updateProject(
        _ id: ProjectID, by caller: ResearcherID, apply: @Sendable (Project) throws -> Project
    ) async throws -> ProjectDetails?
}

public protocol ParticipantGroupStore: Sendable {
    /// Which of `groups` (deleted ones left out) have `participant` as a member now: what a
    /// study's group allow and block lists are checked against when a place is taken.
    func groups(_ groups: Set<GroupID>, containing participant: ParticipantID) async throws -> Set<GroupID>
    /// Throws what ``GroupRules/check(_:reach:projectWorkspace:)`` throws for the scope.
    func groups(in scope: GroupListScope, active: Bool?, page: PageRequest, visibleTo caller: ResearcherID)
        async throws -> Page<ParticipantGroup>
    /// Places the group as ``GroupRules/resolve(_:reach:projectWorkspace:)`` decides, throwing
    /// what it throws.
    func createGroup(_ new: NewGroup, id: GroupID, by caller: ResearcherID, at: Timestamp) async throws
        -> ParticipantGroup
    func group(_ id: GroupID, visibleTo caller: ResearcherID) async throws -> ParticipantGroup?
    /// The group, with the records of `relation` that name it, in one read: a group's answer
    /// shows the studies that feed it, on the busiest read there is.
    func group(_ id: GroupID, visibleTo caller: ResearcherID, with relation: RecordRelation) async throws
        -> (group: ParticipantGroup, related: [StoredRecord])?
    /// Loads the group, performs ``GroupEdit/operations(on:)`` in order and, if asked, reads the
    /// membership after the change, all in one transaction. `changed` counts the memberships added
    /// and removed (``GroupOperation/changedMembers(_:)``). `nil` when the group is not the caller's.
    func editGroup(
        _ id: GroupID, _ edit: GroupEdit, by caller: ResearcherID, at: Timestamp, returningMembers: Bool
    ) async throws -> (group: ParticipantGroup, members: [Membership]?, changed: Int)?
    /// A slice of the membership, ordered by `addedAt`, then participant id: the members after
    /// `cursor` when one is given (a keyset seek, as cheap deep in a large group as at its start),
    /// else from `offset`; at most `limit` (all when nil). Read in one snapshot with the group's
    /// member count. `nil` when the group is not the caller's.
    func memberSlice(
        of id: GroupID, after cursor: MemberCursor?, offset: Int, limit: Int?, visibleTo caller: ResearcherID
    ) async throws -> (participantCount: Int, members: [Membership])?
}

extension ParticipantGroupStore {
    /// A page of the membership by `limit` and `offset`, with the count over all pages.
    public func members(of id: GroupID, page: PageRequest, visibleTo caller: ResearcherID) async throws
        -> Page<Membership>?
    {
        try await memberSlice(of: id, after: nil, offset: page.offset, limit: page.limit, visibleTo: caller).map {
            Page(items: $0.members, total: $0.participantCount)
        }
    }
}

public protocol TestParticipantStore: Sendable {
    /// The test participants these researchers created, in creation order.
    func testParticipants(createdBy researchers: [ResearcherID]) async throws -> [ParticipantID]
    /// `false`, and nothing stored, when a participant has this email already.
    func createTestParticipant(_ id: ParticipantID, email: String, by caller: ResearcherID, at: Timestamp)
        async throws -> Bool
}
