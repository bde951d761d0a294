/// Which kind of plain resource a record holds: `"study"`, `"filter_set"`, ... One word per
/// resource type; records of different kinds never meet.
public struct RecordKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}

/// A value a list may filter a kind of record on: `status = "ACTIVE"`, `project_id = "…"`. A
/// record may carry several values under one name (every group a study feeds).
public struct RecordField: Hashable, Sendable, Comparable {
    public let name: String
    public let value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public static func < (lhs: RecordField, rhs: RecordField) -> Bool {
        (lhs.name, lhs.value) < (rhs.name, rhs.value)
    }
}

/// A plain resource as every store keeps it: a JSON document, the workspace it belongs to (the
/// tenancy boundary), the fields lists filter on, and a version that each update increments.
/// Stores do not read the body; the core encodes and decodes it (``PlainResource``).
public struct StoredRecord: Hashable, Sendable {
    public let kind: RecordKind
    /// An ObjectId's 24 hex characters.
    public let id: String
    public let workspaceID: WorkspaceID
    public let createdAt: Timestamp
    /// 1 when inserted; an update must name the version it read, and makes it one more.
    public var version: Int
    /// JSON text.
    public var body: String
    public var fields: Set<RecordField>

    public init(
        kind: RecordKind, id: String, workspaceID: WorkspaceID, createdAt: Timestamp, version: Int, body: String,
        fields: Set<RecordField>
    ) {
        self.kind = kind
        self.id = id
        self.workspaceID = workspaceID
        self.createdAt = createdAt
        self.version = version
        self.body = body
        self.fields = fields
    }

    public var key: RecordKey { RecordKey(kind, id) }
}

/// Names one record.
public struct RecordKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let kind: RecordKind
    public let id: String

    public init(_ kind: RecordKind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    public var description: String { "\(kind) \(id)" }

    /// By kind, then id: an order to load many records in, so that transactions lock them in one order.
    public static func < (lhs: RecordKey, rhs: RecordKey) -> Bool {
        (lhs.kind.rawValue, lhs.id) < (rhs.kind.rawValue, rhs.id)
    }
}
