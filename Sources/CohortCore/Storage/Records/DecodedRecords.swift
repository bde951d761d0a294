import Synchronization

/// The resources last decoded from records, each with the exact text it was decoded from.
/// Decoding is a pure function of that text, so a record read again with the same body gives
/// the value decoded before, whoever wrote it and on whichever instance, and a changed body simply
/// misses. Decoding a study's document
/// with Foundation's decoder was a quarter of `GET` a study, which clients poll while a study
/// runs (docs/performance.md). Bounded: when full, an arbitrary entry makes room.
final class DecodedRecords: Sendable {
    static let shared = DecodedRecords(capacity: 1024)

    private struct Entry: Sendable {
        let body: String
        let value: any Sendable
    }

    private let capacity: Int
    private let entries = Mutex<[RecordKey: Entry]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The value decoded before from exactly this record's kind, id and body, if any.
    func value<R: PlainResource>(for record: StoredRecord) -> R? {
        let key = record.key
        return entries.withLock { entries in
            guard let entry = entries[key], entry.body == record.body else { return nil }
            return entry.value as? R
        }
    }

    func remember<R: PlainResource>(_ value: R, for record: StoredRecord) {
        entries.withLock { entries in
            if entries.count >= capacity, entries[record.key] == nil { entries.remove(at: entries.startIndex) }
            entries[record.key] = Entry(body: record.body, value: value)
        }
    }

    /// Replaces what is remembered for this record's key, if anything is: a record read and then
    /// written keeps its place (a study, at every take and completion), while records only written
    /// (new submissions, new studies) take none, so they never push out the ones being read.
    func refresh<R: PlainResource>(_ value: R, for record: StoredRecord) {
        entries.withLock { entries in
            guard entries[record.key] != nil else { return }
            entries[record.key] = Entry(body: record.body, value: value)
        }
    }

    var count: Int { entries.withLock { $0.count } }
}
