/// A named set of participant ids in a workspace or an organisation.
public struct ParticipantGroup: Hashable, Sendable {
    public let id: GroupID
    public var name: String
    public var description: String?
    public let owner: Owner
    /// Set when the group was created through a project (Prolific's deprecated `project_id`).
    public let projectID: ProjectID?
    /// Always the number of memberships: stores update it in the transaction that changes them.
    public var participantCount: Int
    public var isDeleted: Bool
    public let createdAt: Timestamp

    public init(
        id: GroupID, name: String, description: String?, owner: Owner, projectID: ProjectID?,
        participantCount: Int, isDeleted: Bool, createdAt: Timestamp
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.owner = owner
        self.projectID = projectID
        self.participantCount = participantCount
        self.isDeleted = isDeleted
        self.createdAt = createdAt
    }

    /// A group belongs to exactly one workspace or one organisation.
    public enum Owner: Hashable, Sendable {
        case workspace(WorkspaceID)
        case organisation(OrganisationID)

        public var workspaceID: WorkspaceID? {
            if case .workspace(let id) = self { id } else { nil }
        }

        public var organisationID: OrganisationID? {
            if case .organisation(let id) = self { id } else { nil }
        }
    }
}

/// One participant's membership of a group.
public struct Membership: Hashable, Sendable {
    public let participantID: ParticipantID
    /// When the participant joined; re-adding a member does not change it.
    public let addedAt: Timestamp

    public init(participantID: ParticipantID, addedAt: Timestamp) {
        self.participantID = participantID
        self.addedAt = addedAt
    }
}
