import CohortCore
import Testing

extension StoreConformance {
    /// Durability: what was written is there after the store is closed and opened again.
    @Suite struct Durability {
        @Test(arguments: StoreKind.allCases)
        func dataSurvivesReopening(kind: StoreKind) async throws {
            try await withLocation(kind) { location in
                let token = APIToken("ada-secret").digest
                let (ada, project, live, deleted, members) = try await withOpenStore(location) { store in
                    let ada = try await store.tenant("ada@example.org")
                    try await store.addToken(token, for: ada.id, at: time())
                    let project = try await store.makeProject("Study", in: ada.workspace, by: ada)
                    let live = try await store.makeGroup("live", project: project.id, members: participants([2, 1]), by: ada, at: time(1))
                    try await store.change(live.id, .add([participant(3)]), by: ada, at: time(2))
                    let doomed = try await store.makeGroup("doomed", organisation: ada.organisation, by: ada)
                    let deleted = try #require(try await store.editGroup(
                        doomed.id, GroupEdit(delete: true), by: ada.id, at: time(), returningMembers: false)
                    ).group
                    let members = try await store.allMembers(of: live.id, by: ada)
                    return (ada, project, try #require(try await store.group(live.id, visibleTo: ada.id)), deleted, members)
                }

                try await withOpenStore(location) { store in
                    try await store.ping()
                    #expect(try await store.hasResearchers())
                    #expect(try await store.tokens(lookupKey: token.lookupKey).map(\.researcher) == [ada.researcher])
                    let again = try await store.provisionResearcher(NewResearcher(email: "ada@example.org", name: "x", at: time()))
                    #expect(again.created == false && again.researcher == ada.researcher)
                    #expect(try await store.workspace(ada.workspace, visibleTo: ada.id)?.workspace.id == ada.workspace)
                    #expect(try await store.project(project.id, visibleTo: ada.id)?.project == project)
                    #expect(try await store.group(live.id, visibleTo: ada.id) == live)
                    #expect(try await store.group(deleted.id, visibleTo: ada.id) == deleted)
                    #expect(try await store.allMembers(of: live.id, by: ada) == members)
                    #expect(members.count == 3 && live.participantCount == 3)
                }
            }
        }
    }
}
