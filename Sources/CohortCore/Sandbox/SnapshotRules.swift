/// What makes a snapshot (a seed file, or an export loaded back) one that a store may hold: every
/// id unique in its kind, every reference to something in the snapshot, every email unique. A seed
/// that breaks a rule is refused whole, naming each place (`researchers[2].organisation_id`).
public enum SnapshotRules {
    /// `snapshot` with what is derived rather than given (each group's participant count) made
    /// right and the orders a store reads back in made canonical, or the errors in it.
    public static func checked(_ snapshot: StateSnapshot) throws(CohortError) -> StateSnapshot {
        var errors = FieldErrors()
        let organisations = unique(snapshot.organisations.map(\.id.hex), kind: "organisations", into: &errors)
        let researchers = unique(snapshot.researchers.map(\.researcher.id.hex), kind: "researchers", into: &errors)
        _ = unique(snapshot.researchers.map { $0.researcher.email.lowercased() }, kind: "researchers", field: "email", into: &errors)
        _ = unique(snapshot.tokens.map { $0.digest.hex }, kind: "tokens", field: "digest", into: &errors)
        let workspaces = unique(snapshot.workspaces.map(\.id.hex), kind: "workspaces", into: &errors)
        let projects = unique(snapshot.projects.map(\.id.hex), kind: "projects", into: &errors)
        let groups = unique(snapshot.groups.map(\.id.hex), kind: "participant_groups", into: &errors)
        _ = unique(snapshot.testParticipants.map(\.id.hex), kind: "test_participants", into: &errors)
        _ = unique(snapshot.testParticipants.map { $0.email.lowercased() }, kind: "test_participants", field: "email", into: &errors)
        _ = unique(snapshot.records.map { "\($0.kind) \($0.id)" }, kind: "records", into: &errors)

        func require(_ id: String, in known: Set<String>, _ place: String, _ what: String) {
            if !known.contains(id) { errors.add(place, "No \(what) '\(id)' in the seed.") }
        }
        for (index, entry) in snapshot.researchers.enumerated() {
            let place = "researchers[\(index)]"
            require(entry.researcher.organisationID.hex, in: organisations, "\(place).organisation_id", "organisation")
            if !TextRules.isPlausibleEmail(entry.researcher.email) { errors.add("\(place).email", "Enter a valid email address.") }
            _ = TextRules.name(entry.researcher.name, field: "\(place).name", into: &errors)
        }
        for (index, organisation) in snapshot.organisations.enumerated() {
            _ = TextRules.name(organisation.name, field: "organisations[\(index)].name", into: &errors)
        }
        for (index, token) in snapshot.tokens.enumerated() {
            require(token.researcherID.hex, in: researchers, "tokens[\(index)].researcher_id", "researcher")
            if token.digest.bytes.count != 32 { errors.add("tokens[\(index)].digest", "A SHA-256 digest is 64 hex characters.") }
        }
        for (index, workspace) in snapshot.workspaces.enumerated() {
            let place = "workspaces[\(index)]"
            require(workspace.organisationID.hex, in: organisations, "\(place).organisation_id", "organisation")
            require(workspace.ownerID.hex, in: researchers, "\(place).owner_id", "researcher")
            _ = TextRules.name(workspace.title, field: "\(place).title", into: &errors)
            TextRules.description(workspace.description, field: "\(place).description", into: &errors)
        }
        var memberPairs = Set<String>()
        for (index, member) in snapshot.workspaceMembers.enumerated() {
            let place = "workspace_members[\(index)]"
            require(member.workspaceID.hex, in: workspaces, "\(place).workspace_id", "workspace")
            require(member.researcherID.hex, in: researchers, "\(place).researcher_id", "researcher")
            if member.role.isEmpty { errors.add("\(place).role", "A role is required.") }
            if !memberPairs.insert("\(member.workspaceID) \(member.researcherID)").inserted {
                errors.add(place, "The researcher is listed twice in this workspace.")
            }
        }
        var projectWorkspace: [String: String] = [:]
        for (index, project) in snapshot.projects.enumerated() {
            let place = "projects[\(index)]"
            require(project.workspaceID.hex, in: workspaces, "\(place).workspace_id", "workspace")
            require(project.ownerID.hex, in: researchers, "\(place).owner_id", "researcher")
            _ = TextRules.name(project.title, field: "\(place).title", into: &errors)
            projectWorkspace[project.id.hex] = project.workspaceID.hex
        }
        for (index, group) in snapshot.groups.enumerated() {
            let place = "participant_groups[\(index)]"
            switch group.owner {
            case .workspace(let id): require(id.hex, in: workspaces, "\(place).workspace_id", "workspace")
            case .organisation(let id): require(id.hex, in: organisations, "\(place).organisation_id", "organisation")
            }
            if let project = group.projectID {
                require(project.hex, in: projects, "\(place).project_id", "project")
                if let workspace = projectWorkspace[project.hex], workspace != group.owner.workspaceID?.hex {
                    errors.add("\(place).project_id", "The project is not in the group's workspace.")
                }
            }
            _ = TextRules.name(group.name, field: "\(place).name", into: &errors)
        }
        var members = Set<String>()
        var counts: [GroupID: Int] = [:]
        for (index, entry) in snapshot.memberships.enumerated() {
            require(entry.groupID.hex, in: groups, "memberships[\(index)].group_id", "participant group")
            if !members.insert("\(entry.groupID) \(entry.membership.participantID)").inserted {
                errors.add("memberships[\(index)]", "The participant is listed twice in this group.")
            }
            counts[entry.groupID, default: 0] += 1
        }
        for (index, participant) in snapshot.testParticipants.enumerated() {
            require(participant.createdBy.hex, in: researchers, "test_participants[\(index)].created_by", "researcher")
            if !TextRules.isPlausibleEmail(participant.email) {
                errors.add("test_participants[\(index)].email", "Enter a valid email address.")
            }
        }
        for (index, record) in snapshot.records.enumerated() {
            require(record.workspaceID.hex, in: workspaces, "records[\(index)].workspace_id", "workspace")
            if !ObjectID.isWellFormed(record.id) { errors.add("records[\(index)].id", "'\(record.id)' is not an ObjectId.") }
            if record.version < 1 { errors.add("records[\(index)].version", "A version is 1 or more.") }
        }
        try errors.throwIfAny()
        return canonical(snapshot, counts: counts)
    }

