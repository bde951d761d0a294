import ArgumentParser
import CohortServer
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the API.",
        discussion: """
            Every option can also be set in the environment: COHORT_HOST, COHORT_PORT, COHORT_DATABASE,
            COHORT_MAX_BODY_BYTES, COHORT_LOG_LEVEL. COHORT_BOOTSTRAP_TOKEN=<token> makes sure a researcher
            with that token and a workspace of their own exist. On an empty database without a bootstrap
            token, a researcher is created and their token printed once.

            Example:
              cohort serve --port 8080 --database ./cohort.sqlite
            """)

    @Option(help: "The address to listen on (default \(ServerConfiguration.defaultHost)).")
    var host: String?

    @Option(help: "The port to listen on (default \(ServerConfiguration.defaultPort)).")
    var port: Int?

    @Option(help: "The SQLite database file, created on first use (default \(ServerConfiguration.defaultDatabase)).")
    var database: String?

    @Option(help: "The largest request body accepted, in bytes (default \(ServerConfiguration.defaultMaxBodyBytes)).")
    var maxBodyBytes: Int?

    @Option(help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    func run() async throws {
        let level = try Settings.logLevel(logLevel)
        Settings.bootstrapLogging(level: level)
        var logger = Logger(label: "cohort")
        logger.logLevel = level
        let configuration = ServerConfiguration(
            host: Settings.value(host, environment: "COHORT_HOST") ?? ServerConfiguration.defaultHost,
            port: try Self.integer(port, environment: "COHORT_PORT") ?? ServerConfiguration.defaultPort,
            database: try Settings.databasePath(database),
            maxBodyBytes: try Self.integer(maxBodyBytes, environment: "COHORT_MAX_BODY_BYTES")
                ?? ServerConfiguration.defaultMaxBodyBytes,
            bootstrapToken: Settings.value(nil, environment: "COHORT_BOOTSTRAP_TOKEN"))
        let app = try await CohortApplication.make(configuration: configuration, logger: logger)
        try await app.runService()
    }

    private static func integer(_ flag: Int?, environment name: String) throws -> Int? {
        if let flag { return flag }
        guard let text = Settings.value(nil, environment: name) else { return nil }
        guard let value = Int(text) else { throw CommandError("\(name)='\(text)' is not a whole number") }
        return value
    }
}
