import NIOCore
import NIOPosix
import Synchronization

/// The threads that do the server's socket I/O and HTTP parsing.
///
/// Handlers run on Swift's concurrency pool, one thread per core, so NIO's default of another
/// thread per core for the event loops puts twice as many busy threads as cores on the machine,
/// and each request crosses between them twice. On two cores, one event loop thread served about
/// 1.3 times the `GET` requests per second of two, with a quarter less CPU per request
/// (docs/performance.md), hence the default of half the cores.
///
/// Groups live for the process, one per size asked for, like NIO's own singleton: a test process
/// that starts many servers shares their threads.
public enum EventLoops {
    public static let defaultThreads = max(1, System.coreCount / 2)

    private static let groups = Mutex<[Int: MultiThreadedEventLoopGroup]>([:])

    static func group(threads: Int) -> MultiThreadedEventLoopGroup {
        groups.withLock { groups in
            if let group = groups[threads] { return group }
            let group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
            groups[threads] = group
            return group
        }
    }
}
