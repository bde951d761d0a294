import CohortCore
import Testing

extension StoreConformance {
    /// Concurrent membership edits on one group: every edit sees and leaves a consistent count.
    @Suite struct Concurrency {
        @Test(arguments: StoreKind.allCases)
        func overlappingEditsKeepTheCountExact(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants(0..<10), by: ada)
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    for task in 0..<20 {
                        tasks.addTask {
                            let ids = participants((task..<task + 12).map { $0 % 25 })
                            let change: MembershipEdit = switch task % 3 {
                            case 0: .remove(ids)
                            case 1: .add(ids)
                            default: .replace(Array(ids.prefix(task % 7 + 3)))
                            }
                            let (after, members) = try await store.change(group.id, change, by: ada, at: time(Int64(task)))
                            #expect(after.participantCount == members.count)
                            #expect(Set(members.map(\.participantID)).count == members.count)
                        }
                    }
                    try await tasks.waitForAll()
                }
                let members = try await store.allMembers(of: group.id, by: ada)
                let after = try #require(try await store.group(group.id, visibleTo: ada.id))
                #expect(after.participantCount == members.count)
                #expect(Set(members.map(\.participantID)).count == members.count)
                #expect(try await store.members(of: group.id, page: page(limit: 1), visibleTo: ada.id)?.total == members.count)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func concurrentAddsOfDisjointMembersAllLand(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, by: ada)
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    for task in 0..<20 {
                        tasks.addTask {
                            try await store.change(group.id, .add(participants((task * 5)..<(task * 5 + 5))), by: ada)
                        }
                    }
                    try await tasks.waitForAll()
                }
                #expect(Set(try await store.memberIDs(of: group.id, by: ada)) == Set(participants(0..<100)))
                #expect(try await store.group(group.id, visibleTo: ada.id)?.participantCount == 100)
            }
        }

        /// Reads and writes use different connections (SQLite reads on read-only connections of
        /// their own): a read that starts after a write was acknowledged must see it.
        @Test(arguments: StoreKind.allCases)
        func everyReadSeesTheWritesAcknowledgedBeforeIt(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, by: ada)
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    for task in 0..<40 {
                        tasks.addTask {
                            let mine = participants(task..<task + 1)
                            let (acknowledged, _) = try await store.change(group.id, .add(mine), by: ada)
                            let read = try #require(try await store.group(group.id, visibleTo: ada.id))
                            #expect(read.participantCount >= acknowledged.participantCount)
                            #expect(Set(try await store.memberIDs(of: group.id, by: ada)).isSuperset(of: mine))
                        }
                    }
                    try await tasks.waitForAll()
                }
                #expect(try await store.group(group.id, visibleTo: ada.id)?.participantCount == 40)
            }
        }
    }
}
