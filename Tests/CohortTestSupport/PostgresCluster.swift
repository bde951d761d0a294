import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL server of a test's own, in a temporary folder on a free port, which the test may
/// stop and start (to check what a server does while its database is away). Uses the server
/// binaries from Debian's `postgresql` package; as root, runs them as the `postgres` user, since
/// PostgreSQL refuses to run as root.
public final class PostgresCluster: Sendable {
    public let port: Int
    let directory: String
    let binaries: String

    /// The server's binaries, if they are installed: `COHORT_TEST_PG_BIN`, or the newest
    /// `/usr/lib/postgresql/*/bin`.
    public static var binaries: String? {
        if let path = ProcessInfo.processInfo.environment["COHORT_TEST_PG_BIN"], !path.isEmpty { return path }
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        guard let newest = versions.compactMap({ Int($0) }).max() else { return nil }
        let path = "\(root)/\(newest)/bin"
        return FileManager.default.isExecutableFile(atPath: "\(path)/pg_ctl") ? path : nil
    }

    public static let unavailableMessage = """
        PostgreSQL's server binaries (Debian's postgresql package) are not installed, so the tests that \
        stop and restart a database did NOT run. Install them, or set COHORT_TEST_PG_BIN to their folder.
        """

    private init(binaries: String) {
        self.binaries = binaries
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-pg-\(UUID().uuidString)").path
        port = Self.unusedPort()
    }

    /// A port below Linux's ephemeral range (32768 and up), where the kernel never puts the
    /// client end of a connection: a port picked above it collided with one under load, and the
    /// cluster could not listen. Checked free by binding it; the cluster keeps it across restarts.
    static func unusedPort() -> Int {
        for _ in 0..<100 {
            let port = Int.random(in: 20_000..<32_000)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if bound == 0 { return port }
        }
        return Int.random(in: 20_000..<32_000)
    }

    /// Initialises and starts a new cluster.
    public static func start() async throws -> PostgresCluster {
        guard let binaries = Self.binaries else { throw TestPostgresError(Self.unavailableMessage) }
        let cluster = PostgresCluster(binaries: binaries)
        try FileManager.default.createDirectory(atPath: cluster.directory, withIntermediateDirectories: true)
        if getuid() == 0 { try await Self.run("/bin/chown", ["postgres:postgres", cluster.directory], asPostgres: false) }
        try await Self.run("\(binaries)/initdb", ["-D", "\(cluster.directory)/data", "-A", "trust", "-U", "cohort", "--no-sync"])
        try await cluster.start()
        return cluster
    }

    /// `postgres://cohort@127.0.0.1:PORT/postgres`, trust authentication.
    public var url: String { "postgres://cohort@127.0.0.1:\(port)/postgres?sslmode=disable" }

    public func start() async throws {
        try await Self.run(
            "\(binaries)/pg_ctl",
            [
                "-D", "\(directory)/data", "-l", "\(directory)/server.log", "-w", "-t", "30",
                "-o", "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
            ])
    }

    /// How `pg_ctl stop` ends the server: `fast` rolls back and disconnects every session;
    /// `immediate` kills the server like a crash (recovery runs at the next start).
    public enum StopMode: String, Sendable, CaseIterable {
        case fast, immediate
    }

    public func stop(_ mode: StopMode = .fast) async throws {
        try await Self.run("\(binaries)/pg_ctl", ["-D", "\(directory)/data", "-m", mode.rawValue, "-w", "-t", "30", "stop"])
    }

    /// Ends every client session of the server (`pg_terminate_backend`), as an operator or a
    /// failover would: the server itself stays up.
    public func terminateBackends() async throws {
        try await Self.run(
            "\(binaries)/psql",
            [
                "-h", directory, "-p", String(port), "-U", "cohort", "-d", "postgres", "-q", "-c",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
            ])
    }

    /// Stops the server (if it runs) and removes its folder.
    public func destroy() async {
        try? await stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs a command to its end, its output in a file. `posix_spawn` and `waitpid` rather than
    /// Foundation's `Process`, whose `waitUntilExit` does not return on Linux when the command
    /// leaves a daemon running, as `pg_ctl start` does.
    /// Runs a command on a thread of its own: waiting for it must not hold one of the few threads
    /// that the tests' in-process servers answer on.
    private static func run(_ executable: String, _ arguments: [String], asPostgres: Bool = true) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                continuation.resume(with: Result { try runBlocking(executable, arguments, asPostgres: asPostgres) })
            }
        }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String], asPostgres: Bool) throws {
        let command =
            asPostgres && getuid() == 0
            ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-pg-command-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, command[0], &actions, nil, argv, environ) == 0 else {
            throw TestPostgresError("could not start \(command[0])")
        }
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, 0) } while result == -1 && errno == EINTR
        // Another part of the test process may have reaped the child first (ECHILD): then its
        // status is unknown, and the caller checks the outcome itself.
        let exitCode = result == pid ? (status >> 8) & 0xFF : 0
        guard exitCode == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw TestPostgresError("\(command.joined(separator: " ")) failed (\(exitCode)): \(text)")
        }
    }
}
