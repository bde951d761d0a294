import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Many raw connections held open at once, driven from one thread: slow clients that send a
/// request head a byte at a time, and idle keep-alive clients that sent one request and then
/// nothing. Records when the server answered or closed each one.
final class SocketHerd: @unchecked Sendable {
    enum Kind: Sendable {
        /// Sends `head` one byte per `interval`.
        case slow(head: [UInt8], interval: Double)
        /// Sends `request` whole once, reads the answer, then stays silent.
        case idle(request: [UInt8])
    }

    /// What happened to one connection.
    struct Outcome: Sendable {
        let kind: String
        /// Seconds from the start until the server closed it; nil if it stayed open.
        var closedAfter: Double?
        /// The status of the last response it got, if any.
        var lastStatus: Int?
        var connected: Bool
    }

    /// Opens `count` connections of `kind` to `port` and drives them for `seconds`, on a thread
    /// of its own.
    static func run(port: Int, _ groups: [(kind: Kind, count: Int)], seconds: Double) async throws -> [Outcome] {
        try await RawSocket.offThePool {
            try drive(port: port, groups, seconds: seconds)
        }
    }

    private struct Connection {
        let socket: RawSocket?
        let kind: Kind
        var sent = 0
        var nextSend: Double = 0
        var received: [UInt8] = []
        var outcome: Outcome
    }

    private static func drive(port: Int, _ groups: [(kind: Kind, count: Int)], seconds: Double) throws -> [Outcome] {
        let start = Date()
        func now() -> Double { Date().timeIntervalSince(start) }
        var connections: [Connection] = []
        for (kind, count) in groups {
            for _ in 0..<count {
                let name: String = if case .slow = kind { "slow" } else { "idle" }
                let socket = try? RawSocket(port: port)
                var connection = Connection(
                    socket: socket, kind: kind, outcome: Outcome(kind: name, closedAfter: nil, lastStatus: nil, connected: socket != nil))
                switch kind {
                case .idle(let request):
                    socket?.send(request)
                    connection.sent = request.count
                case .slow(let head, let interval):
                    // The first byte at once: a connection that has sent nothing is idle, not slow.
                    socket?.send([head[0]])
                    connection.sent = 1
                    connection.nextSend = now() + interval
                }
                connections.append(connection)
            }
        }
        var buffer = [UInt8](repeating: 0, count: 16384)
        while now() < seconds {
            for index in connections.indices {
                guard let socket = connections[index].socket, connections[index].outcome.closedAfter == nil,
                    case .slow(let head, let interval) = connections[index].kind, connections[index].sent < head.count,
                    now() >= connections[index].nextSend
                else { continue }
                socket.send([head[connections[index].sent]])
                connections[index].sent += 1
                connections[index].nextSend = now() + interval
            }
            var polls = connections.map { pollfd(fd: $0.socket?.descriptor ?? -1, events: Int16(POLLIN), revents: 0) }
            for index in polls.indices where connections[index].outcome.closedAfter != nil { polls[index].fd = -1 }
            _ = poll(&polls, nfds_t(polls.count), 50)
            for index in polls.indices where polls[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { recv(polls[index].fd, $0.baseAddress, $0.count, 0) }
                if count > 0 {
                    connections[index].received += buffer[0..<count]
                    let text = String(decoding: connections[index].received, as: UTF8.self)
                    if let range = text.range(of: "HTTP/1.1 ", options: .backwards) {
                        connections[index].outcome.lastStatus = Int(text[range.upperBound...].prefix(3))
                    }
                } else {
                    connections[index].outcome.closedAfter = now()
                }
            }
        }
        return connections.map(\.outcome)
    }
}
