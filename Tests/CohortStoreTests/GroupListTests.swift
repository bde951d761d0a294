import CohortCore
import Testing

extension StoreConformance {
    /// Listing groups by workspace, project and organisation: paging, totals, the `active` filter.
    @Suite struct GroupList {
        @Test(arguments: StoreKind.allCases)
        func pagesCoverEveryGroupOnceWithTheTotal(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                var ids = Set<GroupID>()
                for index in 0..<5 { ids.insert(try await store.makeGroup("G\(index)", workspace: ada.workspace, by: ada).id) }

                var seen = [GroupID]()
                for offset in [0, 2, 4, 6] {
                    let slice = try await store.groups(
                        in: .workspace(ada.workspace), active: nil, page: page(limit: 2, offset: offset), visibleTo: ada.id)
                    #expect(slice.total == 5)
                    #expect(slice.items.count == max(0, min(2, 5 - offset)))
                    seen += slice.items.map(\.id)
                }
                #expect(seen.count == 5)
                #expect(Set(seen) == ids)
                let all = try await store.groups(in: .workspace(ada.workspace), active: nil, page: .everything, visibleTo: ada.id)
                #expect(all.items.map(\.id) == seen)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func activeFiltersDeletedGroups(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                var live = Set<GroupID>(), deleted = Set<GroupID>()
                for index in 0..<5 {
                    let group = try await store.makeGroup("G\(index)", workspace: ada.workspace, by: ada)
                    if index.isMultiple(of: 2) {
                        live.insert(group.id)
                    } else {
                        _ = try await store.editGroup(
                            group.id, GroupEdit(delete: true), by: ada.id, at: time(), returningMembers: false)
                        deleted.insert(group.id)
                    }
                }
                func list(_ active: Bool?, _ page: PageRequest = .everything) async throws -> Page<ParticipantGroup> {
                    try await store.groups(in: .workspace(ada.workspace), active: active, page: page, visibleTo: ada.id)
                }
                let everything = try await list(nil)
                #expect(everything.total == 5 && Set(everything.items.map(\.id)) == live.union(deleted))
                let active = try await list(true)
                #expect(active.total == 3 && Set(active.items.map(\.id)) == live)
                #expect(active.items.allSatisfy { !$0.isDeleted })
                let inactive = try await list(false)
                #expect(inactive.total == 2 && Set(inactive.items.map(\.id)) == deleted)
                #expect(inactive.items.allSatisfy { $0.isDeleted })
                let firstActive = try await list(true, page(limit: 1, offset: 1))
                #expect(firstActive.total == 3 && firstActive.items.count == 1)
                #expect(firstActive.items.allSatisfy { live.contains($0.id) })
            }
        }

        @Test(arguments: StoreKind.allCases)
        func scopesListOnlyTheirOwnGroups(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let lab = try await store.makeWorkspace("Lab", by: ada).workspace.id
                let project = try await store.makeProject("Study", in: ada.workspace, by: ada)
                let plain = try await store.makeGroup("plain", workspace: ada.workspace, by: ada)
                let viaProject = try await store.makeGroup("project", project: project.id, by: ada)
                let inLab = try await store.makeGroup("lab", workspace: lab, by: ada)
                let org = try await store.makeGroup("org", organisation: ada.organisation, by: ada)

                func ids(_ scope: GroupListScope) async throws -> Set<GroupID> {
                    let page = try await store.groups(in: scope, active: nil, page: .everything, visibleTo: ada.id)
                    #expect(page.total == page.items.count)
                    return Set(page.items.map(\.id))
                }
                #expect(try await ids(.workspace(ada.workspace)) == [plain.id, viaProject.id])
                #expect(try await ids(.project(project.id)) == [viaProject.id])
                #expect(try await ids(.workspace(lab)) == [inLab.id])
                #expect(try await ids(.organisation(ada.organisation)) == [org.id])
            }
        }

        @Test(arguments: StoreKind.allCases)
        func unknownScopesAreNotFound(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                for scope in [GroupListScope.workspace(.generate()), .project(.generate()), .organisation(.generate())] {
                    let error = await cohortError {
                        _ = try await store.groups(in: scope, active: nil, page: .everything, visibleTo: ada.id)
                    }
                    #expect(error?.kind == .notFound)
                }
            }
        }
    }
}
