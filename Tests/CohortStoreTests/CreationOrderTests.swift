import CohortCore
import Testing

extension StoreConformance {
    /// Lists come in creation order, oldest first, not in id order: ids are made here with falling
    /// values (as after an ObjectId counter wrap) so the two orders differ.
    @Suite struct CreationOrder {
        /// Well-formed ids that fall: `falling(3)` is `…03`, `…02`, `…01`.
        static func falling<Entity>(_ count: Int) -> [ID<Entity>] {
            (1...count).reversed().map { ID<Entity>("ffffffffffffffffffffff0\($0)")! }
        }

        @Test(arguments: StoreKind.allCases)
        func groups(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let project = try await store.makeProject("Study", in: ada.workspace, by: ada)
                let ids: [GroupID] = Self.falling(3)
                for id in ids {
                    let new = try GroupRules.newGroup(
                        name: "G", description: nil, workspaceID: nil, organisationID: nil, projectID: project.id.hex,
                        participantIDs: nil)
                    _ = try await store.createGroup(new, id: id, by: ada.id, at: time())
                }
                for scope in [GroupListScope.workspace(ada.workspace), .project(project.id)] {
                    let all = try await store.groups(in: scope, active: nil, page: .everything, visibleTo: ada.id)
                    #expect(all.items.map(\.id) == ids)
                    let second = try await store.groups(in: scope, active: nil, page: page(limit: 1, offset: 1), visibleTo: ada.id)
                    #expect(second.items.map(\.id) == [ids[1]])
                }
            }
        }

        @Test(arguments: StoreKind.allCases)
        func projects(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let ids: [ProjectID] = Self.falling(3)
                let new = try ProjectRules.newProject(
                    title: "P", description: nil, visibility: nil, publicDetails: nil, naivetyDistributionRate: nil,
                    isLongitudinal: nil, longitudinalConfigJSON: nil)
                for id in ids { _ = try await store.createProject(new, id: id, in: ada.workspace, by: ada.id, at: time()) }
                let listed = try #require(try await store.projects(in: ada.workspace, visibleTo: ada.id, page: .everything))
                #expect(listed.items.map(\.project.id) == ids)
                let workspace = try #require(try await store.workspace(ada.workspace, visibleTo: ada.id))
                #expect(workspace.projects.map(\.project.id) == ids)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func workspaces(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let ids: [WorkspaceID] = Self.falling(3)
                let new = try WorkspaceRules.newWorkspace(title: "W", description: nil, naivetyDistributionRate: nil, currencyCode: nil)
                for id in ids { _ = try await store.createWorkspace(new, id: id, by: ada.id, role: Member.workspaceAdmin, at: time()) }
                let listed = try await store.workspaces(of: ada.id, page: .everything)
                #expect(listed.items.map(\.workspace.id) == [ada.workspace] + ids)
                let tail = try await store.workspaces(of: ada.id, page: page(limit: 2, offset: 2))
                #expect(tail.items.map(\.workspace.id) == Array(ids.suffix(2)))
            }
        }
    }
}
