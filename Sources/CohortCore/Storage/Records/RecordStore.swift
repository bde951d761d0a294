/// The storage of plain resources, written once for every kind: a new kind of resource needs no
/// SQL in any store (docs/architecture.md, "Plain resources").
///
/// Reads answer what is stored, whoever asks: the core decides who may see it (``Reach``).
public protocol RecordStore: Sendable {
    /// The record, or `nil`.
    func record(_ key: RecordKey) async throws -> StoredRecord?
    /// The record and whether `caller` is a member of its workspace, the one fact the tenancy
    /// rule needs for it (``Reach/canSee(workspace:)``), read in one statement: a plain
    /// resource's `GET` is one read.
    func record(_ key: RecordKey, withMembershipOf caller: ResearcherID) async throws
        -> (record: StoredRecord, callerIsMember: Bool)?
    /// The records of a kind in a workspace that carry every field in `query.fields`, in creation
    /// order, with the count over all pages.
    func records(_ query: RecordQuery, page: PageRequest) async throws -> Page<StoredRecord>
    /// Every record of `kind` that carries `field`, in creation order, whatever its workspace: a
    /// lookup by a value unique to one object (the group a study feeds), which the caller checks
    /// the workspace of. One indexed read, on the path of busy reads (a group's answer).
    func records(of kind: RecordKind, carrying field: RecordField) async throws -> [StoredRecord]
    /// One transaction across any records and participant groups: loads what `decide` asks for
    /// (locked against concurrent writers until the end), calls it again with everything loaded so
    /// far until it commits, then applies its changes in order. All or nothing: when `decide`
    /// throws, or a change cannot be applied, nothing is changed and the error is thrown.
    func transact<T: Sendable>(_ decide: @Sendable (TransactionSnapshot) throws -> TransactionStep<T>) async throws -> T
}

/// Which records a list asks for.
public struct RecordQuery: Hashable, Sendable {
    public let kind: RecordKind
    /// The records of any of these workspaces, in one creation order.
    public let workspaceIDs: [WorkspaceID]
    /// Every one must be carried by a record listed.
    public let fields: Set<RecordField>

    public init(kind: RecordKind, workspaceID: WorkspaceID, fields: Set<RecordField> = []) {
        self.init(kind: kind, workspaceIDs: [workspaceID], fields: fields)
    }

    public init(kind: RecordKind, workspaceIDs: [WorkspaceID], fields: Set<RecordField> = []) {
        self.kind = kind
        self.workspaceIDs = workspaceIDs.sorted()
        self.fields = fields
    }
}

/// What a transaction has loaded so far: `nil` entries were asked for and do not exist.
public struct TransactionSnapshot: Sendable {
    public var records: [RecordKey: StoredRecord?] = [:]
    public var groups: [GroupID: ParticipantGroup?] = [:]

    public init() {}

    /// The record loaded for `key`, `nil` if it does not exist or was not asked for.
    public func record(_ key: RecordKey) -> StoredRecord? { records[key] ?? nil }
    public func group(_ id: GroupID) -> ParticipantGroup? { groups[id] ?? nil }
}

/// What a transaction's decision asks for next.
public enum TransactionStep<T: Sendable>: Sendable {
    /// Load these too (records and groups), then decide again.
    case load(records: [RecordKey] = [], groups: [GroupID] = [])
    /// Apply these changes, in order, and answer `result`.
    case commit([RecordChange], result: T)
}

/// One change in a transaction.
public enum RecordChange: Hashable, Sendable {
    /// A new record (version 1).
    case insert(StoredRecord)
    /// Replaces the body and fields of the record with `record.version`, which becomes one more;
    /// a record whose version moved on meanwhile fails the transaction (``RecordVersionConflict``).
    case update(StoredRecord)
    case delete(RecordKey)
    /// Performs a group's operations (``GroupEdit/operations(on:)``), at `at`.
    case editGroup(GroupID, [GroupOperation], at: Timestamp)
}

/// A transaction's change named a record that is not as it assumed: an update of a version that
/// is no longer the stored one, or of a record that is gone, or an insert of an id that exists.
/// Nothing was changed; the use case may load again and retry.
public struct RecordVersionConflict: Error, Hashable, Sendable, CustomStringConvertible {
    public let key: RecordKey

    public init(_ key: RecordKey) {
        self.key = key
    }

    public var description: String { "record \(key) changed meanwhile" }
}

/// Records that name a participant group in one of their fields: the studies whose `feeds` field
/// is the group's id. A store reads them with the group (``ParticipantGroupStore``).
public struct RecordRelation: Hashable, Sendable {
    public let kind: RecordKind
    /// The field whose value is the group's id.
    public let field: String

    public init(kind: RecordKind, field: String) {
        self.kind = kind
        self.field = field
    }
}
