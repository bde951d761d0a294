import ArgumentParser
import CohortServer
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the API.",
        discussion: """
            Each setting is a flag or an environment variable (the flag wins). On an empty database \
            without COHORT_BOOTSTRAP_TOKEN, a researcher is created and their token printed once.

            \(ServeSettings.help)

            Examples:
              cohort serve --port 8080 --database ./cohort.sqlite
              cohort serve --pool-size 20 \\
                --database postgres://cohort:secret@db.example.org:5432/cohort
            """)

    /// The settings' flags, read by ``SettingsReader`` against ``ServeSettings/all``: declared
    /// once there, not here.
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var settings: [String] = []

    func run() async throws {
        let reader = try SettingsReader(arguments: settings, settings: ServeSettings.all)
        let (configuration, level, format) = try ServeSettings.configuration(from: reader)
        CohortLogging.bootstrap(level: level, format: format)
        var logger = Logger(label: "cohort")
        logger.logLevel = level
        let app = try await CohortApplication.make(configuration: configuration, logger: logger)
        try await app.runService()
    }
}
