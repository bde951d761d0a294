import CohortAPI
import CohortCore
import Foundation
import Hummingbird
import Logging
import OpenAPIHummingbird

/// Builds the Hummingbird application that serves Cohort.
public enum CohortApplication {
    /// Opens the store and returns the application ready to run; when it runs, it migrates the
    /// store and makes sure someone can log in before it listens.
    ///
    /// - Parameter onServerRunning: called with the port once the server listens (tests bind port 0).
    public static func make(
        configuration: ServerConfiguration, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        if let token = configuration.bootstrapToken { LogRedaction.register(secret: token) }
        if let sandbox = configuration.sandbox { LogRedaction.register(secret: sandbox.adminToken) }
        // Before the store opens: a metric made before swift-metrics has its backend records nothing.
        if configuration.metrics { PrometheusExport.install() }
        let eventLoopGroup = EventLoops.group(threads: configuration.eventLoopThreads)
        let served = try await StoreOpener.openForServing(configuration, eventLoopGroup: eventLoopGroup, logger: logger)
        let clock = configuration.sandbox.map(makeClock)
        let cohort = Cohort(store: served.store, clock: clock ?? SystemClock(), money: configuration.money)
        let session = configuration.sandbox.map { sandbox in
            SandboxSession(
                cohort: cohort, clock: clock!, faults: FaultBook(seed: sandbox.deterministicSeed ?? .random(in: .min ... .max)),
                journal: RequestJournal(capacity: sandbox.journalSize), operations: OperationIndex())
        }
        let router: Router<BasicRequestContext>
        do {
            router = try makeRouter(cohort: cohort, sandbox: session, configuration: configuration, logger: logger)
        } catch {
            try? await served.store.close()
            throw error
        }
        let http: HTTPLayer
        do {
            http = try HTTPLayer(configuration, eventLoopGroup: eventLoopGroup, logger: logger)
        } catch {
            try? await served.store.close()
            throw error
        }
        let scheme = configuration.tls == nil ? "http" : "https"
        var application = Application(
            router: router,
            server: http.server,
            configuration: http.application,
            services: [served.service],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                logger.info("cohort is serving", metadata: ["address": "\(scheme)://\(configuration.host):\(port)"])
                await onServerRunning(port)
            },
            eventLoopGroupProvider: .shared(eventLoopGroup),
            logger: logger)
        // With the store's service running (PostgreSQL's pool runs there), before the server
        // listens: a failure here stops the whole group, and the process, with its message.
        application.beforeServerStarts {
            try await served.prepare()
            if let seed = configuration.sandbox?.seedFile, let session {
                try await session.seed(fromFile: seed)
            } else {
                try await ensureAccess(cohort, configuration: configuration, logger: logger)
            }
            try await session?.recordStartupState()
            if let sandbox = configuration.sandbox, sandbox.printedAtStart { showAdminToken(sandbox.adminToken) }
        }
        return application
    }

    /// The router: middleware first (it applies to the routes added after it), then the operations
    /// generated from `openapi.yaml`.
    static func makeRouter(
        cohort: Cohort, sandbox: SandboxSession? = nil, configuration: ServerConfiguration, logger: Logger
    ) throws -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: RequestLogMiddleware(logger: logger))
        if configuration.metrics { router.add(middleware: MetricsMiddleware()) }
        // Outside the envelope, so that the journal sees the status the client gets.
        if let sandbox, sandbox.journal.capacity > 0 {
            router.add(middleware: JournalMiddleware(journal: sandbox.journal, clock: sandbox.clock))
        }
        router.add(middleware: ErrorEnvelopeMiddleware(logger: logger))
        let routes = RouteTable()
        router.add(middleware: MethodNotAllowedMiddleware(routes: routes))
        // Before authentication: a fault answers whatever the token.
        if let sandbox { router.add(middleware: FaultMiddleware(faults: sandbox.faults, operations: sandbox.operations)) }
        // Authentication before the body is read: nobody without a token gets to upload 32 MiB.
        router.add(middleware: RequestScopeMiddleware(authenticator: cohort.authenticator))
        if let sandbox = configuration.sandbox {
            router.add(middleware: SandboxAdminMiddleware(adminToken: sandbox.adminToken))
        }
        if let limit = configuration.rateLimit {
            router.add(middleware: RateLimitMiddleware(limiter: RateLimiter(rate: limit.rate, burst: limit.burst)))
        }
        router.add(middleware: RequestBodyMiddleware(maxBytes: configuration.maxBodyBytes))
        router.add(middleware: ResponseHeaderMiddleware())
        MembersListRoute(cohort: cohort).register(on: router)
        GroupReadRoute(cohort: cohort).register(on: router)
        StudyReadRoute(cohort: cohort).register(on: router)
        var servedByHand: Set<String> = [MembersListRoute.operation, GroupReadRoute.operation, StudyReadRoute.operation]
        if let sandbox {
            SandboxStateRoutes(session: sandbox).register(on: router)
            SandboxBrowserRoutes(cohort: cohort).register(on: router)
            servedByHand.formUnion(SandboxStateRoutes.operations.union(SandboxBrowserRoutes.operations))
        }
        let handler = APIHandler(cohort: cohort, metricsEnabled: configuration.metrics, sandbox: sandbox)
        // Compact JSON with `/` unescaped, as Prolific's API writes it; keys sorted so that the same
        // resource always reads the same.
        try handler.registerHandlers(
            on: GeneratedRoutes(
                router: router, servedByHand: servedByHand, sandbox: sandbox != nil),
            serverURL: URL(string: "/")!,
            configuration: .init(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]),
            middlewares: [EmptyBodyMiddleware()])
        routes.load(from: router)
        return router
    }

    /// The sandbox's clock: the machine's time plus the advances, or with `--deterministic` a
    /// fixed instant plus the advances; then ids follow the seed's sequence and that clock too.
    static func makeClock(_ sandbox: ServerConfiguration.Sandbox) -> SandboxClock {
        guard let seed = sandbox.deterministicSeed else { return SandboxClock() }
        let clock = SandboxClock(machine: { deterministicStart })
        ObjectID.useDeterministicSequence(seed: seed, time: { clock.now() })
        return clock
    }

    /// Where a deterministic run's clock starts: 2030-01-01T00:00:00Z.
    static let deterministicStart = Timestamp(secondsSince1970: 1_893_456_000)

    /// A sandbox's admin token that the server made up: on stdout, once, never in a log.
    static func showAdminToken(_ token: String) {
        let notice = """
            Sandbox: the admin token for /_cohort/, shown only once:

                \(token)

            Use it as: Authorization: Token \(token)

            """
        FileHandle.standardOutput.write(Data(notice.utf8))
    }

    /// A bootstrap token, or a first researcher on an empty database, so that somebody can log in.
    static func ensureAccess(_ cohort: Cohort, configuration: ServerConfiguration, logger: Logger) async throws {
        if let token = configuration.bootstrapToken, !token.isEmpty {
            let researcher = try await cohort.researchers.ensureBootstrapToken(APIToken(token))
            logger.info("bootstrap token is ready", metadata: ["researcher": "\(researcher.email)"])
        } else if let (researcher, token) = try await cohort.researchers.createFirstResearcherIfNone() {
            // Written to stdout, not logged: the token must not end up in log files, and this is its
            // only showing. Unbuffered, so that it is there at once when stdout is a file or a pipe.
            let notice = """
                Created researcher \(researcher.email) with a workspace of their own. Their API token, shown only once:

                    \(token.value)

                Use it as: Authorization: Token \(token.value)

                """
            FileHandle.standardOutput.write(Data(notice.utf8))
        }
    }
}
