import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What an operator and a client see of the hardening: request ids, the rate limit, duplicate
/// keys, bodies without a content type, metrics and the JSON log.
@Suite struct HardeningEndpointTests {
    @Test func everyAnswerCarriesARequestIDKeepingASaneOne() async throws {
        try await withServer { server in
            let given = try await server.request(.GET, "/api/v1/users/me/", headers: [("X-Request-Id", "trace-42.a")])
            #expect(given.headers.first(name: "X-Request-Id") == "trace-42.a")
            let fresh = try await server.request(.GET, "/api/v1/users/me/")
            let second = try await server.request(.GET, "/api/v1/users/me/")
            let ids = [fresh, second].compactMap { $0.headers.first(name: "X-Request-Id") }
            #expect(ids.count == 2 && ids[0] != ids[1] && ids.allSatisfy { $0.count >= 16 }, "\(ids)")
            let insane = try await server.request(.GET, "/api/v1/users/me/", headers: [("X-Request-Id", "has space and \"quotes\"")])
            #expect(insane.headers.first(name: "X-Request-Id").map { !$0.contains(" ") } == true)
            // Errors too, the envelope's included.
            let missing = try await server.request(.GET, "/api/v1/participant-groups/5e9b9c9b0f9c9a0001b0b1f4/")
            #expect(missing.status == 404)
            #expect(missing.headers.first(name: "X-Request-Id") != nil)
            let unauthenticated = try await server.request(.GET, "/api/v1/users/me/", token: .some(nil))
            #expect(unauthenticated.headers.first(name: "X-Request-Id") != nil)
        }
    }

