import CohortCore
import Synchronization
import Testing

/// A participant id whose last digits are `number`, so tests can name members by number.
func participant(_ number: Int) -> ParticipantID {
    let digits = String(number, radix: 16)
    return ParticipantID("5e9b9c9b0f9c9a" + String(repeating: "0", count: 10 - digits.count) + digits)!
}

func participants(_ numbers: some Sequence<Int>) -> [ParticipantID] { numbers.map(participant) }

/// A fixed instant `offset` seconds after 2020-04-20T12:00:00Z, for predictable `addedAt` values.
func time(_ offset: Int64 = 0) -> Timestamp { Timestamp(secondsSince1970: 1_587_384_000 + offset) }

/// A researcher as provisioned: with an organisation and a first workspace.
struct Tenant: Sendable {
    let researcher: Researcher
    let workspace: WorkspaceID

    var id: ResearcherID { researcher.id }
    var organisation: OrganisationID { researcher.organisationID }
}

extension CohortStore {
    /// Provisions a researcher with `email` and returns them with their first workspace.
    func tenant(_ email: String) async throws -> Tenant {
        let new = NewResearcher(email: email, name: String(email.prefix { $0 != "@" }), at: time())
        let (researcher, created) = try await provisionResearcher(new)
        try #require(created, "\(email) existed already")
        return Tenant(researcher: researcher, workspace: new.workspaceID)
    }

    func makeWorkspace(_ title: String, by tenant: Tenant, currency: String? = nil, rate: Double? = nil)
        async throws -> WorkspaceDetails
    {
        let new = try WorkspaceRules.newWorkspace(
            title: title, description: "About \(title)", naivetyDistributionRate: rate, currencyCode: currency)
        return try #require(try await createWorkspace(new, id: .generate(), by: tenant.id, role: Member.workspaceAdmin, at: time()))
    }

    func makeProject(_ title: String, in workspace: WorkspaceID, by tenant: Tenant) async throws -> Project {
        let new = try ProjectRules.newProject(
            title: title, description: nil, visibility: nil, publicDetails: nil, naivetyDistributionRate: nil,
            isLongitudinal: nil, longitudinalConfigJSON: nil)
        let details = try await createProject(new, id: .generate(), in: workspace, by: tenant.id, at: time())
        return try #require(details).project
    }

    /// Creates a group; the placement is given as a create request would give it.
    func makeGroup(
        _ name: String = "Wave 2", workspace: WorkspaceID? = nil, project: ProjectID? = nil,
        organisation: OrganisationID? = nil, members: [ParticipantID] = [], by tenant: Tenant, at: Timestamp = time()
    ) async throws -> ParticipantGroup {
        let new = try GroupRules.newGroup(
            name: name, description: "About \(name)", workspaceID: workspace?.hex,
            organisationID: organisation?.hex, projectID: project?.hex, participantIDs: members.map(\.hex))
        return try await createGroup(new, id: .generate(), by: tenant.id, at: at)
    }

    /// Applies a membership change with no permission check; returns the group and its members after it.
    @discardableResult
    func change(_ group: GroupID, _ membership: MembershipEdit, by tenant: Tenant, at: Timestamp = time())
        async throws -> (group: ParticipantGroup, members: [Membership])
    {
        let result = try await editGroup(
            group, GroupEdit(membership: membership), by: tenant.id, at: at, returningMembers: true)
        let (after, members, _) = try #require(result)
        return (after, try #require(members))
    }

    /// Every member of `group`, in the store's order.
    func allMembers(of group: GroupID, by tenant: Tenant) async throws -> [Membership] {
        try #require(try await members(of: group, page: .everything, visibleTo: tenant.id)).items
    }

    func memberIDs(of group: GroupID, by tenant: Tenant) async throws -> [ParticipantID] {
        try await allMembers(of: group, by: tenant).map(\.participantID)
    }
}

/// A page request that the rules accept.
func page(limit: Int?, offset: Int = 0) -> PageRequest {
    try! PageRequest(limit: limit, offset: offset)
}

/// An error that a test throws on purpose, to see that a store undoes what it began.
struct Refused: Error, Equatable {}

/// Runs `body` and returns the ``CohortError`` it throws, recording an issue if it throws none.
func cohortError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> CohortError? {
    do {
        try await body()
        Issue.record("expected a CohortError, got none", sourceLocation: sourceLocation)
    } catch let error as CohortError {
        return error
    } catch {
        Issue.record("expected a CohortError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// Counts calls of a `@Sendable` closure a store runs, such as `permit` or `apply`.
final class CallCounter: Sendable {
    private let count = Mutex(0)

    func record() { count.withLock { $0 += 1 } }
    var calls: Int { count.withLock { $0 } }
}
