import CohortCore
import CohortPostgres
import CohortSQLite
import CohortTestSupport
import Foundation
import Testing

/// Every `CohortStore` implementation the conformance suite runs against. Add a case for a new
/// store and every test in the suite runs against it too.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// SQLite always; PostgreSQL when `COHORT_TEST_POSTGRES_URL` names a server. When it does not,
    /// `PostgresSuiteConfiguration` reports the PostgreSQL suite as skipped, with the reason.
    static var allCases: [StoreKind] { TestPostgres.url == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// A fresh, empty place for one test's data.
    func makeLocation() async throws -> StoreLocation {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("cohort-store-tests-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return StoreLocation(kind: self, address: directory.appendingPathComponent("cohort.sqlite").path)
        case .postgres:
            return StoreLocation(kind: self, address: try await TestPostgres.createDatabase())
        }
    }
}

/// Where one test's store keeps its data. It can be opened, closed and opened again (to check
/// that data survives), and is removed when the test ends.
struct StoreLocation: Sendable {
    let kind: StoreKind
    /// SQLite: the database file. PostgreSQL: the database's URL.
    let address: String

    func open() async throws -> any CohortStore {
        switch kind {
        case .sqlite: try SQLiteStore(path: address)
        // A long wait for a connection: the suite checks behaviour, not the lease timeout (the
        // outage tests do), and 40 writers queueing on one group's row lock through a pool of 4
        // passed the default 5 s on a loaded CI machine.
        case .postgres: try await PostgresStore.open(url: address, poolSize: 4, acquireTimeout: .seconds(30))
        }
    }

    func remove() async {
        switch kind {
        case .sqlite:
            try? FileManager.default.removeItem(atPath: (address as NSString).deletingLastPathComponent)
        case .postgres:
            try? await TestPostgres.dropDatabase(address)
        }
    }
}

/// Runs `body` with a fresh location, removed afterwards whether `body` succeeds or throws.
func withLocation<T>(_ kind: StoreKind, _ body: (StoreLocation) async throws -> T) async throws -> T {
    let location = try await kind.makeLocation()
    do {
        let result = try await body(location)
        await location.remove()
        return result
    } catch {
        await location.remove()
        throw error
    }
}

/// Opens the store at `location`, runs `body` and closes the store, also when `body` throws.
func withOpenStore<T>(_ location: StoreLocation, _ body: (any CohortStore) async throws -> T) async throws -> T {
    let store = try await location.open()
    let result: T
    do {
        result = try await body(store)
    } catch {
        try? await store.close()
        throw error
    }
    try await store.close()
    return result
}

/// Runs `body` with a fresh, empty store of `kind`, closed and removed afterwards.
func withStore<T>(_ kind: StoreKind, _ body: (any CohortStore) async throws -> T) async throws -> T {
    try await withLocation(kind) { location in try await withOpenStore(location, body) }
}
