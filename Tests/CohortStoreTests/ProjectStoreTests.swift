import CohortCore
import Testing

extension StoreConformance {
    /// Projects: create, list with paging, get, and update through the `apply` closure.
    @Suite struct Projects {
        @Test(arguments: StoreKind.allCases)
        func createdProjectIsReadBack(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let new = try ProjectRules.newProject(
                    title: "Study", description: "About", visibility: .public,
                    publicDetails: .init(title: "Shown", shortDescription: "Short"), naivetyDistributionRate: 0.3,
                    isLongitudinal: true, longitudinalConfigJSON: #"{"waves":3}"#)
                let id = ProjectID.generate()
                let created = try #require(try await store.createProject(new, id: id, in: ada.workspace, by: ada.id, at: time(9)))
                let expected = Project(
                    id: id, workspaceID: ada.workspace, title: "Study", description: "About", ownerID: ada.id,
                    visibility: .public, publicDetails: .init(status: .enabled, title: "Shown", shortDescription: "Short"),
                    naivetyDistributionRate: 0.3, isLongitudinal: true, longitudinalConfigJSON: #"{"waves":3}"#,
                    createdAt: time(9))
                #expect(created.project == expected)
                #expect(created.users.map(\.researcher) == [ada.researcher])
                #expect(try await store.project(id, visibleTo: ada.id) == created)
                let workspace = try #require(try await store.workspace(ada.workspace, visibleTo: ada.id))
                #expect(workspace.projects == [created])
            }
        }

        @Test(arguments: StoreKind.allCases)
        func privateProjectHasNoPublicDetails(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let project = try await store.makeProject("Study", in: ada.workspace, by: ada)
                #expect(project.visibility == .private)
                #expect(project.publicDetails == nil)
                #expect(try await store.project(project.id, visibleTo: ada.id)?.project == project)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func listPagesWithTotalsPerWorkspace(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let other = try await store.makeWorkspace("Other", by: ada).workspace.id
                var ids = [ProjectID]()
                for title in ["A", "B", "C"] { ids.append(try await store.makeProject(title, in: ada.workspace, by: ada).id) }
                _ = try await store.makeProject("Elsewhere", in: other, by: ada)

                let all = try #require(try await store.projects(in: ada.workspace, visibleTo: ada.id, page: .everything))
                #expect(all.total == 3)
                #expect(Set(all.items.map(\.project.id)) == Set(ids))
                let first = try #require(try await store.projects(in: ada.workspace, visibleTo: ada.id, page: page(limit: 2)))
                let rest = try #require(try await store.projects(in: ada.workspace, visibleTo: ada.id, page: page(limit: 2, offset: 2)))
                #expect(first.total == 3 && rest.total == 3)
                #expect(first.items.count == 2 && rest.items.count == 1)
                #expect(Set((first.items + rest.items).map(\.project.id)) == Set(ids))
                #expect(try await store.projects(in: other, visibleTo: ada.id, page: .everything)?.total == 1)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func updateStoresWhatApplyReturns(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let before = try await store.makeProject("Study", in: ada.workspace, by: ada)
                let edit = try ProjectRules.validate(ProjectEdit(title: "Renamed", visibility: .public, publicDetails: .init(title: "T")))
                let calls = CallCounter()
                let updated = try await store.updateProject(before.id, by: ada.id) { project in
                    calls.record()
                    return try ProjectRules.apply(edit, to: project)
                }
                #expect(calls.calls == 1)
                var expected = before
                expected.title = "Renamed"
                expected.visibility = .public
                expected.publicDetails = .init(status: .enabled, title: "T")
                #expect(updated?.project == expected)
                #expect(try await store.project(before.id, visibleTo: ada.id)?.project == expected)

                let privateAgain = try await store.updateProject(before.id, by: ada.id) { project in
                    try ProjectRules.apply(ProjectEdit(visibility: .private), to: project)
                }
                #expect(privateAgain?.project.publicDetails == nil)
                #expect(try await store.project(before.id, visibleTo: ada.id)?.project.publicDetails == nil)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func throwingFromApplyChangesNothing(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let before = try await store.makeProject("Study", in: ada.workspace, by: ada)
                await #expect(throws: Refused.self) {
                    _ = try await store.updateProject(before.id, by: ada.id) { _ in throw Refused() }
                }
                let error = await cohortError {
                    _ = try await store.updateProject(before.id, by: ada.id) { project in
                        try ProjectRules.apply(ProjectEdit(publicDetails: .init(title: "T")), to: project)
                    }
                }
                #expect(error?.kind == .invalidInput)
                #expect(try await store.project(before.id, visibleTo: ada.id)?.project == before)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func unknownProjectOrWorkspaceIsNil(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let new = try ProjectRules.newProject(
                    title: "S", description: nil, visibility: nil, publicDetails: nil, naivetyDistributionRate: nil,
                    isLongitudinal: nil, longitudinalConfigJSON: nil)
                #expect(try await store.createProject(new, id: .generate(), in: .generate(), by: ada.id, at: time()) == nil)
                #expect(try await store.projects(in: .generate(), visibleTo: ada.id, page: .everything) == nil)
                #expect(try await store.project(.generate(), visibleTo: ada.id) == nil)
                let calls = CallCounter()
                #expect(try await store.updateProject(.generate(), by: ada.id) { calls.record(); return $0 } == nil)
                #expect(calls.calls == 0)
            }
        }
    }
}
