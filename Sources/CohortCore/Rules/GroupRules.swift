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

    /// One scope parameter of a list request, under the name the client used.
    public struct Parameter: Hashable, Sendable {
        public enum Kind: Hashable, Sendable { case workspace, project, organisation }
        public let name: String
        public let kind: Kind
        public let value: String

        public init(name: String, kind: Kind, value: String) {
            self.name = name
            self.kind = kind
            self.value = value
        }
    }

    /// The project whose workspace decides whether the caller may list this scope.
    public var projectID: ProjectID? {
        if case .project(let id) = self { id } else { nil }
    }
}

extension GroupPlacement {
    /// The project whose workspace the placement depends on.
    public var projectID: ProjectID? {
        switch self {
        case .project(let id), .workspaceProject(_, let id): id
        case .workspace, .organisation: nil
        }
    }
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

    /// What a store does to `group` for this edit, in this order. A deleted group takes every
    /// edit, as on Prolific (deletion only sets `is_deleted`), and is never undeleted.
    public func operations(on group: ParticipantGroup) -> [GroupOperation] {
        var operations: [GroupOperation] = []
        if let name { operations.append(.rename(name)) }
        if case .set(let description) = description { operations.append(.describe(description)) }
        switch membership {
        case .add(let ids)?: operations.append(.addMembers(ids))
        case .remove(let ids)?: operations.append(.removeMembers(ids))
        case .replace(let ids)?: operations += [.keepOnlyMembers(ids), .addMembers(ids)]
        case nil: break
        }
        if delete && !group.isDeleted { operations.append(.markDeleted) }
        return operations
    }
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
            return .workspace(try .parse(workspace))
        case (let workspace?, nil, let project?):
            return .workspaceProject(try .parse(workspace), try .parse(project))
        case (nil, nil, let project?):
            return .project(try .parse(project))
        case (nil, let organisation?, nil):
            return .organisation(try .parse(organisation))
        case (nil, nil, nil):
            throw CohortError(.invalidScope, "Either workspace_id or organisation_id must be given.")
        default:
            throw CohortError(
                .invalidScope, "A group belongs to either a workspace or an organisation: give only one of them.")
        }
    }

    /// The list scope from the scope parameters the request gave (the server folds Prolific's five
    /// spellings into these, keeping each one's name for the messages); exactly one must be given.
    public static func listScope(_ given: [GroupListScope.Parameter]) throws(CohortError) -> GroupListScope {
        let given = given.filter { !$0.value.isEmpty }
        guard given.count == 1, let only = given.first else {
            if given.isEmpty {
                throw CohortError(
                    .invalidScope,
                    "One of workspace_id, project_id, filter[workspace_id], filter[project_id] or organisation_id is required."
                )
            }
            throw CohortError(.invalidScope, "Give only one scope; got \(given.map(\.name).joined(separator: ", ")).")
        }
        switch only.kind {
        case .workspace: return .workspace(try .parse(only.value))
        case .project: return .project(try .parse(only.value))
        case .organisation: return .organisation(try .parse(only.value))
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

    /// Where a new group goes, given what the store found: the caller's reach and, when the
    /// placement names a project, that project's workspace (`nil`: no such project). Anything the
    /// caller cannot reach is not found, as if it did not exist.
    public static func resolve(_ placement: GroupPlacement, reach: Reach, projectWorkspace: WorkspaceID?)
        throws(CohortError) -> (owner: ParticipantGroup.Owner, project: ProjectID?)
    {
        func visibleProjectWorkspace(_ project: ProjectID) throws(CohortError) -> WorkspaceID {
            guard let workspace = projectWorkspace, reach.canSee(workspace: workspace) else { throw project.notFound }
            return workspace
        }
        switch placement {
        case .workspace(let workspace):
            guard reach.canSee(workspace: workspace) else { throw workspace.notFound }
            return (.workspace(workspace), nil)
        case .project(let project):
            return (.workspace(try visibleProjectWorkspace(project)), project)
        case .workspaceProject(let workspace, let project):
            guard reach.canSee(workspace: workspace) else { throw workspace.notFound }
            guard try visibleProjectWorkspace(project) == workspace else {
                throw CohortError.invalid("project_id", "Project '\(project)' is not in workspace '\(workspace)'.")
            }
            return (.workspace(workspace), project)
        case .organisation(let organisation):
            guard reach.canSee(organisation: organisation) else { throw organisation.notFound }
            return (.organisation(organisation), nil)
        }
    }

    /// Refuses a list scope the caller cannot reach, as not found; `projectWorkspace` as above.
    public static func check(_ scope: GroupListScope, reach: Reach, projectWorkspace: WorkspaceID?) throws(CohortError) {
        switch scope {
        case .workspace(let workspace):
            guard reach.canSee(workspace: workspace) else { throw workspace.notFound }
        case .project(let project):
            guard let workspace = projectWorkspace, reach.canSee(workspace: workspace) else { throw project.notFound }
        case .organisation(let organisation):
            guard reach.canSee(organisation: organisation) else { throw organisation.notFound }
        }
    }
}

extension Optional where Wrapped == String {
    /// The value, unless it is absent or empty: `?workspace_id=` names no workspace.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
