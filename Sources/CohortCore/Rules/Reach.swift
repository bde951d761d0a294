/// What a researcher may see: the workspaces they are a member of, and their own organisation.
/// Everything else is answered as if it did not exist (404). This is the tenancy rule; stores
/// load a researcher's reach and ask it, and never decide visibility themselves.
public struct Reach: Hashable, Sendable {
    /// `nil` for a researcher who no longer exists.
    public let organisationID: OrganisationID?
    public let workspaceIDs: Set<WorkspaceID>

    /// The reach of a researcher who does not exist: nothing.
    public static let nothing = Reach(organisationID: nil, workspaceIDs: [])

    public init(organisationID: OrganisationID?, workspaceIDs: Set<WorkspaceID>) {
        self.organisationID = organisationID
        self.workspaceIDs = workspaceIDs
    }

    public func canSee(workspace: WorkspaceID) -> Bool { workspaceIDs.contains(workspace) }

    public func canSee(organisation: OrganisationID) -> Bool { organisation == organisationID }

    public func canSee(_ owner: ParticipantGroup.Owner) -> Bool {
        Self.canSee(
            owner, isWorkspaceMember: owner.workspaceID.map(canSee(workspace:)) ?? false,
            callerOrganisation: organisationID)
    }

    /// The rule for an owner, from the two facts a single-statement read loads alongside a group:
    /// whether the caller is a member of the group's workspace, and the caller's organisation
    /// (`nil` when the caller no longer exists). ``canSee(_:)`` is this rule on a whole reach.
    public static func canSee(
        _ owner: ParticipantGroup.Owner, isWorkspaceMember: Bool, callerOrganisation: OrganisationID?
    ) -> Bool {
        switch owner {
        case .workspace: isWorkspaceMember
        case .organisation(let organisation): organisation == callerOrganisation
        }
    }
}
