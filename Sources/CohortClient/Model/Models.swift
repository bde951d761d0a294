@_exported import CohortAPI

/// The SDK's values are the API's own schemas, so that what a call returns encodes back to the
/// JSON the API sends (the command line prints them that way).
public typealias ParticipantGroup = WireParticipantGroup
public typealias GroupMember = Components.Schemas.ParticipantGroupMembership
public typealias User = Components.Schemas.User
public typealias Workspace = WireWorkspace
public typealias WorkspaceSummary = WireWorkspaceShort
public typealias Project = WireProject
public typealias ProjectSummary = WireProjectShort
public typealias PublicDetails = WirePublicDetails
public typealias ProjectType = Components.Schemas.ProjectType

/// Which groups a list asks for.
public enum GroupScope: Sendable, Hashable {
    case workspace(String)
    /// Groups created through a project (Prolific's deprecated `project_id`).
    case project(String)
    /// Organisation-level groups (a Cohort extension).
    case organisation(String)
}

/// Where a new group goes.
public enum GroupPlacement: Sendable, Hashable {
    case workspace(String)
    case organisation(String)
    /// Deprecated in Prolific's API: the project's workspace.
    case project(String)
}

/// Progress of a batched operation: participant ids sent so far, and in all.
public typealias BatchProgress = @Sendable (_ sent: Int, _ total: Int) -> Void
