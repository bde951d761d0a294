import CohortPostgres
import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL server the tests may use, named by `COHORT_TEST_POSTGRES_URL`
/// (`postgres://user:password@host:port/database`, a role that may create databases).
/// Each test gets a database of its own, made here and dropped afterwards.
public enum TestPostgres {
    public static var url: String? {
        ProcessInfo.processInfo.environment["COHORT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Set by CI: a missing URL is then a failure, not a skip.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["COHORT_REQUIRE_POSTGRES"] == "1" }

    public static let skipMessage = """
        COHORT_TEST_POSTGRES_URL is not set, so the PostgreSQL store was NOT tested. Set it to \
        postgres://user:password@host:port/database (a role with CREATEDB) to run the suite against PostgreSQL.
        """

    /// A new, empty database on the test server; its URL.
    public static func createDatabase() async throws -> String {
        guard let url else { throw TestPostgresError("COHORT_TEST_POSTGRES_URL is not set") }
        let base = try PostgresURL(url)
        let name = "cohort_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await administer(base) { connection, logger in
            try await connection.query("CREATE DATABASE \(unescaped: name)", logger: logger)
        }
        return base.url(database: name)
    }

    /// Drops a database made by ``createDatabase()``, closing any connection still open to it.
    public static func dropDatabase(_ url: String) async throws {
        guard let base = Self.url.flatMap({ try? PostgresURL($0) }) else { return }
        let name = try PostgresURL(url).database
        guard name.hasPrefix("cohort_test_") else { return }
        // FORCE cannot end another role's session, such as an autovacuum worker that happens to be
        // in the database ("must be a member of the role whose process is being terminated"): it
        // is gone a moment later, so try again before giving up.
        for attempt in 1...5 {
            do {
                try await administer(base) { connection, logger in
                    try await connection.query("DROP DATABASE IF EXISTS \(unescaped: name) WITH (FORCE)", logger: logger)
                }
                return
            } catch where attempt < 5 {
                try await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
    }

    private static func administer(
        _ base: PostgresURL, _ body: (PostgresConnection, Logger) async throws -> Void
    ) async throws {
        let logger = Logger(label: "cohort-test-postgres")
        let connection = try await PostgresConnection.connect(
            configuration: try base.connectionConfiguration(), id: 1, logger: logger)
        do {
            try await body(connection, logger)
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

public struct TestPostgresError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
