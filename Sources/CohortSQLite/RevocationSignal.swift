#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Eight bytes in a file beside the database (`<database>-tokens`) that any process revoking a
/// token rewrites with a new random value after its commit: the server's token cache compares them
/// on each request, one `pread` from the page cache, and drops what it remembered when they
/// changed. A revocation by `cohort token revoke` in another process so takes effect on the
/// server's next request, cached tokens included, without a database read per request.
///
/// When the file cannot be opened (a read-only folder), ``epoch()`` is `nil` and tokens are
/// looked up in the database on every request instead.
final class RevocationSignal: Sendable {
    private let descriptor: Mutex<Int32>

    init(databasePath: String) {
        let descriptor = open(databasePath + "-tokens", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        self.descriptor = Mutex(descriptor)
    }

    /// The current value; `nil` when there is no signal file.
    func epoch() -> UInt64? {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return nil }
            var value: UInt64 = 0
            let read = withUnsafeMutableBytes(of: &value) { pread(descriptor, $0.baseAddress, 8, 0) }
            // A new file reads as empty: epoch 0 until the first revocation.
            return read == 8 ? value : (read >= 0 ? 0 : nil)
        }
    }

    /// Announces a committed revocation. Random rather than counted, so that two processes
    /// revoking at once can never write the value a reader already saw.
    func bump() throws {
        try descriptor.withLock { descriptor in
            guard descriptor >= 0 else { throw RevocationSignalUnavailable() }
            var value = UInt64.random(in: 1...UInt64.max)
            let written = withUnsafeBytes(of: &value) { pwrite(descriptor, $0.baseAddress, 8, 0) }
            guard written == 8 else { throw RevocationSignalUnavailable() }
        }
    }

    func close() {
        descriptor.withLock { descriptor in
            if descriptor >= 0 { _ = Glibc.close(descriptor) }
            descriptor = -1
        }
    }
}

/// The signal file could not be written: servers may accept a revoked token until their cache
/// entry expires.
struct RevocationSignalUnavailable: Error, CustomStringConvertible {
    var description: String { "the token revocation file beside the database could not be written" }
}
