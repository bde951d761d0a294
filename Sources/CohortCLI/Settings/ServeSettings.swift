import CohortCore
import CohortServer
import Logging

/// Every setting of `cohort serve`, each declared once: ``all`` feeds `--help`, the flags the
/// command accepts, and ``configuration(from:)``.
enum ServeSettings {
    static let host = Setting("host", help: "The address to listen on (default \(ServerConfiguration.defaultHost)).", parse: SettingText.string)
    static let port = Setting("port", help: "The port to listen on (default \(ServerConfiguration.defaultPort)).", parse: SettingText.integer)
    static let database = Setting(
        "database",
        help: """
            A SQLite file, created on first use (default \(ServerConfiguration.defaultDatabase)), or a \
            postgres://user:password@host:port/database URL (?sslmode=disable|prefer|require|verify-full).
            """, isSecret: true, parse: SettingText.string)
    static let poolSize = Setting(
        "pool-size", variable: "database-pool-size",
        help: "PostgreSQL: the most connections to open (default \(ServerConfiguration.defaultDatabasePoolSize)).",
        parse: SettingText.integer)
    static let databaseTimeout = Setting(
        "database-timeout", help: "PostgreSQL: seconds a request waits for a connection before answering 503 (default 5).",
        parse: SettingText.integer)
    static let maxBodyBytes = Setting(
        "max-body-bytes", help: "The largest request body accepted, in bytes (default \(ServerConfiguration.defaultMaxBodyBytes)).",
        parse: SettingText.integer)
    static let eventLoopThreads = Setting(
        "event-loop-threads",
        help: "Threads for socket I/O; request handlers use one per core besides (default half the cores: \(EventLoops.defaultThreads)).",
        parse: SettingText.integer)
    static let logLevel = Setting(
        "log-level", help: "trace, debug, info, notice, warning, error or critical (default info).",
        parse: { text, _ in
            guard let level = Logger.Level(rawValue: text.lowercased()) else {
                throw CommandError("log level '\(text)' is not one of trace, debug, info, notice, warning, error, critical")
            }
            return level
        })
    static let logFormat = Setting(
        "log-format", help: "text, or json for one JSON object per line (default text).",
        parse: { text, _ in
            guard let format = CohortLogging.Format(rawValue: text.lowercased()) else {
                throw CommandError("log format '\(text)' is not one of text, json")
            }
            return format
        })
    static let rateLimit = Setting(
        "rate-limit", help: "Requests per second each token may make; beyond it, 429 with Retry-After (default: no limit).",
        parse: SettingText.number)
    static let rateBurst = Setting(
        "rate-burst", help: "Requests a token may make at once before --rate-limit applies (default: the rate, at least 1).",
        parse: SettingText.number)
    static let metrics = Setting(
        "metrics", help: "Serve Prometheus metrics at GET /metrics, without a token.", isSwitch: true,
        parse: SettingText.boolean)
    static let headerTimeout = Setting(
        "header-timeout",
        help: "Seconds a client has to send a request's head, from its first byte; then 408 (default 10; 0: no limit).",
        parse: SettingText.seconds)
    static let bodyTimeout = Setting(
        "body-timeout", help: "Seconds a client has to send a request's body, from its head; then 408 (default 60; 0: no limit).",
        parse: SettingText.seconds)
    static let idleTimeout = Setting(
        "idle-timeout", help: "Seconds a keep-alive connection may stay open without a request (default 60; 0: no limit).",
        parse: SettingText.seconds)
    static let maxConnections = Setting(
        "max-connections",
        help: """
            The most client connections open at once; beyond it the longest-idle one is closed for each \
            new one (default: the open-file limit less \(HTTPLayer.reservedDescriptors) and the pool size).
            """, parse: SettingText.integer)
    static let tlsCertificate = Setting(
        "tls-cert", help: "Serve HTTPS with this PEM certificate chain (with --tls-key; docs/sandbox.md shows a recipe).",
        parse: SettingText.string)
    static let tlsKey = Setting(
        "tls-key", help: "The PEM private key of --tls-cert.", parse: SettingText.string)
    static let feePercent = Setting(
        "fee-percent", help: "The service fee on rewards and bonuses, in percent (default \(MoneySettings.standard.feePercent)).",
        parse: SettingText.number)
    static let vatPercent = Setting(
        "vat-percent", help: "VAT on the service fee, in percent (default \(MoneySettings.standard.vatPercent)).",
        parse: SettingText.number)
    static let startingBalance = Setting(
        "starting-balance",
        help: "Cents in the wallet of a workspace whose balance was never set (default \(MoneySettings.standard.startingBalanceCents)).",
        parse: SettingText.integer)
    static let bootstrapToken = Setting(
        "bootstrap-token",
        help: "Makes sure a researcher with this token and a workspace of their own exist.", isSecret: true,
        environmentOnly: true, parse: SettingText.string)

    static let sandbox = Setting(
        "sandbox",
        help: "Serve the sandbox's operations under /_cohort/ (the clock, ...), with the admin token (docs/sandbox.md).",
        isSwitch: true, parse: SettingText.boolean)
    static let adminToken = Setting(
        "admin-token", help: "The sandbox's admin token (default: a new one, printed once at start).", isSecret: true,
        parse: SettingText.string)

    static let seed = Setting(
        "seed", help: "Sandbox: start from this state file (docs/seed.schema.json) instead of the bootstrap researcher; a reset returns to it.",
        parse: SettingText.string)
    static let journalSize = Setting(
        "journal-size", help: "Sandbox: how many requests GET /_cohort/requests keeps (default \(RequestJournal.defaultCapacity); 0: none).",
        parse: SettingText.integer)
    static let deterministic = Setting(
        "deterministic",
        help: "Sandbox: ids in a sequence fixed by this number, fault draws seeded by it, a clock frozen at 2030-01-01T00:00:00Z that moves only when advanced.",
        parse: SettingText.integer)