    @Test func duplicateKeysTakeTheirLastValueAsPrologificsParserDoes() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let created = try await server.request(
                .POST, "/api/v1/participant-groups/",
                json: #"{"name": "first", "workspace_id": "\#(workspace)", "participant_ids": ["bad"], "name": "last", "participant_ids": []}"#)
            #expect(created.status == 201, "\(created.text)")
            #expect(try created.json["name"]?.string == "last")
            #expect(try created.json["participant_count"]?.int == 0)
        }
    }

    @Test func aBodyWithoutAContentTypeIsRefusedWhereABodyIsRead() async throws {
        try await withServer { server in
            let group = try #require(try await server.createGroup(members: [participant(1)])["id"]?.string)
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/\(group)/participants/", body: #"{"participant_ids": ["\#(participant(2))"]}"#,
                contentType: "")
            #expect(response.status == 415)
            #expect(response.error?["error_code"]?.int == 41501)
            #expect(try await server.memberIDs(of: group) == [participant(1)])
        }
    }

    @Test func theRateLimitAnswers429WithRetryAfterPerToken() async throws {
        // One request every 5 s after a burst of 3: six sent at once get three 200s and three 429s,
        // however slowly a busy machine answers them.
        try await withServer(configure: { $0.rateLimit = .init(rate: 0.2, burst: 3) }) { server in
            let responses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for _ in 0..<6 { group.addTask { try await server.request(.GET, "/api/v1/users/me/") } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.map(\.status).sorted() == [200, 200, 200, 429, 429, 429])
            let refused = try #require(responses.first { $0.status == 429 })
            #expect(refused.error?["error_code"]?.int == 42901)
            let retryAfter = try #require(refused.headers.first(name: "Retry-After").flatMap { Int($0) })
            #expect((1...5).contains(retryAfter))
            // Another token has a bucket of its own; requests without a token are not limited by it.
            let other = try await server.addResearcher(email: "other@example.org")
            #expect(try await server.request(.GET, "/api/v1/users/me/", token: .some(other)).status == 200)
            #expect(try await server.request(.GET, "/health", token: .some(nil)).status == 200)
            // After Retry-After, the token may send again.
            try await Task.sleep(for: .seconds(retryAfter))
            #expect(try await server.request(.GET, "/api/v1/users/me/").status == 200)
        }
    }

    @Test func metricsAreServedOnlyWhenAskedFor() async throws {
        try await withServedProcess { server in
            let response = try await http(.GET, server.url + "/metrics", token: server.token)
            #expect(response.status == 404)
        }
        try await withServedProcess(["--metrics"]) { server in
            let group = try await server.request(.GET, "/api/v1/workspaces/").body?["results"]?[0]?["id"]?.string
            let created = try await server.request(
                .POST, "/api/v1/participant-groups/",
                json: #"{"name": "m", "workspace_id": "\#(group ?? "")", "participant_ids": \#(jsonList((0..<5).map(participant)))}"#)
            let id = try #require(created.body?["id"]?.string)
            _ = try await server.request(.POST, "/api/v1/participant-groups/\(id)/participants/", json: #"{"participant_ids": ["\#(participant(9))"]}"#)
            _ = try await server.request(.GET, "/api/v1/participant-groups/5e9b9c9b0f9c9a0001b0b1f4/")
            let text = try await RawSocket.offThePool {
                let socket = try RawSocket(port: server.port)
                socket.send("GET /metrics HTTP/1.1\r\nHost: cohort\r\nConnection: close\r\n\r\n")
                return socket.readToEnd(timeout: 10).text
            }
            #expect(text.hasPrefix("HTTP/1.1 200"), "\(text.prefix(300))")
            #expect(text.contains("Content-Type: text/plain"))
            #expect(text.contains(#"hb_requests{http_route="/api/v1/participant-groups",http_request_method="POST",http_response_status_code="201"} 1"#), "\(text)")
            #expect(text.contains(#"http_response_status_code="404""#))
            #expect(text.contains("http_server_request_duration_bucket"))
            #expect(text.contains("cohort_memberships_written_total 6"), "\(text)")
            #expect(text.contains(#"cohort_database_wait_seconds_count{store="#))
            #expect(text.contains(#"cohort_database_connections_in_use{store="#))
        }
    }

    /// A request answered before its body has arrived (here a 401) leaves unread bytes behind, so
    /// the server closes the connection: the answer says so, or a client would send its next
    /// request on a connection about to close.
    @Test func anAnswerBeforeTheBodyHasArrivedSaysTheConnectionCloses() async throws {
        try await withServedProcess([]) { server in
            let reply = try await RawSocket.offThePool {
                let socket = try RawSocket(port: server.port)
                socket.send(
                    "POST /api/v1/participant-groups/ HTTP/1.1\r\nHost: cohort\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{\"name\": ")
                return socket.readResponse(timeout: 10)
            }
            #expect(reply.status == 401, "\(reply)")
            #expect(reply.text.lowercased().contains("connection: close"), "\(reply)")
        }
    }

    /// A client may send its next request's head before the server has finished writing the
    /// previous answer (Python's http.client sends a head and its body in two writes, so the head
    /// often arrives first): the earlier answer must not take the next request's unread body
    /// for its own and close the connection. Found by the submissions benchmark.
    @Test func theNextRequestsHeadArrivingEarlyKeepsTheConnection() async throws {
        try await withServedProcess([]) { server in
            let body = #"{"name": "early"}"#
            let replies = try await RawSocket.offThePool {
                let socket = try RawSocket(port: server.port)
                let first = "GET /api/v1/users/me/ HTTP/1.1\r\nHost: cohort\r\nAuthorization: Token \(server.token)\r\n\r\n"
                let secondHead = "POST /api/v1/participant-groups/ HTTP/1.1\r\nHost: cohort\r\nAuthorization: Token \(server.token)\r\n"
                    + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
                socket.send(first + secondHead)
                let answer = socket.readResponse(timeout: 10)
                socket.send(body)
                return (answer, socket.readResponse(timeout: 10))
            }
            #expect(replies.0.status == 200, "\(replies.0)")
            #expect(!replies.0.text.lowercased().contains("connection: close"), "\(replies.0)")
            #expect(replies.1.status != nil, "the second request was answered: \(replies.1)")
        }
    }

    @Test func theJSONLogHasOneObjectPerLineWithTheRequestID() async throws {
        try await withServedProcess(["--log-format", "json"]) { server in
            _ = try await http(.GET, server.url + "/api/v1/users/me/", token: server.token)
            _ = try await RawSocket.offThePool {
                let socket = try RawSocket(port: server.port)
                socket.send("GET /api/v1/users/me/ HTTP/1.1\r\nHost: cohort\r\nAuthorization: Token \(server.token)\r\nX-Request-Id: json-log-check\r\nConnection: close\r\n\r\n")
                return socket.readToEnd(timeout: 10)
            }
            try await server.stop()
            let lines = server.log.split(separator: "\n")
            #expect(!lines.isEmpty)
            for line in lines {
                let object = try JSON(parsing: Data(line.utf8))
                #expect(object["time"]?.string != nil && object["level"]?.string != nil && object["message"]?.string != nil, "\(line)")
            }
            let logged = try lines.map { try JSON(parsing: Data($0.utf8)) }.first { $0["request_id"]?.string == "json-log-check" }
            #expect(logged?["path"]?.string == "/api/v1/users/me/")
            #expect(logged?["status"]?.string == "200")
            #expect(!server.log.contains(server.token))
        }
    }

    /// A handler that fails in an unexpected way logs the cause, never the request's token.
    @Test func anUnexpectedFailureLogsNoToken() async throws {
        let database = TestServer.temporarySQLitePath()
        let server = try await ServedProcess.start(database: database)
        defer { server.process.signal(SIGKILL) }
        let workspace = try #require(try await server.request(.GET, "/api/v1/workspaces/").body?["results"]?[0]?["id"]?.string)
        let group = try #require(
            try await server.request(.POST, "/api/v1/participant-groups/", json: #"{"name": "g", "workspace_id": "\#(workspace)"}"#)
                .body?["id"]?.string)
        // The database changed behind the server's back: a row it cannot read.
        let sqlite = try Process.run(
            URL(fileURLWithPath: "/usr/bin/sqlite3"),
            arguments: [database, "UPDATE participant_groups SET project_id = 'not an id' WHERE id = '\(group)'"])
        sqlite.waitUntilExit()
        let response = try await server.request(.PATCH, "/api/v1/participant-groups/\(group)/", json: #"{"name": "x"}"#)
        #expect(response.status == 500)
        #expect(response.body?["error"]?["error_code"]?.int == 50001)
        try await server.stop()
        #expect(server.errorLines.contains { $0.contains("request failed") }, "\(server.log)")
        #expect(!server.log.contains(server.token), "the token reached the log: \(server.errorLines)")
        #expect(!server.log.lowercased().contains("authorization"), "\(server.errorLines)")
    }
}
