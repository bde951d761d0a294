import ArgumentParser
import CohortServer
import Hummingbird
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the API.",
        discussion: """
            Every option can also be set in the environment: COHORT_HOST, COHORT_PORT, COHORT_DATABASE, \
            COHORT_MAX_BODY_BYTES, COHORT_LOG_LEVEL, COHORT_LOG_FORMAT, COHORT_DATABASE_POOL_SIZE, COHORT_DATABASE_TIMEOUT, \
            COHORT_EVENT_LOOP_THREADS, COHORT_RATE_LIMIT, COHORT_RATE_BURST, COHORT_METRICS, \
            COHORT_HEADER_TIMEOUT, COHORT_BODY_TIMEOUT, COHORT_IDLE_TIMEOUT, COHORT_MAX_CONNECTIONS. \
            COHORT_BOOTSTRAP_TOKEN=<token> makes sure a researcher with that token and a workspace of \
            their own exist. On an empty database without a bootstrap token, a researcher is created \
            and their token printed once.

            Examples:
              cohort serve --port 8080 --database ./cohort.sqlite
              cohort serve --pool-size 20 \\
                --database postgres://cohort:secret@db.example.org:5432/cohort
            """)

    @Option(help: "The address to listen on (default \(ServerConfiguration.defaultHost)).")
    var host: String?

    @Option(help: "The port to listen on (default \(ServerConfiguration.defaultPort)).")
    var port: Int?

    @Option(
        help: """
            A SQLite file, created on first use (default \(ServerConfiguration.defaultDatabase)), or a \
            postgres://user:password@host:port/database URL (?sslmode=disable|prefer|require|verify-full).
            """)
    var database: String?

    @Option(help: "PostgreSQL: the most connections to open (default \(ServerConfiguration.defaultDatabasePoolSize)).")
    var poolSize: Int?

    @Option(help: "PostgreSQL: seconds a request waits for a connection before answering 503 (default 5).")
    var databaseTimeout: Int?

    @Option(help: "The largest request body accepted, in bytes (default \(ServerConfiguration.defaultMaxBodyBytes)).")
    var maxBodyBytes: Int?

    @Option(
        help: "Threads for socket I/O; request handlers use one per core besides (default half the cores: \(EventLoops.defaultThreads)).")
    var eventLoopThreads: Int?

    @Option(help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    @Option(help: "text, or json for one JSON object per line (default text).")
    var logFormat: String?

    @Option(help: "Requests per second each token may make; beyond it, 429 with Retry-After (default: no limit).")
    var rateLimit: Double?

    @Option(help: "Requests a token may make at once before --rate-limit applies (default: the rate, at least 1).")
    var rateBurst: Double?

    @Flag(help: "Serve Prometheus metrics at GET /metrics, without a token.")
    var metrics = false

    @Option(help: "Seconds a client has to send a request's head, from its first byte; then 408 (default 10; 0: no limit).")
    var headerTimeout: Double?

    @Option(help: "Seconds a client has to send a request's body, from its head; then 408 (default 60; 0: no limit).")
    var bodyTimeout: Double?

    @Option(help: "Seconds a keep-alive connection may stay open without a request (default 60; 0: no limit).")
    var idleTimeout: Double?

    @Option(
        help: """
            The most client connections open at once; beyond it the longest-idle one is closed for each \
            new one (default: the open-file limit less \(HTTPLayer.reservedDescriptors) and the pool size).
            """)
    var maxConnections: Int?

    func run() async throws {
        let level = try Settings.logLevel(logLevel)
        CohortLogging.bootstrap(level: level, format: try Settings.logFormat(logFormat))
        var logger = Logger(label: "cohort")
        logger.logLevel = level
        var configuration = ServerConfiguration(
            host: Settings.value(host, environment: "COHORT_HOST") ?? ServerConfiguration.defaultHost,
            port: try Settings.integer(port, environment: "COHORT_PORT") ?? ServerConfiguration.defaultPort,
            database: Settings.database(database),
            maxBodyBytes: try Settings.integer(maxBodyBytes, environment: "COHORT_MAX_BODY_BYTES")
                ?? ServerConfiguration.defaultMaxBodyBytes,
            bootstrapToken: Settings.value(nil, environment: "COHORT_BOOTSTRAP_TOKEN"),
            databasePoolSize: try Settings.integer(poolSize, environment: "COHORT_DATABASE_POOL_SIZE")
                ?? ServerConfiguration.defaultDatabasePoolSize,
            databaseTimeout: .seconds(try Settings.integer(databaseTimeout, environment: "COHORT_DATABASE_TIMEOUT") ?? 5),
            eventLoopThreads: try Settings.integer(eventLoopThreads, environment: "COHORT_EVENT_LOOP_THREADS")
                ?? EventLoops.defaultThreads)
        guard configuration.eventLoopThreads >= 1 else { throw CommandError("--event-loop-threads must be at least 1") }
        configuration.metrics = try Settings.flag(metrics, environment: "COHORT_METRICS")
        let defaults = ServerConfiguration.ConnectionTimeouts()
        configuration.timeouts = .init(
            head: try Settings.seconds(headerTimeout, environment: "COHORT_HEADER_TIMEOUT", default: defaults.head),
            body: try Settings.seconds(bodyTimeout, environment: "COHORT_BODY_TIMEOUT", default: defaults.body),
            idle: try Settings.seconds(idleTimeout, environment: "COHORT_IDLE_TIMEOUT", default: defaults.idle))
        configuration.maxConnections = try Settings.integer(maxConnections, environment: "COHORT_MAX_CONNECTIONS")
        if let limit = configuration.maxConnections, limit < 1 { throw CommandError("--max-connections must be at least 1") }
        if let rate = try Settings.number(rateLimit, environment: "COHORT_RATE_LIMIT") {
            let burst = try Settings.number(rateBurst, environment: "COHORT_RATE_BURST")
            guard rate > 0, (burst ?? 1) >= 1 else {
                throw CommandError("--rate-limit must be above 0 and --rate-burst at least 1")
            }
            configuration.rateLimit = .init(rate: rate, burst: burst)
        }
        let app = try await CohortApplication.make(configuration: configuration, logger: logger)
        try await app.runService()
    }

}