    /// In the order `--help` lists them.
    static let all: [SettingDescription] = [
        host.description, port.description, database.description, poolSize.description, databaseTimeout.description,
        maxBodyBytes.description, eventLoopThreads.description, logLevel.description, logFormat.description,
        rateLimit.description, rateBurst.description, metrics.description, headerTimeout.description,
        bodyTimeout.description, idleTimeout.description, maxConnections.description, tlsCertificate.description, tlsKey.description,
        feePercent.description, vatPercent.description, startingBalance.description, bootstrapToken.description,
        sandbox.description, adminToken.description, seed.description, journalSize.description,
        deterministic.description,
    ]

    /// The database the `token` commands open: their `--database`, else `COHORT_DATABASE`, as
    /// for `serve`.
    static func database(flag: String?) throws -> String {
        let reader = try SettingsReader(arguments: flag.map { ["--database", $0] } ?? [], settings: [database.description])
        return try reader.value(database) ?? ServerConfiguration.defaultDatabase
    }

    /// `--help`'s list: each flag, its variable, and what it does.
    static var help: String {
        all.map { setting in
            let flag = setting.environmentOnly ? "" : "--\(setting.flag)" + (setting.isSwitch ? "" : " <value>") + "  "
            return "  \(flag)\(setting.environmentName)\n      \(setting.help)"
        }.joined(separator: "\n")
    }

    /// The server's configuration, with every value checked.
    static func configuration(from settings: SettingsReader) throws -> (ServerConfiguration, Logger.Level, CohortLogging.Format) {
        var configuration = ServerConfiguration(
            host: try settings.value(host) ?? ServerConfiguration.defaultHost,
            port: try settings.value(port) ?? ServerConfiguration.defaultPort,
            database: try settings.value(database) ?? ServerConfiguration.defaultDatabase,
            maxBodyBytes: try settings.value(maxBodyBytes) ?? ServerConfiguration.defaultMaxBodyBytes,
            bootstrapToken: try settings.value(bootstrapToken),
            databasePoolSize: try settings.value(poolSize) ?? ServerConfiguration.defaultDatabasePoolSize,
            databaseTimeout: .seconds(try settings.value(databaseTimeout) ?? 5),
            eventLoopThreads: try settings.value(eventLoopThreads) ?? EventLoops.defaultThreads)
        guard configuration.eventLoopThreads >= 1 else { throw CommandError("--event-loop-threads must be at least 1") }
        configuration.metrics = try settings.value(metrics) ?? false
        let defaults = ServerConfiguration.ConnectionTimeouts()
        configuration.timeouts = .init(
            head: try settings.value(headerTimeout) ?? defaults.head,
            body: try settings.value(bodyTimeout) ?? defaults.body,
            idle: try settings.value(idleTimeout) ?? defaults.idle)
        configuration.maxConnections = try settings.value(maxConnections)
        if let limit = configuration.maxConnections, limit < 1 { throw CommandError("--max-connections must be at least 1") }
        if let rate = try settings.value(rateLimit) {
            let burst = try settings.value(rateBurst)
            guard rate > 0, (burst ?? 1) >= 1 else {
                throw CommandError("--rate-limit must be above 0 and --rate-burst at least 1")
            }
            configuration.rateLimit = .init(rate: rate, burst: burst)
        }
        switch (try settings.value(tlsCertificate), try settings.value(tlsKey)) {
        case (let certificate?, let key?): configuration.tls = .init(certificateChain: certificate, privateKey: key)
        case (nil, nil): break
        default: throw CommandError("--tls-cert and --tls-key go together")
        }
        var money = MoneySettings.standard
        if let fee = try settings.value(feePercent) { money.feePercent = fee }
        if let vat = try settings.value(vatPercent) { money.vatPercent = vat }
        if let balance = try settings.value(startingBalance) { money.startingBalanceCents = balance }
        guard (0...100).contains(money.feePercent), (0...100).contains(money.vatPercent) else {
            throw CommandError("--fee-percent and --vat-percent must be from 0 to 100")
        }
        guard money.startingBalanceCents >= 0 else { throw CommandError("--starting-balance must be 0 or more") }
        configuration.money = money
        let admin = try settings.value(adminToken)
        let seedFile = try settings.value(seed)
        let journal = try settings.value(journalSize)
        let deterministicSeed = try settings.value(deterministic)
        if try settings.value(sandbox) ?? false {
            if seedFile != nil, configuration.bootstrapToken != nil {
                throw CommandError("--seed and COHORT_BOOTSTRAP_TOKEN do not go together: put the token in the seed file")
            }
            if let journal, journal < 0 { throw CommandError("--journal-size must be 0 or more") }
            if let deterministicSeed, deterministicSeed < 0 { throw CommandError("--deterministic takes a number of 0 or more") }
            configuration.sandbox = .init(
                adminToken: admin ?? APIToken.generate().value, printedAtStart: admin == nil, seedFile: seedFile,
                journalSize: journal ?? RequestJournal.defaultCapacity, deterministicSeed: deterministicSeed.map(UInt64.init))
        } else if admin != nil || seedFile != nil || journal != nil || deterministicSeed != nil {
            throw CommandError("--admin-token, --seed, --journal-size and --deterministic are for --sandbox only")
        }
        return (configuration, try settings.value(logLevel) ?? .info, try settings.value(logFormat) ?? .text)
    }
}
