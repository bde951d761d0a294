/// Where a new group goes, as the create request names it.
public enum GroupPlacement: Hashable, Sendable {
    case workspace(WorkspaceID)
    /// Deprecated Prolific form: the group goes in the project's workspace and remembers the project.
    case project(ProjectID)
    /// Both given: the project must be in that workspace.
    case workspaceProject(WorkspaceID, ProjectID)
    case organisation(OrganisationID)
}

/// Which groups a list asks for.
public enum GroupListScope: Hashable, Sendable {
    case workspace(WorkspaceID)
    case project(ProjectID)
    case organisation(OrganisationID)
}

/// A validated create request.
public struct NewGroup: Hashable, Sendable {
    public let name: String
    public let description: String?
    public let placement: GroupPlacement
    public let members: [ParticipantID]
}

/// A change to one group, applied by a store in one transaction.
public struct GroupEdit: Hashable, Sendable {
    public var name: String?
    /// `.set(nil)` clears the description.
    public var description: Change<String?>
    public var membership: MembershipEdit?
    public var delete: Bool

    public init(
        name: String? = nil, description: Change<String?> = .keep, membership: MembershipEdit? = nil, delete: Bool = false
    ) {
        self.name = name
        self.description = description
        self.membership = membership
        self.delete = delete
    }

    /// Whether the edit changes anything but the deleted flag.
    public var writesContent: Bool { name != nil || !description.isKeep || membership != nil }
}

/// A set operation on a group's members. Every variant is idempotent.
public enum MembershipEdit: Hashable, Sendable {
    /// Members already present keep their `datetime_created`.
    case add([ParticipantID])
    /// Ids that are not members are ignored.
    case remove([ParticipantID])
    /// The membership becomes exactly these ids; those that stay keep their `datetime_created`.
    case replace([ParticipantID])
}

/// The rules of participant groups that do not need a database.
public enum GroupRules {
    /// Validates a create request.
    public static func newGroup(
        name: String, description: String?, workspaceID: String?, organisationID: String?, projectID: String?,
        participantIDs: [String]?
    ) throws(CohortError) -> NewGroup {
        let placement = try placement(workspaceID: workspaceID, organisationID: organisationID, projectID: projectID)
        var errors = FieldErrors()
        let name = TextRules.name(name, field: "name", into: &errors)
        if let description { TextRules.description(description, into: &errors) }
        try errors.throwIfAny()
        let members = try ParticipantIDs.parse(participantIDs ?? [])
        return NewGroup(name: name, description: description, placement: placement, members: members)
    }

    /// Exactly one of `workspace_id` and `organisation_id`; `project_id` alone, or with its workspace.
    static func placement(workspaceID: String?, organisationID: String?, projectID: String?) throws(CohortError)
        -> GroupPlacement
    {
        let workspaceID = workspaceID.nonEmpty, organisationID = organisationID.nonEmpty, projectID = projectID.nonEmpty
        switch (workspaceID, organisationID, projectID) {
        case (let workspace?, nil, nil):
            return .workspace(try parseID(workspace, "Workspace"))
        case (let workspace?, nil, let project?):
            return .workspaceProject(try parseID(workspace, "Workspace"), try parseID(project, "Project"))
        case (nil, nil, let project?):
            return .project(try parseID(project, "Project"))
        case (nil, let organisation?, nil):
            return .organisation(try parseID(organisation, "Organisation"))
        case (nil, nil, nil):
            throw CohortError(.invalidScope, "Either workspace_id or organisation_id must be given.")
        default:
            throw CohortError(
                .invalidScope, "A group belongs to either a workspace or an organisation: give only one of them.")
        }
    }

    /// The list scope from its five spellings; exactly one must be given.
    public static func listScope(
        workspaceID: String?, projectID: String?, filterWorkspaceID: String?, filterProjectID: String?,
        organisationID: String?
    ) throws(CohortError) -> GroupListScope {
        let given: [(name: String, value: String)] = [
            ("workspace_id", workspaceID), ("project_id", projectID), ("filter[workspace_id]", filterWorkspaceID),
            ("filter[project_id]", filterProjectID), ("organisation_id", organisationID),
        ].compactMap { name, value in value.nonEmpty.map { (name, $0) } }
        guard given.count == 1, let only = given.first else {
            if given.isEmpty {
                throw CohortError(
                    .invalidScope,
                    "One of workspace_id, project_id, filter[workspace_id], filter[project_id] or organisation_id is required."
                )
            }
            throw CohortError(
                .invalidScope,
                "Give only one scope; got \(given.map(\.name).joined(separator: ", ")).")
        }
        switch only.name {
        case "workspace_id", "filter[workspace_id]": return .workspace(try parseID(only.value, "Workspace"))
        case "project_id", "filter[project_id]": return .project(try parseID(only.value, "Project"))
        default: return .organisation(try parseID(only.value, "Organisation"))
        }
    }

    /// The edit a PATCH makes: new name, description, and (when given) the whole membership.
    public static func update(name: String?, description: Change<String?>, participantIDs: [String]?)
        throws(CohortError) -> GroupEdit
    {
        var errors = FieldErrors()
        let name = name.map { TextRules.name($0, field: "name", into: &errors) }
        if case .set(let description?) = description { TextRules.description(description, into: &errors) }
        try errors.throwIfAny()
        let membership = try participantIDs.map { raw throws(CohortError) in MembershipEdit.replace(try ParticipantIDs.parse(raw)) }
        return GroupEdit(name: name, description: description, membership: membership)
    }

    /// Whether `edit` may be applied to `group`; stores call this inside the write transaction,
    /// on the group as it is there.
    public static func permit(_ edit: GroupEdit, on group: ParticipantGroup) throws(CohortError) {
        if group.isDeleted && edit.writesContent {
            throw CohortError(.groupDeleted, "Participant group '\(group.id)' is deleted; it cannot be changed.")
        }
    }

    /// The id in a path or a reference; one that cannot exist is simply not found.
    public static func parseID<Entity>(_ text: String, _ what: String) throws(CohortError) -> ID<Entity> {
        guard let id = ID<Entity>(text) else { throw CohortError.notFound(what, text) }
        return id
    }
}

extension Optional where Wrapped == String {
    /// The value, unless it is absent or empty: `?workspace_id=` names no workspace.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
