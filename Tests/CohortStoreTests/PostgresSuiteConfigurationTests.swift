import CohortPostgres
import CohortTestSupport
import Testing

/// Says out loud whether the PostgreSQL half of the conformance suite ran: skipped, with the
/// reason, when no server is configured; failed when CI requires one and it is missing or down.
@Suite struct PostgresSuiteConfiguration {
    @Test(.enabled(if: TestPostgres.url != nil || TestPostgres.isRequired, Comment(rawValue: TestPostgres.skipMessage)))
    func thePostgresStoreIsUnderTest() async throws {
        let url = try #require(TestPostgres.url, "COHORT_REQUIRE_POSTGRES=1 but COHORT_TEST_POSTGRES_URL is not set")
        #expect(StoreKind.allCases.contains(.postgres))
        let database = try await TestPostgres.createDatabase()
        let store = try await PostgresStore.open(url: database, poolSize: 1)
        try await store.ping()
        try await store.close()
        try await TestPostgres.dropDatabase(database)
        #expect(url.hasPrefix("postgres"))
    }
}
