import CohortCore
import Testing

/// The tenancy rule (`Reach`) and the decisions made from it: where a new group goes and which
/// list scopes a caller may ask for. Stores load the facts; these are the answers.
@Suite struct PlacementAndReachTests {
    static let workspace = WorkspaceID(workspaceHex)!
    static let otherWorkspace = WorkspaceID("5e9b9c9b0f9c9a5555555555")!
    static let project = ProjectID(projectHex)!
    static let organisation = OrganisationID(organisationHex)!
    static let reach = Reach(organisationID: organisation, workspaceIDs: [workspace])

    static func resolve(_ placement: GroupPlacement, projectWorkspace: WorkspaceID? = nil) throws(CohortError)
        -> (owner: ParticipantGroup.Owner, project: ProjectID?)
    {
        try GroupRules.resolve(placement, reach: reach, projectWorkspace: projectWorkspace)
    }

    @Test func reachSeesItsWorkspacesAndItsOrganisationOnly() {
        #expect(Self.reach.canSee(.workspace(Self.workspace)))
        #expect(!Self.reach.canSee(.workspace(Self.otherWorkspace)))
        #expect(Self.reach.canSee(.organisation(Self.organisation)))
        #expect(!Self.reach.canSee(.organisation(OrganisationID(workspaceHex)!)))
        #expect(Reach.canSee(.workspace(Self.workspace), isWorkspaceMember: true, callerOrganisation: nil))
        #expect(!Reach.canSee(.organisation(Self.organisation), isWorkspaceMember: true, callerOrganisation: nil))
    }

    @Test func aProjectPlacesTheGroupInItsWorkspace() throws {
        let placed = try Self.resolve(.project(Self.project), projectWorkspace: Self.workspace)
        #expect(placed.owner == .workspace(Self.workspace) && placed.project == Self.project)
    }

    @Test func whatCannotBeReachedIsNotFound() {
        let cases: [(GroupPlacement, WorkspaceID?, String)] = [
            (.workspace(Self.otherWorkspace), nil, "Workspace '\(Self.otherWorkspace)' was not found."),
            (.project(Self.project), nil, "Project '\(Self.project)' was not found."),
            (.project(Self.project), Self.otherWorkspace, "Project '\(Self.project)' was not found."),
            (.organisation(OrganisationID(workspaceHex)!), nil, "Organisation '\(workspaceHex)' was not found."),
        ]
        for (placement, projectWorkspace, message) in cases {
            let error = #expect(throws: CohortError.self) { try Self.resolve(placement, projectWorkspace: projectWorkspace) }
            #expect(error?.kind == .notFound)
            #expect(error?.detail == .message(message))
        }
    }

    @Test func aProjectOfAnotherOwnWorkspaceIsAFieldError() {
        let wider = Reach(organisationID: Self.organisation, workspaceIDs: [Self.workspace, Self.otherWorkspace])
        let error = #expect(throws: CohortError.self) {
            try GroupRules.resolve(
                .workspaceProject(Self.workspace, Self.project), reach: wider, projectWorkspace: Self.otherWorkspace)
        }
        #expect(error.map(fieldMessages) == ["project_id": ["Project '\(Self.project)' is not in workspace '\(Self.workspace)'."]])
    }

    @Test func listScopesFollowTheSameRule() throws {
        try GroupRules.check(.workspace(Self.workspace), reach: Self.reach, projectWorkspace: nil)
        try GroupRules.check(.project(Self.project), reach: Self.reach, projectWorkspace: Self.workspace)
        try GroupRules.check(.organisation(Self.organisation), reach: Self.reach, projectWorkspace: nil)
        #expect(throws: CohortError.self) {
            try GroupRules.check(.project(Self.project), reach: Self.reach, projectWorkspace: Self.otherWorkspace)
        }
        #expect(throws: CohortError.self) {
            try GroupRules.check(.workspace(Self.otherWorkspace), reach: Self.reach, projectWorkspace: nil)
        }
    }

    @Test func idsParseOnTheirType() throws {
        #expect(try GroupID.parse(workspaceHex).hex == workspaceHex)
        let error = #expect(throws: CohortError.self) { try GroupID.parse("nope") }
        #expect(error?.detail == .message("Participant group 'nope' was not found."))
    }
}
