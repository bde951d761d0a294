import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The built `cohort` executable, run as a separate process the way a user runs it.
final class CohortProcess: Sendable {
    let process: ChildProcess
    let stdoutPath: String
    let stderrPath: String

    /// `cohort` sits next to the test bundle in the build folder: `swift build --build-tests`
    /// builds it along with the tests.
    static var executable: URL {
        get throws {
            let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            var directory = testBinary.deletingLastPathComponent()
            for _ in 0..<3 {
                let candidate = directory.appendingPathComponent("cohort")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            throw TestServerError("no cohort executable near \(testBinary.path); run swift build --build-tests first")
        }
    }

    /// Starts `cohort arguments...` with `environment` added to a clean environment.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        var inherited = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("COHORT_") }
        inherited.merge(environment) { _, new in new }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        stdoutPath = directory.appendingPathComponent("stdout").path
        stderrPath = directory.appendingPathComponent("stderr").path
        FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process = try ChildProcess(
            try Self.executable.path, arguments, environment: inherited, stdout: stdoutPath, stderr: stderrPath)
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Runs a command to completion and returns its exit status and standard output.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let command = try CohortProcess(arguments, environment: environment)
        let status = try await command.waitForExit(timeout: .seconds(60))
        return (status, command.stdout, command.stderr)
    }

    /// Waits until the server logs the address it listens on, and returns its base URL.
    func waitUntilServing(timeout: Duration = .seconds(30)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            // The text log's `address=http://...`, or the JSON log's `"address":"http://..."`
            // (https with TLS).
            if let range = stderr.range(of: #"address(=|":")https?://127\.0\.0\.1:[0-9]+"#, options: .regularExpression),
                let start = stderr[range].range(of: "http")
            {
                return String(stderr[start.lowerBound..<range.upperBound])
            }
            guard process.isRunning else {
                throw TestServerError("cohort exited with \(process.terminationStatus): \(stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestServerError("cohort did not start serving: \(stderr)")
    }

    func signal(_ signal: Int32) {
        process.signal(signal)
    }

    /// The exit status, once the process has ended.
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                signal(SIGKILL)
                throw TestServerError("cohort did not exit: \(stderr)")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }
}
