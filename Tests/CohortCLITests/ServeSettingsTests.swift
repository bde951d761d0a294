@testable import CohortCLI
import CohortServer
import Configuration
import Testing

/// `cohort serve`'s settings, read through swift-configuration from an in-memory environment.
@Suite struct ServeSettingsTests {
    static func configuration(_ arguments: [String] = [], environment: [String: String] = [:]) throws -> ServerConfiguration {
        let provider = InMemoryProvider(
            values: Dictionary(uniqueKeysWithValues: environment.map { name, value in
                (AbsoluteConfigKey(["cohort", name]), ConfigValue(.string(value), isSecret: false))
            }))
        return try ServeSettings.configuration(
            from: SettingsReader(arguments: arguments, settings: ServeSettings.all, environment: provider)).0
    }

    @Test func defaultsWhenNothingIsGiven() throws {
        let configuration = try Self.configuration()
        #expect(configuration.port == ServerConfiguration.defaultPort)
        #expect(configuration.database == ServerConfiguration.defaultDatabase)
        #expect(configuration.rateLimit == nil && !configuration.metrics)
        #expect(configuration.timeouts.head == .seconds(10))
    }

    @Test func aFlagWinsOverItsVariable() throws {
        let configuration = try Self.configuration(
            ["--port", "9000", "--pool-size=3", "--metrics"],
            environment: ["port": "7000", "database-pool-size": "5", "database": "x.sqlite"])
        #expect(configuration.port == 9000)
        #expect(configuration.databasePoolSize == 3)
        #expect(configuration.metrics)
        #expect(configuration.database == "x.sqlite")
    }

    @Test func zeroSecondsTurnATimeoutOff() throws {
        let configuration = try Self.configuration(environment: ["idle-timeout": "0", "header-timeout": "2.5"])
        #expect(configuration.timeouts.idle == nil)
        #expect(configuration.timeouts.head == .milliseconds(2500))
    }

    @Test(arguments: [
        ([], ["port": "abc"], "COHORT_PORT='abc' is not a whole number"),
        (["--port", "abc"], [:], "--port='abc' is not a whole number"),
        (["--nope"], [:], "unknown option '--nope' (see --help)"),
        (["--bootstrap-token", "t"], [:], "unknown option '--bootstrap-token' (see --help)"),
        (["--port"], [:], "--port needs a value"),
        ([], ["rate-limit": "0"], "--rate-limit must be above 0 and --rate-burst at least 1"),
        ([], ["metrics": "maybe"], "COHORT_METRICS='maybe' is not true or false"),
    ] as [([String], [String: String], String)])
    func badSettingsAreNamed(arguments: [String], environment: [String: String], message: String) {
        let error = #expect(throws: CommandError.self) { _ = try Self.configuration(arguments, environment: environment) }
        #expect(error?.description == message)
    }

    @Test func everySettingHasOneFlagAndOneVariable() {
        let flags = ServeSettings.all.map(\.flag), variables = ServeSettings.all.map(\.environmentName)
        #expect(Set(flags).count == flags.count && Set(variables).count == variables.count)
        #expect(variables.allSatisfy { $0.hasPrefix("COHORT_") })
        #expect(variables.contains("COHORT_DATABASE_POOL_SIZE") && variables.contains("COHORT_BOOTSTRAP_TOKEN"))
    }
}