    /// The orders the stores read back in, and the counts derived from memberships.
    static func canonical(_ snapshot: StateSnapshot, counts: [GroupID: Int]) -> StateSnapshot {
        var result = snapshot
        let workspaceOrder = Dictionary(uniqueKeysWithValues: snapshot.workspaces.enumerated().map { ($1.id, $0) })
        result.workspaceMembers.sort {
            (workspaceOrder[$0.workspaceID] ?? 0, $0.researcherID.hex) < (workspaceOrder[$1.workspaceID] ?? 0, $1.researcherID.hex)
        }
        let groupOrder = Dictionary(uniqueKeysWithValues: snapshot.groups.enumerated().map { ($1.id, $0) })
        result.memberships.sort {
            let left = (groupOrder[$0.groupID] ?? 0, $0.membership.addedAt.secondsSince1970, $0.membership.participantID.hex)
            let right = (groupOrder[$1.groupID] ?? 0, $1.membership.addedAt.secondsSince1970, $1.membership.participantID.hex)
            return left < right
        }
        result.groups = snapshot.groups.map { group in
            var group = group
            group.participantCount = counts[group.id] ?? 0
            return group
        }
        return result
    }

    /// The set of `ids`, with an error at each one seen before.
    private static func unique(_ ids: [String], kind: String, field: String = "id", into errors: inout FieldErrors)
        -> Set<String>
    {
        var seen = Set<String>()
        for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
            errors.add("\(kind)[\(index)].\(field)", "'\(id)' appears more than once.")
        }
        return seen
    }
}
