/// Runs a use case's load-decide-commit again when its commit found a record changed meanwhile
/// (``RecordVersionConflict``: nothing was written), up to five more times; the last conflict is
/// thrown. Every use case that commits records at a version goes through this one loop.
func retryingConflicts<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    var attempt = 0
    while true {
        do {
            return try await body()
        } catch is RecordVersionConflict where attempt < 5 {
            attempt += 1
        }
    }
}
