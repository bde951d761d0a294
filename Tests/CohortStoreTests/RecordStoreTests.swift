import CohortCore
import Testing

extension StoreConformance {
    /// Plain resources: stored, listed and filtered by the same code for every kind.
    @Suite struct Records {
        @Test(arguments: StoreKind.allCases)
        func aRecordIsStoredAndReadBackAsItWasWritten(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let note = Note(in: ada.workspace, text: "héllo \"world\" / ✓", tags: ["a", "b"])
                try await store.insert(note)
                let stored = try #require(try await store.record(Note.key(note.id)))
                #expect(stored.version == 1)
                #expect(stored.workspaceID == ada.workspace)
                #expect(stored.fields == note.listFields)
                #expect(try stored.decode(as: Note.self) == note)
                #expect(try await store.record(Note.key(.generate())) == nil)
                #expect(try await store.record(RecordKey(RecordKind("other"), note.id.hex)) == nil)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func aRecordIsReadWithWhetherTheCallerIsAMemberOfItsWorkspace(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let bob = try await store.tenant("bob@example.org")
                let other = try await store.makeWorkspace("Other", by: ada).workspace.id
                let note = Note(in: other, text: "mine", tags: ["a"])
                try await store.insert(note)
                let asAda = try #require(try await store.record(Note.key(note.id), withMembershipOf: ada.researcher.id))
                #expect(asAda.callerIsMember)
                #expect(asAda.record == (try await store.record(Note.key(note.id))))
                let asBob = try #require(try await store.record(Note.key(note.id), withMembershipOf: bob.researcher.id))
                #expect(!asBob.callerIsMember)
                #expect(try await store.record(Note.key(note.id), withMembershipOf: ResearcherID.generate())?.callerIsMember == false)
                #expect(try await store.record(Note.key(.generate()), withMembershipOf: ada.researcher.id) == nil)
                #expect(try await store.record(RecordKey(RecordKind("other"), note.id.hex), withMembershipOf: ada.researcher.id) == nil)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func listsAreByWorkspaceInCreationOrderFilteredOnEveryField(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let other = try await store.makeWorkspace("Other", by: ada).workspace.id
                let notes = [
                    Note(in: ada.workspace, text: "1", status: "ACTIVE", tags: ["x"]),
                    Note(in: ada.workspace, text: "2", status: "DRAFT", tags: ["x", "y"]),
                    Note(in: other, text: "3", status: "ACTIVE", tags: ["x"]),
                    Note(in: ada.workspace, text: "4", status: "ACTIVE", tags: ["y"]),
                    Note(in: ada.workspace, text: "5", status: "ACTIVE", tags: ["x", "y"]),
                ]
                for note in notes { try await store.insert(note) }
                func texts(_ workspace: WorkspaceID, _ fields: Set<RecordField> = [], page: PageRequest = .everything)
                    async throws -> ([String], Int)
                {
                    let page = try await store.records(
                        RecordQuery(kind: Note.recordKind, workspaceID: workspace, fields: fields), page: page)
                    return (try page.items.map { try $0.decode(as: Note.self).text }, page.total)
                }
                #expect(try await texts(ada.workspace) == (["1", "2", "4", "5"], 4))
                #expect(try await texts(other) == (["3"], 1))
                #expect(try await texts(ada.workspace, [RecordField("status", "ACTIVE")]) == (["1", "4", "5"], 3))
                #expect(try await texts(ada.workspace, [RecordField("tag", "x"), RecordField("tag", "y")]) == (["2", "5"], 2))
                #expect(
                    try await texts(ada.workspace, [RecordField("status", "ACTIVE"), RecordField("tag", "x")]) == (["1", "5"], 2))
                #expect(try await texts(ada.workspace, [RecordField("status", "GONE")]) == ([], 0))
                #expect(try await texts(ada.workspace, page: PageRequest(limit: 2, offset: 1)) == (["2", "4"], 4))
                // Several workspaces at once: one creation order across them; none, nothing.
                let both = try await store.records(
                    RecordQuery(kind: Note.recordKind, workspaceIDs: [other, ada.workspace], fields: [RecordField("tag", "x")]),
                    page: PageRequest(limit: 3, offset: 0))
                #expect(try both.items.map { try $0.decode(as: Note.self).text } == ["1", "2", "3"])
                #expect(both.total == 4)
                let none = try await store.records(RecordQuery(kind: Note.recordKind, workspaceIDs: []), page: .everything)
                #expect(none.items.isEmpty && none.total == 0)
                // By one field alone, whatever the workspace, each with all its fields.
                let tagged = try await store.records(of: Note.recordKind, carrying: RecordField("tag", "y"))
                #expect(try tagged.map { try $0.decode(as: Note.self).text } == ["2", "4", "5"])
                #expect(tagged.first?.fields == notes[1].listFields)
                #expect(try await store.records(of: Note.recordKind, carrying: RecordField("tag", "z")).isEmpty)
                #expect(try await store.records(of: RecordKind("other"), carrying: RecordField("tag", "y")).isEmpty)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func aGroupIsReadWithTheRecordsThatNameIt(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let bob = try await store.tenant("bob@example.org")
                let group = try await store.makeGroup("Fed", workspace: ada.workspace, by: ada)
                let other = try await store.makeGroup("Other", workspace: ada.workspace, by: ada)
                let notes = [
                    Note(in: ada.workspace, text: "1", tags: [group.id.hex]),
                    Note(in: ada.workspace, text: "2", tags: [other.id.hex]),
                    Note(in: ada.workspace, text: "3", tags: [group.id.hex, other.id.hex]),
                ]
                for note in notes { try await store.insert(note) }
                let relation = RecordRelation(kind: Note.recordKind, field: "tag")
                let read = try #require(try await store.group(group.id, visibleTo: ada.id, with: relation))
                #expect(read.group == group)
                #expect(try read.related.map { try $0.decode(as: Note.self).text } == ["1", "3"])
                #expect(read.related.last?.fields == notes[2].listFields)
                #expect(try await store.group(group.id, visibleTo: bob.id, with: relation) == nil)
                let none = try #require(
                    try await store.group(group.id, visibleTo: ada.id, with: RecordRelation(kind: RecordKind("other"), field: "tag")))
                #expect(none.related.isEmpty)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func anUpdateReplacesBodyAndFieldsAndMovesTheVersionOn(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                var note = Note(in: ada.workspace, text: "v1", tags: ["old"])
                try await store.insert(note)
                note.text = "v2"
                note.tags = ["new"]
                let update = try note.record(version: 1)
                _ = try await store.transact { _ in .commit([.update(update)], result: true) }
                let stored = try #require(try await store.record(Note.key(note.id)))
                #expect(stored.version == 2)
                #expect(try stored.decode(as: Note.self) == note)
                let old = try await store.records(
                    RecordQuery(kind: Note.recordKind, workspaceID: ada.workspace, fields: [RecordField("tag", "old")]),
                    page: .everything)
                #expect(old.total == 0)
                // An update of the version before is refused, and changes nothing.
                note.text = "stale"
                let stale = try note.record(version: 1)
                await #expect(throws: RecordVersionConflict.self) {
                    _ = try await store.transact { _ in .commit([.update(stale)], result: true) }
                }
                #expect(try await store.record(Note.key(note.id)) == stored)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func aDeletedRecordIsGone(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let note = Note(in: ada.workspace, text: "x", tags: ["t"])
                try await store.insert(note)
                _ = try await store.transact { _ in .commit([.delete(Note.key(note.id))], result: true) }
                #expect(try await store.record(Note.key(note.id)) == nil)
                let listed = try await store.records(
                    RecordQuery(kind: Note.recordKind, workspaceID: ada.workspace, fields: [RecordField("tag", "t")]),
                    page: .everything)
                #expect(listed.total == 0)
                await #expect(throws: RecordVersionConflict.self) {
                    _ = try await store.transact { _ in .commit([.delete(Note.key(note.id))], result: true) }
                }
            }
        }
    }

    /// One transaction across resources, as completing a submission will need (the submission,
    /// the study's counts, a group's membership, a wallet): all of it or none of it.
    @Suite struct CrossResourceTransactions {
        struct HalfWay: Error {}

        @Test(arguments: StoreKind.allCases)
        func aTransactionAcrossRecordsAndAGroupCommitsWhole(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([1]), by: ada)
                let counter = Note(in: ada.workspace, text: "0")
                try await store.insert(counter)
                let created = Note(in: ada.workspace, text: "completed")
                let key = Note.key(counter.id)
                let result = try await store.transact { snapshot -> TransactionStep<Int> in
                    guard let stored = snapshot.record(key), let group = snapshot.group(group.id) else {
                        return .load(records: [key], groups: [group.id])
                    }
                    var next: Note = try stored.decode()
                    next.text = String(Int(next.text)! + 1)
                    return .commit(
                        [
                            .insert(try created.record()),
                            .update(try next.record(version: stored.version)),
                            .editGroup(group.id, [.addMembers(participants([2, 3]))], at: time(9)),
                        ], result: group.participantCount)
                }
                #expect(result == 1)
                #expect(try await store.record(Note.key(created.id)) != nil)
                #expect(try #require(try await store.record(key)).decode(as: Note.self).text == "1")
                #expect(try await store.memberIDs(of: group.id, by: ada) == participants([1, 2, 3]))
                #expect(try await store.group(group.id, visibleTo: ada.id)?.participantCount == 3)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func aTransactionThatFailsHalfWayChangesNothing(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(workspace: ada.workspace, members: participants([1]), by: ada)
                let counter = Note(in: ada.workspace, text: "0")
                try await store.insert(counter)
                let before = try await store.record(Note.key(counter.id))
                let created = Note(in: ada.workspace, text: "never")
                var next = counter
                next.text = "1"
                let changes: [RecordChange] = [
                    .insert(try created.record()),
                    .editGroup(group.id, [.addMembers(participants([2, 3])), .rename("renamed")], at: time(9)),
                    .update(try next.record(version: 1)),
                    .update(try next.record(version: 7)),
                ]
                // The last change names a version that is not the stored one: it fails after the
                // insert and the group's edit were applied, and neither stays.
                await #expect(throws: RecordVersionConflict.self) {
                    _ = try await store.transact { _ in
                        .commit(changes, result: true)
                    }
                }
                // The decision throws after loading: nothing happens either.
                await #expect(throws: HalfWay.self) {
                    _ = try await store.transact { snapshot -> TransactionStep<Bool> in
                        guard snapshot.group(group.id) != nil else { return .load(groups: [group.id]) }
                        throw HalfWay()
                    }
                }
                // A group that does not exist fails the transaction it is edited in.
                await #expect(throws: CohortError.self) {
                    _ = try await store.transact { _ in
                        .commit([.insert(try created.record()), .editGroup(.generate(), [.markDeleted], at: time())], result: true)
                    }
                }
                #expect(try await store.record(Note.key(created.id)) == nil)
                #expect(try await store.record(Note.key(counter.id)) == before)
                #expect(try await store.memberIDs(of: group.id, by: ada) == participants([1]))
                #expect(try await store.group(group.id, visibleTo: ada.id) == group)
            }
        }
    }
}

extension CohortStore {
    func insert(_ note: Note) async throws {
        let record = try note.record()
        _ = try await transact { _ in .commit([.insert(record)], result: true) }
    }
}
