import CohortClient
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line bar on standard error for ids sent in batches: `[#####-----]  500/1000 participant ids`.
///
/// Drawn only when standard error is a terminal, so that logs and captured output stay free of
/// carriage returns.
final class ProgressBar: Sendable {
    private let visible: Bool
    private let width = 30
    /// Whether a line has been drawn, so `finish` knows whether to end it.
    private let drawn = Mutex(false)

    init(visible: Bool = isatty(STDERR_FILENO) == 1) {
        self.visible = visible
    }

    /// Reports to this bar; hand it to a batched SDK call.
    var progress: BatchProgress {
        { [self] sent, total in update(sent: sent, total: total) }
    }

    func update(sent: Int, total: Int) {
        guard visible, total > 0 else { return }
        let filled = min(width, width * sent / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let counts = String(sent).leftPadded(to: String(total).count) + "/\(total)"
        drawn.withLock { drawn in
            drawn = true
            FileHandle.standardError.write(Data("\r[\(bar)] \(counts) participant ids".utf8))
        }
    }

    /// Runs `work` with a bar to report to, and ends the bar's line when it returns or throws,
    /// so that what is printed next starts on a line of its own.
    static func showing<T>(_ work: (@escaping BatchProgress) async throws -> T) async rethrows -> T {
        let bar = ProgressBar()
        defer { bar.finish() }
        return try await work(bar.progress)
    }

    /// Ends the bar's line, so that what follows starts on a line of its own.
    func finish() {
        drawn.withLock { drawn in
            if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
            drawn = false
        }
    }
}
