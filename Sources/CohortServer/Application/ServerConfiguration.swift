import CohortCore

/// How a server is set up: where it listens, what it stores in, and its limits.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// A path to a SQLite file, or a `postgres://user:password@host:port/database` URL.
    public var database: String
    /// PostgreSQL only: the most connections this instance opens.
    public var databasePoolSize: Int
    /// PostgreSQL only: how long a request waits for a connection before answering 503.
    public var databaseTimeout: Duration
    /// Requests with a larger body are refused with 413 before they are read.
    public var maxBodyBytes: Int
    /// `Authorization: Token <this>` will work, for scripts, CI and sandboxes.
    public var bootstrapToken: String?
    /// Threads for socket I/O (and PostgreSQL's connections); see ``EventLoops``.
    public var eventLoopThreads: Int
    /// Requests per second per token, and the burst allowed; `nil`: no limit.
    public var rateLimit: RateLimit?
    /// Whether `GET /metrics` serves Prometheus's text format.
    public var metrics: Bool
    /// How long a connection may take over each part of a request, and stay open between them.
    public var timeouts: ConnectionTimeouts
    /// The most client connections open at once; above it the longest-idle keep-alive connection
    /// is closed for each newcomer. `nil`: the open-file limit less a reserve.
    public var maxConnections: Int?
    /// `--sandbox`: the `/_cohort/` operations, with this admin token; `nil`: those paths are 404.
    public var sandbox: Sandbox?
    /// `--tls-cert` and `--tls-key`: HTTPS on the same port instead of HTTP.
    public var tls: TLSFiles?
    /// `--fee-percent`, `--vat-percent`, `--starting-balance`: what studies cost, and what a new
    /// workspace's wallet holds.
    public var money: MoneySettings = .standard

    /// A certificate chain and its private key, both PEM files, read when the server is made.
    public struct TLSFiles: Sendable, Hashable {
        public var certificateChain: String
        public var privateKey: String

        public init(certificateChain: String, privateKey: String) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
        }
    }

    /// What Prolific lacks, for tests and CI (docs/sandbox.md).
    public struct Sandbox: Sendable {
        /// `Authorization: Token <this>` is what `/_cohort/` operations take, and nothing else.
        public var adminToken: String
        /// Whether the server prints the token when it starts: when it made it up.
        public var printedAtStart: Bool
        /// `--seed`: a state file that is the start-up state, in place of the bootstrap researcher.
        public var seedFile: String?
        /// `--journal-size`: how many requests the journal keeps.
        public var journalSize: Int
        /// `--deterministic`: ids in a fixed sequence, fault draws from this seed, a frozen clock.
        public var deterministicSeed: UInt64?

        public init(
            adminToken: String, printedAtStart: Bool = false, seedFile: String? = nil,
            journalSize: Int = RequestJournal.defaultCapacity, deterministicSeed: UInt64? = nil
        ) {
            self.adminToken = adminToken
            self.printedAtStart = printedAtStart
            self.seedFile = seedFile
            self.journalSize = journalSize
            self.deterministicSeed = deterministicSeed
        }
    }

    /// Deadlines a client's connection is held to; `nil` turns one off.
    public struct ConnectionTimeouts: Sendable, Hashable {
        /// From a request's first byte to the end of its head; then 408.
        public var head: Duration?
        /// From the head to the end of the body; then 408.
        public var body: Duration?
        /// A keep-alive connection with no request for this long is closed.
        public var idle: Duration?

        public init(head: Duration? = .seconds(10), body: Duration? = .seconds(60), idle: Duration? = .seconds(60)) {
            self.head = head
            self.body = body
            self.idle = idle
        }
    }

    /// Prolific's rate limit: `rate` requests per second per token, `burst` at once.
    public struct RateLimit: Sendable, Hashable {
        public var rate: Double
        public var burst: Double

        public init(rate: Double, burst: Double? = nil) {
            self.rate = rate
            self.burst = burst ?? max(1, rate)
        }
    }

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    public static let defaultDatabase = "./cohort.sqlite"
    /// 100,000 participant ids in one JSON body take about 2.7 MB; 32 MiB leaves ample room.
    public static let defaultMaxBodyBytes = 32 * 1024 * 1024
    public static let defaultDatabasePoolSize = 10
    public static let defaultDatabaseTimeout = Duration.seconds(5)

    public init(
        host: String = defaultHost, port: Int = defaultPort, database: String = defaultDatabase,
        maxBodyBytes: Int = defaultMaxBodyBytes, bootstrapToken: String? = nil,
        databasePoolSize: Int = defaultDatabasePoolSize, databaseTimeout: Duration = defaultDatabaseTimeout,
        eventLoopThreads: Int = EventLoops.defaultThreads, rateLimit: RateLimit? = nil, metrics: Bool = false,
        timeouts: ConnectionTimeouts = .init(), maxConnections: Int? = nil
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.maxBodyBytes = maxBodyBytes
        self.bootstrapToken = bootstrapToken
        self.databasePoolSize = databasePoolSize
        self.databaseTimeout = databaseTimeout
        self.eventLoopThreads = eventLoopThreads
        self.rateLimit = rateLimit
        self.metrics = metrics
        self.timeouts = timeouts
        self.maxConnections = maxConnections
    }
}
