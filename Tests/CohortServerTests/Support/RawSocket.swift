import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection for the requests no HTTP client will send: malformed heads, bodies that
/// stop short, half-closes, byte-at-a-time heads. Blocking calls, each exchange on a thread of its
/// own, so that waiting never holds one of the few threads the in-process servers answer on.
final class RawSocket: @unchecked Sendable {
    let descriptor: Int32

    /// How a read ended.
    enum End: String, Sendable {
        case eof, reset, timeout
    }

    /// What came back: the bytes, and how the read ended.
    struct Reply: Sendable, CustomStringConvertible {
        let bytes: [UInt8]
        let end: End
        let seconds: Double

        var text: String { String(decoding: bytes, as: UTF8.self) }
        /// The status of the first response that is not `100 Continue`.
        var status: Int? {
            var rest = Substring(text)
            while let range = rest.range(of: "HTTP/1.1 ") {
                let code = Int(rest[range.upperBound...].prefix(3))
                if code != 100 { return code }
                rest = rest[range.upperBound...]
            }
            return nil
        }
        /// The body of the last response, when it is JSON.
        var json: JSON? {
            guard let range = text.range(of: "\r\n\r\n", options: .backwards) else { return nil }
            return try? JSON(parsing: Data(text[range.upperBound...].utf8))
        }
        /// The envelope's `error_code`, when the reply is an error in the envelope.
        var errorCode: Int? { json?["error"]?["error_code"]?.int }
        var description: String { "\(end) after \(seconds)s: \(text.prefix(400))" }
    }

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestServerError("socket() failed: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw TestServerError("connect() failed: \(errno)")
        }
    }

    deinit { close(descriptor) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }  // the server closed: what it answered is still there to read
            offset += sent
        }
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// Ends our side of the connection (a half-close): the server may still answer.
    func halfClose() { shutdown(descriptor, Int32(SHUT_WR)) }

    /// Reads until the server closes, or `timeout` passes.
    func readToEnd(timeout: Double) -> Reply {
        let start = Date()
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let left = timeout - Date().timeIntervalSince(start)
            guard left > 0 else { return Reply(bytes: bytes, end: .timeout, seconds: Date().timeIntervalSince(start)) }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, left * 1000)))
            if ready == 0 { continue }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                bytes += buffer[0..<count]
            } else {
                let end: End = count == 0 ? .eof : (errno == ECONNRESET ? .reset : .eof)
                return Reply(bytes: bytes, end: end, seconds: Date().timeIntervalSince(start))
            }
        }
    }

    /// Reads until one whole response (head, and `Content-Length` bytes of body) has come, the
    /// server closes, or `timeout` passes. The connection stays usable after a whole response.
    func readResponse(timeout: Double) -> Reply {
        let start = Date()
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let whole = Self.wholeResponseLength(bytes), bytes.count >= whole {
                return Reply(bytes: bytes, end: .eof, seconds: Date().timeIntervalSince(start))
            }
            let left = timeout - Date().timeIntervalSince(start)
            guard left > 0 else { return Reply(bytes: bytes, end: .timeout, seconds: Date().timeIntervalSince(start)) }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, Int32(max(1, left * 1000))) == 0 { continue }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else {
                return Reply(bytes: bytes, end: count == 0 ? .eof : .reset, seconds: Date().timeIntervalSince(start))
            }
            bytes += buffer[0..<count]
        }
    }

    /// The length of the first complete non-100 response in `bytes`, if its head has arrived.
    private static func wholeResponseLength(_ bytes: [UInt8]) -> Int? {
        let text = String(decoding: bytes, as: UTF8.self)
        var offset = text.startIndex
        while let end = text.range(of: "\r\n\r\n", range: offset..<text.endIndex) {
            let head = text[offset..<end.upperBound]
            if head.hasPrefix("HTTP/1.1 100") {
                offset = end.upperBound
                continue
            }
            let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            return text.utf8.distance(from: text.startIndex, to: end.upperBound) + length
        }
        return nil
    }

    /// Runs `body` on a thread of its own and returns its result.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Connects, sends `parts` (pausing `pause` seconds between them), half-closes if asked, and
    /// reads until the server closes or `timeout` passes.
    static func exchange(
        port: Int, _ parts: [[UInt8]], pause: Double = 0.05, halfClose: Bool = false, timeout: Double = 5
    ) async throws -> Reply {
        try await offThePool {
            let socket = try RawSocket(port: port)
            for (index, part) in parts.enumerated() {
                if index > 0 { Thread.sleep(forTimeInterval: pause) }
                socket.send(part)
            }
            if halfClose { socket.halfClose() }
            return socket.readToEnd(timeout: timeout)
        }
    }
}
