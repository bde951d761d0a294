#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A resource kept as a stored document: a study, a filter set, a message. Conforming is what
/// adding such a resource takes in the storage layer: its fields are encoded as JSON, and
/// ``listFields`` are what lists filter on. The id and workspace are the record's own.
public protocol PlainResource: Codable, Sendable {
    associatedtype Entity: NamedEntity
    static var recordKind: RecordKind { get }
    var id: ID<Entity> { get }
    /// Who may see it: the members of this workspace (``Reach``).
    var workspaceID: WorkspaceID { get }
    var createdAt: Timestamp { get }
    /// The values lists may filter this resource on.
    var listFields: Set<RecordField> { get }
}

extension PlainResource {
    /// The record that stores this resource, at `version`. A record whose decoding is remembered
    /// (``DecodedRecords``) is remembered with this body, so the next transaction on a study
    /// written at every take and completion does not decode it again.
    public func record(version: Int = 1) throws -> StoredRecord {
        let body = String(decoding: try RecordCoding.encoder.encode(self), as: UTF8.self)
        let record = StoredRecord(
            kind: Self.recordKind, id: id.hex, workspaceID: workspaceID, createdAt: createdAt, version: version,
            body: body, fields: listFields)
        DecodedRecords.shared.refresh(self, for: record)
        return record
    }

    public static func key(_ id: ID<Entity>) -> RecordKey { RecordKey(recordKind, id.hex) }
}

extension StoredRecord {
    /// The resource this record holds; a body that does not decode is a ``CorruptRow``.
    public func decode<R: PlainResource>(as type: R.Type = R.self) throws -> R {
        guard kind == R.recordKind else { throw CorruptRow(description: "record \(key) is not a \(R.recordKind)") }
        if let decoded: R = DecodedRecords.shared.value(for: self) { return decoded }
        let decoded: R
        do {
            decoded = try RecordCoding.decoder.decode(R.self, from: Data(body.utf8))
        } catch {
            throw CorruptRow(description: "record \(key) does not decode as \(R.self): \(error)")
        }
        DecodedRecords.shared.remember(decoded, for: self)
        return decoded
    }
}

/// One encoding for every record: sorted keys, so that the same resource is the same text.
enum RecordCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    static let decoder = JSONDecoder()
}
