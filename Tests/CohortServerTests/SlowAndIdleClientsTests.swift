import AsyncHTTPClient
import CohortClient
import Foundation
import NIOCore
import Synchronization
import Testing

/// A bounded load with the clients a server in the open meets: 200 that send their request head a
/// byte a second, and 300 that send one request and then sit on the connection, against a server
/// allowed 300 connections, while eight ordinary clients read and write. The ordinary ones are
/// all answered, none with a 5xx; the slow ones get 408 once the head timeout passes; the idle
/// ones are closed after the idle timeout, or sooner to make room.
@Suite struct SlowAndIdleClientsTests {
    static let headTimeout = 2.0
    static let idleTimeout = 3.0

    @Test func slowAndIdleClientsAreCutOffWhileOthersAreServed() async throws {
        let arguments = [
            "--header-timeout", String(Self.headTimeout), "--idle-timeout", String(Self.idleTimeout),
            "--max-connections", "300",
        ]
        try await withServedProcess(arguments) { server in
            let workspace = try #require(try await server.request(.GET, "/api/v1/workspaces/").body?["results"]?[0]?["id"]?.string)
            let group = try #require(
                try await server.request(.POST, "/api/v1/participant-groups/", json: #"{"name": "busy", "workspace_id": "\#(workspace)"}"#)
                    .body?["id"]?.string)

            let herd = Task {
                try await SocketHerd.run(
                    port: server.port,
                    [
                        (.slow(head: Array("GET /health/live HTTP/1.1\r\nHost: cohort\r\n\r\n".utf8), interval: 1), 200),
                        (.idle(request: Array("GET /health/live HTTP/1.1\r\nHost: cohort\r\n\r\n".utf8)), 300),
                    ], seconds: 9)
            }
            try await Task.sleep(for: .milliseconds(500))

            let tally = Tally()
            await withTaskGroup(of: Void.self) { workers in
                for worker in 0..<8 {
                    workers.addTask {
                        let stop = Date().addingTimeInterval(6)
                        var batch = 0
                        while Date() < stop {
                            batch += 1
                            let started = Date()
                            do {
                                let status: Int
                                if batch % 2 == 0 {
                                    status = try await Self.send(
                                        .POST, server.url + "/api/v1/participant-groups/\(group)/participants/",
                                        json: #"{"participant_ids": ["\#(String(format: "%08x%016x", worker, batch))"]}"#,
                                        token: server.token)
                                } else {
                                    status = try await Self.send(.GET, server.url + "/api/v1/participant-groups/\(group)/", token: server.token)
                                }
                                tally.answers.withLock { $0.append(status) }
                            } catch {
                                tally.failures.withLock { $0.append("\(error)") }
                            }
                            let seconds = Date().timeIntervalSince(started)
                            tally.slowest.withLock { $0 = max($0, seconds) }
                        }
                    }
                }
            }
            let outcomes = try await herd.value

            let statuses = tally.answers.withLock { $0 }
            // Few enough that a busy machine running the other suites at once gets there too.
            #expect(statuses.count >= 16, "only \(statuses.count) ordinary requests were answered")
            #expect(statuses.allSatisfy { $0 == 200 }, "ordinary requests got \(Set(statuses))")
            #expect(tally.failures.withLock { $0 }.isEmpty, "ordinary requests failed: \(tally.failures.withLock { $0 }.prefix(5))")
            #expect(tally.slowest.withLock { $0 } < 5, "an ordinary request waited \(tally.slowest.withLock { $0 }) s")

            let slow = outcomes.filter { $0.kind == "slow" }
            #expect(slow.allSatisfy { $0.connected })
            #expect(slow.allSatisfy { $0.lastStatus == 408 }, "slow clients got \(slow.map { $0.lastStatus ?? 0 })")
            let slowClosed = slow.compactMap(\.closedAfter)
            #expect(slowClosed.count == slow.count, "\(slow.count - slowClosed.count) slow clients were never closed")
            #expect(slowClosed.allSatisfy { $0 < Self.headTimeout + 2 }, "slow clients closed after \(slowClosed.max() ?? 0) s")

            let idle = outcomes.filter { $0.kind == "idle" }
            let idleClosed = idle.compactMap(\.closedAfter)
            #expect(idleClosed.count == idle.count, "\(idle.count - idleClosed.count) idle clients were never closed")
            // Those beyond the limit wait in the listen backlog until room is made, and their idle time
            // counts from when they were accepted: every one is closed before the run's 9 s are up.
            #expect(server.errorLines.isEmpty, "\(server.errorLines.prefix(5))")
        }
    }

    /// What the ordinary clients got.
    final class Tally: Sendable {
        let answers = Mutex<[Int]>([])
        let failures = Mutex<[String]>([])
        let slowest = Mutex<Double>(0)
    }

    /// One request on the SDK's client, which fails a refused connection at once. Both requests are
    /// safe to repeat (a read, and adding ids a group may already hold), so a keep-alive connection
    /// the server closed to make room just as the request went out is tried once more on a new one,
    /// as RFC 9112 §9.3.1 lets a client do: that race is the protocol's, not a request left unserved.
    /// Any other failure, or the same one twice, is a failure.
    static func send(_ method: HTTPMethod, _ url: String, json: String? = nil, token: String) async throws -> Int {
        do {
            return try await self.sendOnce(method, url, json: json, token: token)
        } catch let error as HTTPClientError where error == .remoteConnectionClosed {
            return try await self.sendOnce(method, url, json: json, token: token)
        }
    }

    static func sendOnce(_ method: HTTPMethod, _ url: String, json: String?, token: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: "Token \(token)")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await ProlificClient.defaultHTTPClient.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }
}

import NIOHTTP1
