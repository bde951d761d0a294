import CohortCore
import Testing

extension StoreConformance {
    /// Tenancy: another researcher cannot read or write anything in a workspace or organisation
    /// that is not theirs; every answer is the one for something that does not exist.
    @Suite struct Tenancy {
        /// Ada's workspace with a project, groups of each kind and members.
        struct AdaData {
            let ada: Tenant
            let project: Project
            let workspaceGroup: ParticipantGroup
            let projectGroup: ParticipantGroup
            let organisationGroup: ParticipantGroup

            var groups: [ParticipantGroup] { [workspaceGroup, projectGroup, organisationGroup] }
        }

        static func seed(_ store: any CohortStore) async throws -> AdaData {
            let ada = try await store.tenant("ada@example.org")
            let project = try await store.makeProject("Study", in: ada.workspace, by: ada)
            return AdaData(
                ada: ada, project: project,
                workspaceGroup: try await store.makeGroup("ws", workspace: ada.workspace, members: participants([1, 2]), by: ada),
                projectGroup: try await store.makeGroup("proj", project: project.id, members: participants([3]), by: ada),
                organisationGroup: try await store.makeGroup("org", organisation: ada.organisation, members: participants([4]), by: ada))
        }

        /// Checks that Ada's data is exactly as seeded.
        static func expectUnchanged(_ data: AdaData, _ store: any CohortStore) async throws {
            let ada = data.ada
            #expect(try await store.project(data.project.id, visibleTo: ada.id)?.project == data.project)
            #expect(try await store.projects(in: ada.workspace, visibleTo: ada.id, page: .everything)?.total == 1)
            for group in data.groups {
                #expect(try await store.group(group.id, visibleTo: ada.id) == group)
            }
            #expect(try await store.memberIDs(of: data.workspaceGroup.id, by: ada) == participants([1, 2]))
            #expect(try await store.groups(in: .workspace(ada.workspace), active: nil, page: .everything, visibleTo: ada.id).total == 2)
            #expect(try await store.groups(in: .organisation(ada.organisation), active: nil, page: .everything, visibleTo: ada.id).total == 1)
        }

        @Test(arguments: StoreKind.allCases)
        func workspacesOfOthersAreInvisible(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let data = try await Self.seed(store)
                let before = try #require(try await store.workspace(data.ada.workspace, visibleTo: data.ada.id))
                let bob = try await store.tenant("bob@example.org")
                #expect(try await store.workspace(data.ada.workspace, visibleTo: bob.id) == nil)
                let listed = try await store.workspaces(of: bob.id, page: .everything)
                #expect(listed.total == 1 && listed.items.map(\.workspace.id) == [bob.workspace])
                let edit = try WorkspaceRules.edit(title: "Taken", description: "x", naivetyDistributionRate: .set(1))
                #expect(try await store.updateWorkspace(data.ada.workspace, edit, by: bob.id) == nil)
                #expect(try await store.workspace(data.ada.workspace, visibleTo: data.ada.id) == before)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func projectsOfOthersAreInvisible(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let data = try await Self.seed(store)
                let bob = try await store.tenant("bob@example.org")
                #expect(try await store.projects(in: data.ada.workspace, visibleTo: bob.id, page: .everything) == nil)
                #expect(try await store.project(data.project.id, visibleTo: bob.id) == nil)
                let new = try ProjectRules.newProject(
                    title: "Intruder", description: nil, visibility: nil, publicDetails: nil, naivetyDistributionRate: nil,
                    isLongitudinal: nil, longitudinalConfigJSON: nil)
                #expect(try await store.createProject(new, id: .generate(), in: data.ada.workspace, by: bob.id, at: time()) == nil)
                let calls = CallCounter()
                let updated = try await store.updateProject(data.project.id, by: bob.id) { project in
                    calls.record()
                    var changed = project
                    changed.title = "Taken"
                    return changed
                }
                #expect(updated == nil)
                #expect(calls.calls == 0)
                try await Self.expectUnchanged(data, store)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func groupsOfOthersAreInvisible(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let data = try await Self.seed(store)
                let bob = try await store.tenant("bob@example.org")
                for group in data.groups {
                    #expect(try await store.group(group.id, visibleTo: bob.id) == nil)
                    #expect(try await store.members(of: group.id, page: .everything, visibleTo: bob.id) == nil)
                    let edits = [
                        GroupEdit(name: "Taken"), GroupEdit(membership: .add([participant(66)])),
                        GroupEdit(membership: .remove(participants(1...4))), GroupEdit(membership: .replace([])),
                        GroupEdit(delete: true),
                    ]
                    for edit in edits {
                        let result = try await store.editGroup(
                            group.id, edit, by: bob.id, at: time(), returningMembers: true)
                        #expect(result == nil)
                    }
                }
                try await Self.expectUnchanged(data, store)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func listsOfOthersAreNotFound(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let data = try await Self.seed(store)
                let bob = try await store.tenant("bob@example.org")
                let scopes: [GroupListScope] = [
                    .workspace(data.ada.workspace), .project(data.project.id), .organisation(data.ada.organisation),
                ]
                for scope in scopes {
                    for active in [nil, true, false] as [Bool?] {
                        let error = await cohortError {
                            _ = try await store.groups(in: scope, active: active, page: .everything, visibleTo: bob.id)
                        }
                        #expect(error?.kind == .notFound, "\(scope)")
                    }
                }
            }
        }

        @Test(arguments: StoreKind.allCases)
        func groupsCannotBeCreatedInOthersPlaces(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let data = try await Self.seed(store)
                let ada = data.ada
                let bob = try await store.tenant("bob@example.org")
                let attempts: [@Sendable () async throws -> Void] = [
                    { _ = try await store.makeGroup(workspace: ada.workspace, by: bob) },
                    { _ = try await store.makeGroup(project: data.project.id, by: bob) },
                    { _ = try await store.makeGroup(workspace: ada.workspace, project: data.project.id, by: bob) },
                    { _ = try await store.makeGroup(workspace: bob.workspace, project: data.project.id, by: bob) },
                    { _ = try await store.makeGroup(organisation: ada.organisation, by: bob) },
                ]
                for attempt in attempts {
                    let error = await cohortError(attempt)
                    #expect(error?.kind == .notFound)
                }
                #expect(try await store.groups(in: .workspace(bob.workspace), active: nil, page: .everything, visibleTo: bob.id).total == 0)
                try await Self.expectUnchanged(data, store)
            }
        }
    }
}
