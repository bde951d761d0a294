import Foundation
import Testing

/// The built `cohort` binary run as a client of a test server, the way a script runs it: its own
/// process, standard input from a file, standard output and error captured.
struct ClientCLI {
    let server: TestServer
    /// The caller's first workspace, looked up once.
    let workspace: String

    init(_ server: TestServer) async throws {
        self.server = server
        self.workspace = try await server.firstWorkspaceID()
    }

    struct Result: CustomStringConvertible {
        let status: Int32
        let stdout: String
        let stderr: String

        var json: JSON {
            get throws { try JSON(parsing: Data(stdout.utf8)) }
        }

        /// Standard output's lines, without the final empty one.
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast(stdout.hasSuffix("\n") ? 1 : 0) }

        var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
    }

    /// `cohort arguments... --url U --token T`.
    func run(_ arguments: [String], stdin: String? = nil) async throws -> Result {
        try await Self.run(arguments + ["--url", server.baseURL, "--token", server.token], stdin: stdin)
    }

    /// `cohort arguments...` with exactly `environment` for PROLIFIC_* (none inherited), `stdin` as
    /// standard input (empty without one).
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("stdin")
        let output = directory.appendingPathComponent("stdout")
        let errors = directory.appendingPathComponent("stderr")
        try Data((stdin ?? "").utf8).write(to: input)
        try Data().write(to: output)
        try Data().write(to: errors)

        let executable = try CohortProcess.executable.path
        var inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("COHORT_") && !$0.key.hasPrefix("PROLIFIC_") }
        inherited.merge(environment) { _, new in new }
        let process = try ChildProcess(
            executable, arguments, environment: inherited, stdin: input.path, stdout: output.path, stderr: errors.path)
        let status = try await Self.exitStatus(of: process)
        return Result(
            status: status, stdout: try String(contentsOf: output, encoding: .utf8),
            stderr: try String(contentsOf: errors, encoding: .utf8))
    }

    private static func exitStatus(of process: ChildProcess, timeout: Duration = .seconds(60)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.signal(SIGTERM)
                throw TestServerError("cohort \(process.arguments) did not exit within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return process.terminationStatus
    }

    /// A file holding `text`, for `--file`.
    static func file(_ text: String, name: String = "ids.csv") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-cli-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Creates a group through the API (not the command under test) and returns its id.
    func group(name: String = "Wave 1", members: [String] = []) async throws -> String {
        try #require(try await server.createGroup(name: name, workspace: workspace, members: members)["id"]?.string)
    }
}
