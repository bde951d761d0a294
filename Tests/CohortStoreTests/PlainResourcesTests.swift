import CohortCore
import Testing

extension StoreConformance {
    /// The shared use cases of plain resources over a real store: tenancy decided once, in the
    /// core, for every kind.
    @Suite struct PlainResourceUseCases {
        @Test(arguments: StoreKind.allCases)
        func theOwnerReadsListsUpdatesAndDeletes(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let notes = PlainResources<Note>(store: store)
                let note = try await notes.create(Note(in: ada.workspace, text: "a", tags: ["t"]), caller: ada.researcher)
                #expect(try await notes.get(note.id.hex, caller: ada.researcher) == note)
                let page = try await notes.list(in: ada.workspace.hex, fields: [RecordField("tag", "t")], page: .everything, caller: ada.researcher)
                #expect(page.items == [note] && page.total == 1)
                let updated = try await notes.update(note.id.hex, caller: ada.researcher) { current in
                    var next = current
                    next.text = "b"
                    return next
                }
                #expect(updated.text == "b")
                #expect(try await notes.get(note.id.hex, caller: ada.researcher).text == "b")
                try await notes.delete(note.id.hex, caller: ada.researcher)
                let gone = await cohortError { _ = try await notes.get(note.id.hex, caller: ada.researcher) }
                #expect(gone?.detail == .message("Note '\(note.id)' was not found."))
            }
        }

        @Test(arguments: StoreKind.allCases)
        func anotherResearcherFindsNothingAndChangesNothing(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let bob = try await store.tenant("bob@example.org")
                let notes = PlainResources<Note>(store: store)
                let note = try await notes.create(Note(in: ada.workspace, text: "a"), caller: ada.researcher)
                let attempts: [@Sendable () async throws -> Void] = [
                    { _ = try await notes.get(note.id.hex, caller: bob.researcher) },
                    { _ = try await notes.list(in: ada.workspace.hex, page: .everything, caller: bob.researcher) },
                    { _ = try await notes.update(note.id.hex, caller: bob.researcher) { _ in Issue.record("called"); return note } },
                    { try await notes.delete(note.id.hex, caller: bob.researcher) },
                    { _ = try await notes.create(Note(in: ada.workspace, text: "b"), caller: bob.researcher) },
                    { _ = try await notes.get("not-an-id", caller: ada.researcher) },
                ]
                for attempt in attempts {
                    let error = await cohortError { try await attempt() }
                    #expect(error?.kind == .notFound)
                }
                #expect(try await notes.get(note.id.hex, caller: ada.researcher) == note)
                #expect(try await notes.list(in: ada.workspace.hex, page: .everything, caller: ada.researcher).total == 1)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func anUpdateThatThrowsChangesNothing(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let notes = PlainResources<Note>(store: store)
                let note = try await notes.create(Note(in: ada.workspace, text: "a"), caller: ada.researcher)
                let refused = await cohortError {
                    _ = try await notes.update(note.id.hex, caller: ada.researcher) { _ in
                        throw CohortError.invalid("text", "No.")
                    }
                }
                #expect(refused?.kind == .invalidInput)
                #expect(try await store.record(Note.key(note.id))?.version == 1)
            }
        }
    }
}
