import Foundation
import Synchronization

/// Starts child processes one at a time. Foundation's `Process.run()` on Linux crashed (a bad
/// pointer in a memmove inside it) when tests launched processes in parallel; one launch at a
/// time costs microseconds and keeps the whole test run alive.
enum ProcessLaunch {
    private static let lock = Mutex(())

    static func run(_ process: Process) throws {
        try lock.withLock { _ in try process.run() }
    }
}
