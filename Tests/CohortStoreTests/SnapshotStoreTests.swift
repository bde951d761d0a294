import CohortCore
import Testing

extension StoreConformance {
    /// The sandbox's reset, seed and export: a snapshot holds every table, and restoring one
    /// gives back exactly what was read.
    @Suite struct Snapshots {
        /// Puts something in every kind of state there is: every table must end up with rows,
        /// so a table added without a place in the snapshot fails ``everyTableRoundTrips``.
        static func populate(_ store: any CohortStore) async throws {
            let ada = try await store.tenant("ada@example.org")
            let bob = try await store.tenant("bob@example.org")
            try await store.addToken(APIToken("ada-token").digest, for: ada.id, at: time(5))
            try await store.addToken(APIToken("bob-token").digest, for: bob.id, at: time(6))
            let workspace = try await store.makeWorkspace("Second", by: ada, currency: "USD", rate: 0.5)
            let project = try await store.makeProject("Pilot", in: workspace.workspace.id, by: ada)
            let group = try await store.makeGroup(
                "Wave", workspace: workspace.workspace.id, members: participants(1...5), by: ada, at: time(10))
            try await store.change(group.id, .add(participants(6...7)), by: ada, at: time(20))
            let viaProject = try await store.makeGroup("Via project", project: project.id, by: ada)
            _ = try await store.editGroup(viaProject.id, GroupEdit(delete: true), by: ada.id, at: time(30), returningMembers: false)
            _ = try await store.makeGroup("Org-wide", organisation: bob.organisation, members: participants(8...9), by: bob)
            #expect(try await store.createTestParticipant(.generate(), email: "p1@example.org", by: ada.id, at: time(40)))
            _ = try await PlainResources<Note>(store: store).create(
                Note(in: ada.workspace, text: "note", tags: ["a", "b"], at: time(50)), caller: ada.researcher)
        }

        @Test(arguments: StoreKind.allCases)
        func everyTableRoundTrips(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                try await Self.populate(store)
                let counts = try await store.stateTableRowCounts()
                let empty = counts.filter { $0.value == 0 }.keys.sorted()
                #expect(empty.isEmpty, "tables the population fixture leaves empty: \(empty): add them to populate()")
                let before = try await store.snapshot()

                try await store.restore(.empty)
                #expect(try await store.stateTableRowCounts().values.allSatisfy { $0 == 0 }, "restoring nothing empties every table")
                #expect(try await store.snapshot() == .empty)

                try await store.restore(before)
                #expect(try await store.stateTableRowCounts() == counts, "a table's rows are not in the snapshot")
                #expect(try await store.snapshot() == before)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func aRestoredTokenAuthenticatesAndARemovedOneNoLonger(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                try await Self.populate(store)
                let authenticator = Authenticator(store: store)
                let before = try await store.snapshot()
                #expect(try await authenticator.authenticate(authorizationHeader: "Token ada-token").0.email == "ada@example.org")
                try await store.restore(.empty)
                await #expect(throws: CohortError.self) {
                    _ = try await authenticator.authenticate(authorizationHeader: "Token ada-token")
                }
                try await store.restore(before)
                #expect(try await authenticator.authenticate(authorizationHeader: "Token ada-token").0.email == "ada@example.org")
            }
        }

        /// Lists read back in the order they were created, after a restore as before.
        @Test(arguments: StoreKind.allCases)
        func aRestoreKeepsCreationOrder(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                var names: [String] = []
                for index in 0..<12 {
                    let name = "Group \(index)"
                    _ = try await store.makeGroup(name, workspace: ada.workspace, by: ada)
                    names.append(name)
                }
                let snapshot = try await store.snapshot()
                try await store.restore(.empty)
                try await store.restore(snapshot)
                let listed = try await store.groups(
                    in: .workspace(ada.workspace), active: nil, page: .everything, visibleTo: ada.id)
                #expect(listed.items.map(\.name) == names)
            }
        }
    }
}
