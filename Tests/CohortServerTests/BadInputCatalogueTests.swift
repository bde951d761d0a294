import Foundation
import Testing

/// Hostile and broken input, as a table: malformed HTTP on raw sockets, broken bodies, and the
/// usual bad JSON. Each case must get its 4xx in Prolific's envelope (or, for a client that hangs
/// up, no answer and no error in the log), within seconds, and change nothing; afterwards the
/// server still answers and its log holds neither the token nor an error line.
@Suite struct BadInputCatalogueTests {
    /// What a case sends and what it must get back.
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let request: Request
        /// The status, and the envelope's `error_code`; `nil` status: no answer is owed (the
        /// client hung up), only that the server stays well.
        let status: Int?
        let errorCode: Int?
        /// Whether the server must close the connection after answering.
        var closes = false

        var description: String { name }

        enum Request: Sendable {
            /// Raw bytes in parts, a pause between them; then half-close, or close at once.
            case raw([[UInt8]], halfClose: Bool = false, hangUp: Bool = false)
            /// An HTTP request with a JSON-ish body as given.
            case http(method: HTTPMethodName, path: String, body: [UInt8]?, contentType: String?)
        }
    }

    /// `{PATH}` in a case stands for the subject group's members path, `{TOKEN}` for the token.
    static func raw(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let head = "Host: cohort\r\nAuthorization: Token {TOKEN}\r\n"

    static let cases: [Case] = [
        // The request head: malformed, too large, or not HTTP/1.1 at all.
        Case(name: "a bad method name", request: .raw([raw("G@T {PATH} HTTP/1.1\r\n\(head)\r\n")]), status: 400, errorCode: 40007, closes: true),
        Case(name: "a header line without a colon", request: .raw([raw("GET {PATH} HTTP/1.1\r\n\(head)NoColonHere\r\n\r\n")]), status: 400, errorCode: 40007, closes: true),
        Case(name: "a bare CR in a header", request: .raw([raw("GET {PATH} HTTP/1.1\r\n\(head)X-A: a\rb\r\n\r\n")]), status: 400, errorCode: 40007, closes: true),
        Case(name: "a NUL in a header", request: .raw([raw("GET {PATH} HTTP/1.1\r\n\(head)X-A: a\u{0}b\r\n\r\n")]), status: 400, errorCode: 40007, closes: true),
        Case(name: "obsolete line folding", request: .raw([raw("GET {PATH} HTTP/1.1\r\n\(head)X-A: a\r\n  b\r\n\r\n")]), status: 400, errorCode: 40007, closes: true),
        Case(name: "a Content-Length that is not a number", request: .raw([raw("POST {PATH} HTTP/1.1\r\n\(head)Content-Type: application/json\r\nContent-Length: abc\r\n\r\n")]), status: 400, errorCode: 40007, closes: true),
        Case(name: "two different Content-Lengths", request: .raw([raw("POST {PATH} HTTP/1.1\r\n\(head)Content-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{}   ")]), status: 400, errorCode: 40007, closes: true),
        Case(name: "Content-Length and Transfer-Encoding both", request: .raw([raw("POST {PATH} HTTP/1.1\r\n\(head)Content-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")]), status: 400, errorCode: 40007, closes: true),
        Case(name: "a transfer coding other than chunked", request: .raw([raw("POST {PATH} HTTP/1.1\r\n\(head)Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n\r\nxxxxx")]), status: 400, errorCode: 40007, closes: true),
        Case(name: "a 100 KB request line", request: .raw([raw("GET {PATH}?after=" + String(repeating: "a", count: 100_000) + " HTTP/1.1\r\n\(head)\r\n")]), status: 400, errorCode: 40007, closes: true),
        Case(name: "1 MB of headers", request: .raw([raw("GET {PATH} HTTP/1.1\r\n\(head)" + (0..<1000).map { "X-H\($0): " + String(repeating: "v", count: 1000) + "\r\n" }.joined() + "\r\n")]), status: 400, errorCode: 40007, closes: true),
        Case(name: "an HTTP/2 preface", request: .raw([raw("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")]), status: 400, errorCode: 40007, closes: true),
        Case(name: "a TLS ClientHello", request: .raw([[0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03] + [UInt8](repeating: 0, count: 64)]), status: 400, errorCode: 40007, closes: true),
        // The body: broken framing, stopping short, or too large.
        Case(name: "a chunk size that is not hex", request: .raw([raw("POST {PATH} HTTP/1.1\r\n\(head)Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"par\r\nzz\r\n")]), status: 400, errorCode: 40001, closes: true),
        Case(name: "a body shorter than its Content-Length, then a half-close", request: .raw([raw("POST {PATH} HTTP/1.1\r\n\(head)Content-Type: application/json\r\nContent-Length: 40\r\n\r\n"), raw("{\"participant_ids\": [")], halfClose: true), status: 400, errorCode: 40001, closes: true),
        Case(name: "Expect: 100-continue, then a close", request: .raw([raw("POST {PATH} HTTP/1.1\r\n\(head)Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 40\r\n\r\n")], hangUp: true), status: nil, errorCode: nil),
        Case(name: "Expect: 100-continue, then a truncated body", request: .raw([raw("POST {PATH} HTTP/1.1\r\n\(head)Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 40\r\n\r\n"), raw("{\"participant_ids\"")], halfClose: true), status: 400, errorCode: 40001, closes: true),
        Case(name: "a declared chunk of 2^64-1 bytes", request: .raw([raw("POST {PATH} HTTP/1.1\r\n\(head)Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n")]), status: 413, errorCode: 41301, closes: true),
        Case(name: "a declared Content-Length of 1 GB", request: .raw([raw("POST {PATH} HTTP/1.1\r\n\(head)Content-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n")]), status: 413, errorCode: 41301),
        // The usual bad JSON.
        Case(name: "malformed JSON", request: json(#"{"participant_ids": [}"#), status: 400, errorCode: 40001),
        Case(name: "truncated JSON", request: json(#"{"participant_ids": ["5e9b9c9b0f9c9a"#), status: 400, errorCode: 40001),
        Case(name: "a wrong type", request: json(#"{"participant_ids": "5e9b9c9b0f9c9a0001b0b1f4"}"#), status: 400, errorCode: 40002),
        Case(name: "null for the list", request: json(#"{"participant_ids": null}"#), status: 400, errorCode: 40002),
        Case(name: "a number for an id", request: json(#"{"participant_ids": [1e999]}"#), status: 400, errorCode: 40002),
        Case(name: "deep nesting", request: json(#"{"participant_ids": "# + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"), status: 400, errorCode: 40001),
        Case(name: "a 50 MB body", request: .http(method: .POST, path: "{PATH}", body: [UInt8](repeating: 0x20, count: 50 * 1024 * 1024), contentType: "application/json"), status: 413, errorCode: 41301),
        Case(name: "ids that are not ids", request: json(#"{"participant_ids": ["5E9B9C9B0F9C9A0001B0B1F4", "../../etc/passwd"]}"#), status: 400, errorCode: 40003),
        Case(name: "SQL in an id", request: json(#"{"participant_ids": ["' OR 1=1; DROP TABLE memberships; --"]}"#), status: 400, errorCode: 40003),
        Case(name: "a raw control character in a string", request: json("{\"participant_ids\": [\"a\u{7}b\"]}"), status: 400, errorCode: 40001),
        Case(name: "a NUL in a name", request: .http(method: .PATCH, path: "{GROUP}", body: raw(#"{"name": "nul\u0000inside"}"#), contentType: "application/json"), status: 400, errorCode: 40002),
        Case(name: "a NUL in a description", request: .http(method: .PATCH, path: "{GROUP}", body: raw(#"{"description": "a\u0000"}"#), contentType: "application/json"), status: 400, errorCode: 40002),
        Case(name: "text/plain", request: .http(method: .POST, path: "{PATH}", body: raw(#"{"participant_ids": []}"#), contentType: "text/plain"), status: 415, errorCode: 41501),
        Case(name: "XML", request: .http(method: .POST, path: "{PATH}", body: raw("<participant_ids/>"), contentType: "application/xml"), status: 415, errorCode: 41501),
        Case(name: "no Content-Type", request: .http(method: .POST, path: "{PATH}", body: raw(#"{"participant_ids": ["5e9b9c9b0f9c9a0001b0b1f4"]}"#), contentType: nil), status: 415, errorCode: 41501),
        // Paths.
        Case(name: "path traversal", request: .raw([raw("GET /api/v1/participant-groups/../../../../etc/passwd HTTP/1.1\r\n\(head)\r\n")]), status: 404, errorCode: 40401),
        Case(name: "encoded path traversal", request: .raw([raw("GET /api/v1/participant-groups/%2e%2e%2f%2e%2e%2fetc%2fpasswd/ HTTP/1.1\r\n\(head)\r\n")]), status: 404, errorCode: 40401),
        Case(name: "SQL in a path id", request: .raw([raw("GET /api/v1/participant-groups/1'%20OR%20'1'='1/ HTTP/1.1\r\n\(head)\r\n")]), status: 404, errorCode: 40401),
        Case(name: "SQL in a query", request: .raw([raw("GET /api/v1/participant-groups/?workspace_id='%20OR%201=1-- HTTP/1.1\r\n\(head)\r\n")]), status: 404, errorCode: 40401),
        Case(name: "a huge limit", request: .raw([raw("GET {PATH}?limit=99999999999999999999999 HTTP/1.1\r\n\(head)\r\n")]), status: 400, errorCode: 40002),
    ]

    static func json(_ text: String) -> Case.Request {
        .http(method: .POST, path: "{PATH}", body: raw(text), contentType: "application/json")
    }

    @Test func everyCaseIsAnsweredInTheEnvelopeAndChangesNothing() async throws {
        try await withServedProcess { server in
            let workspace = try #require(try await server.request(.GET, "/api/v1/workspaces/").body?["results"]?[0]?["id"]?.string)
            let created = try await server.request(
                .POST, "/api/v1/participant-groups/",
                json: #"{"name": "Untouched", "workspace_id": "\#(workspace)", "participant_ids": \#(jsonList([participant(1), participant(2)]))}"#)
            let group = try #require(created.body?["id"]?.string)
            let groupPath = "/api/v1/participant-groups/\(group)/"
            let snapshot = try await server.request(.GET, groupPath).body
            let members = try await server.request(.GET, groupPath + "participants/").body

            for entry in Self.cases {
                let reply = try await Self.send(entry.request, to: server, group: groupPath, untilClosed: entry.closes)
                if let status = entry.status {
                    #expect(reply.status == status, "\(entry): \(reply)")
                    #expect(reply.errorCode == entry.errorCode, "\(entry): \(reply)")
                    #expect(reply.json?["error"]?["title"]?.string != nil, "\(entry): not the envelope: \(reply)")
                    #expect(reply.text.contains("application/json"), "\(entry): \(reply)")
                    if entry.closes { #expect(reply.end == .eof, "\(entry): the connection stayed open: \(reply)") }
                }
                #expect(reply.end != .timeout || entry.status == nil, "\(entry): no answer within the time: \(reply)")
                #expect(try await server.request(.GET, groupPath).body == snapshot, "\(entry) changed the group")
                #expect(try await server.request(.GET, groupPath + "participants/").body == members, "\(entry) changed the members")
            }
            #expect(try await server.request(.GET, "/api/v1/users/me/").status == 200)
            try await server.stop()
            #expect(!server.log.contains(server.token), "the token reached the log")
            #expect(server.errorLines.isEmpty, "error lines: \(server.errorLines.joined(separator: "\n"))")
        }
    }

    /// Sends a case's request and reads the reply until the server closes (or, for a connection
    /// that stays open, until a whole response has come).
    static func send(_ request: Case.Request, to server: ServedProcess, group: String, untilClosed: Bool) async throws
        -> RawSocket.Reply
    {
        func fill(_ bytes: [UInt8]) -> [UInt8] {
            // The large bodies hold no placeholders, and would take long to search.
            guard bytes.count < 1 << 20 else { return bytes }
            return Array(
                String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "{PATH}", with: group + "participants/")
                    .replacingOccurrences(of: "{GROUP}", with: group).replacingOccurrences(of: "{TOKEN}", with: server.token)
                    .utf8)
        }
        let port = server.port
        switch request {
        case .raw(let parts, let halfClose, let hangUp):
            let parts = parts.map(fill)
            return try await RawSocket.offThePool {
                let socket = try RawSocket(port: port)
                for (index, part) in parts.enumerated() {
                    if index > 0 { Thread.sleep(forTimeInterval: 0.1) }
                    socket.send(part)
                }
                if hangUp { return RawSocket.Reply(bytes: [], end: .eof, seconds: 0) }
                if halfClose { socket.halfClose() }
                // A reply that must end the connection is read to its end; others to the response's.
                return untilClosed ? socket.readToEnd(timeout: 10) : socket.readResponse(timeout: 10)
            }
        case .http(let method, let path, let body, let contentType):
            var head = "\(method.rawValue) \(fill(Array(path.utf8)).string) HTTP/1.1\r\nHost: cohort\r\nAuthorization: Token \(server.token)\r\n"
            if let contentType { head += "Content-Type: \(contentType)\r\n" }
            head += "Content-Length: \(body?.count ?? 0)\r\nConnection: close\r\n\r\n"
            let bytes = Array(head.utf8) + fill(body ?? [])
            return try await RawSocket.offThePool {
                let socket = try RawSocket(port: port)
                socket.send(bytes)
                return socket.readToEnd(timeout: 20)
            }
        }
    }
}

extension [UInt8] {
    var string: String { String(decoding: self, as: UTF8.self) }
}
