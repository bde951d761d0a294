/// The whole state at once, for the sandbox: export it, and replace it (a seed, or a reset).
public struct StateSnapshots: Sendable {
    let store: any SnapshotStore

    public init(store: any SnapshotStore) {
        self.store = store
    }

    /// Everything the store holds.
    public func export() async throws -> StateSnapshot {
        try await store.snapshot()
    }

    /// Replaces everything with `snapshot` once ``SnapshotRules`` accept it; a snapshot they
    /// refuse changes nothing.
    public func load(_ snapshot: StateSnapshot) async throws {
        try await store.restore(try SnapshotRules.checked(snapshot))
    }
}
