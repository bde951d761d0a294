import CohortCore
import Testing

extension StoreConformance {
    /// Workspaces: create, list with paging and totals, get, update.
    @Suite struct Workspaces {
        @Test(arguments: StoreKind.allCases)
        func createdWorkspaceIsReadBack(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let created = try await store.makeWorkspace("Lab", by: ada, currency: "USD", rate: 0.25)
                let workspace = created.workspace
                #expect(workspace.title == "Lab")
                #expect(workspace.description == "About Lab")
                #expect(workspace.currencyCode == .usd)
                #expect(workspace.naivetyDistributionRate == 0.25)
                #expect(workspace.organisationID == ada.organisation)
                #expect(workspace.ownerID == ada.id)
                #expect(workspace.createdAt == time())
                #expect(created.users == [Member(researcher: ada.researcher, roles: [Member.workspaceAdmin])])
                #expect(created.projects.isEmpty)
                #expect(try await store.workspace(workspace.id, visibleTo: ada.id) == created)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func listPagesWithTotals(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                for title in ["B", "C", "D"] { _ = try await store.makeWorkspace(title, by: ada) }

                let all = try await store.workspaces(of: ada.id, page: .everything)
                #expect(all.total == 4)
                #expect(all.items.count == 4)
                #expect(Set(all.items.map(\.workspace.id)).count == 4)

                var seen = [WorkspaceID]()
                for offset in stride(from: 0, to: 6, by: 2) {
                    let slice = try await store.workspaces(of: ada.id, page: page(limit: 2, offset: offset))
                    #expect(slice.total == 4)
                    #expect(slice.items.count == max(0, min(2, 4 - offset)))
                    seen += slice.items.map(\.workspace.id)
                }
                #expect(seen.sorted() == all.items.map(\.workspace.id).sorted())
                #expect(Set(seen).count == 4)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func updateChangesOnlyTheGivenFields(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let before = try await store.makeWorkspace("Lab", by: ada, rate: 0.5).workspace
                let titled = try await store.updateWorkspace(
                    before.id, try WorkspaceRules.edit(title: "Renamed", description: nil, naivetyDistributionRate: .keep),
                    by: ada.id)
                var expected = before
                expected.title = "Renamed"
                #expect(titled?.workspace == expected)

                let rated = try await store.updateWorkspace(
                    before.id, try WorkspaceRules.edit(title: nil, description: "New", naivetyDistributionRate: .set(0.75)),
                    by: ada.id)
                expected.description = "New"
                expected.naivetyDistributionRate = 0.75
                #expect(rated?.workspace == expected)
                #expect(try await store.workspace(before.id, visibleTo: ada.id)?.workspace == expected)

                let cleared = try await store.updateWorkspace(
                    before.id, try WorkspaceRules.edit(title: nil, description: nil, naivetyDistributionRate: .set(nil)),
                    by: ada.id)
                expected.naivetyDistributionRate = nil
                #expect(cleared?.workspace == expected)
                #expect(try await store.workspace(before.id, visibleTo: ada.id)?.workspace == expected)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func unknownWorkspaceIsNil(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let missing = WorkspaceID.generate()
                #expect(try await store.workspace(missing, visibleTo: ada.id) == nil)
                let edit = try WorkspaceRules.edit(title: "x", description: nil, naivetyDistributionRate: .keep)
                #expect(try await store.updateWorkspace(missing, edit, by: ada.id) == nil)
            }
        }
    }
}
