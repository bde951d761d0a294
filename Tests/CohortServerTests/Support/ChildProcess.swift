import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, in place of Foundation's `Process`, whose `run()`
/// crashed the whole test run (a bad pointer in a memmove inside it, with some 1,350 descriptors
/// open in the test process) when the slow-client tests held many sockets. Standard streams go
/// to files (or `/dev/null`); every other descriptor is closed in the child, and its signals are
/// as a shell would leave them.
final class ChildProcess: Sendable {
    let pid: pid_t
    let arguments: [String]
    /// The wait status once reaped.
    private let status = Mutex<Int32?>(nil)

    init(
        _ executable: String, _ arguments: [String], environment: [String: String],
        stdin: String = "/dev/null", stdout: String = "/dev/null", stderr: String = "/dev/null"
    ) throws {
        self.arguments = arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 3) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw TestServerError("posix_spawn \(executable): \(String(cString: strerror(result)))") }
        self.pid = pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not declare; looked up once. Without it, a child keeps the descriptors that
    /// are not close-on-exec.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return nil
        }
        return unsafeBitCast(
            symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    var isRunning: Bool {
        status.withLock { status in
            guard status == nil else { return false }
            var wait: Int32 = 0
            guard waitpid(pid, &wait, WNOHANG) == pid else { return true }
            status = wait
            return false
        }
    }

    /// As Foundation's: the exit code, or the number of the signal that ended it.
    var terminationStatus: Int32 {
        guard let wait = status.withLock({ $0 }) else { return -1 }
        return wait & 0x7f == 0 ? (wait >> 8) & 0xff : wait & 0x7f
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Polls until the child ends (never blocks a thread the in-process servers need).
    func waitForExit() async throws -> Int32 {
        while isRunning { try await Task.sleep(for: .milliseconds(20)) }
        return terminationStatus
    }

    deinit {
        if isRunning {
            kill(pid, SIGKILL)
            var wait: Int32 = 0
            waitpid(pid, &wait, 0)
        }
    }
}
