import Foundation
import Testing

/// Keyset paging and streaming of the members list.
@Suite struct MemberPagingTests {
    /// A group of `count` members added in one request, so they share a join time and list in
    /// participant id order.
    func group(_ server: TestServer, count: Int) async throws -> String {
        let id = try #require(try await server.createGroup()["id"]?.string)
        let added = try await server.request(
            .POST, "/api/v1/participant-groups/\(id)/participants/",
            json: #"{"participant_ids": \#(jsonList((0..<count).map(participant)))}"#, headers: [("Prefer", "return=minimal")])
        try #require(added.status == 200)
        return id
    }

    @Test func pagesWithoutAnOffsetAreLinkedByCursorToTheEnd() async throws {
        try await withServer { server in
            let id = try await group(server, count: 11)
            var next: String? = "\(server.baseURL)/api/v1/participant-groups/\(id)/participants/?limit=4"
            var seen: [String] = []
            var pages = 0
            while let url = next {
                let page = try await server.request(.GET, String(url.dropFirst(server.baseURL.count))).json
                seen += page["results"]?.array?.compactMap { $0["participant_id"]?.string } ?? []
                #expect(page["meta"]?["count"]?.int == 11)
                #expect(page["_links"]?["previous"]?["href"]?.isNull == true)
                next = page["_links"]?["next"]?["href"]?.string
                if let next { #expect(next.contains("after=") && !next.contains("offset=")) }
                pages += 1
            }
            #expect(pages == 3)
            #expect(seen == (0..<11).map(participant))
        }
    }

    @Test func aCursorPageEqualsTheOffsetPageAtTheSamePlace() async throws {
        try await withServer { server in
            let id = try await group(server, count: 30)
            let first = try await server.request(.GET, "/api/v1/participant-groups/\(id)/participants/?limit=20").json
            let href = try #require(first["_links"]?["next"]?["href"]?.string)
            let byCursor = try await server.request(.GET, String(href.dropFirst(server.baseURL.count))).json
            let byOffset = try await server.request(.GET, "/api/v1/participant-groups/\(id)/participants/?limit=20&offset=20").json
            #expect(byCursor["results"] == byOffset["results"])
            #expect(byCursor["results"]?.array?.count == 10)
            #expect(byCursor["_links"]?["next"]?["href"]?.isNull == true)
            #expect(byOffset["_links"]?["previous"]?["href"]?.string?.contains("offset=0") == true)
        }
    }

    @Test func badCursorsAndACursorWithAnOffsetAreRefused() async throws {
        try await withServer { server in
            let id = try await group(server, count: 3)
            for query in ["after=not-a-cursor", "after=bTEuMQ", "after=bTEuMQ&offset=1"] {
                let response = try await server.request(.GET, "/api/v1/participant-groups/\(id)/participants/?\(query)")
                #expect(response.status == 400, "\(query)")
                #expect(response.error?["detail"]?["after"] != nil, "\(query): \(response.text)")
            }
        }
    }

    @Test func aGroupLargerThanOneSliceIsStreamedWholeAndInOrder() async throws {
        try await withServer { server in
            let count = 12_345
            let id = try await group(server, count: count)
            let all = try await server.request(.GET, "/api/v1/participant-groups/\(id)/participants/")
            #expect(all.headers.first(name: "Content-Length") == nil, "a streamed answer has no length up front")
            let body = try all.json
            let ids = body["results"]?.array?.compactMap { $0["participant_id"]?.string } ?? []
            #expect(ids == (0..<count).map(participant))
            #expect(body["meta"]?["count"]?.int == count)
            let window = try await server.request(.GET, "/api/v1/participant-groups/\(id)/participants/?limit=6000&offset=4000").json
            #expect(window["results"]?.array?.compactMap { $0["participant_id"]?.string } == (4000..<10_000).map(participant))
        }
    }

    @Test func anUnknownGroupIsA404BeforeAnythingIsStreamed() async throws {
        try await withServer { server in
            let response = try await server.request(.GET, "/api/v1/participant-groups/5e9b9c9b0f9c9a0001b0b1f4/participants/")
            #expect(response.status == 404)
            #expect(response.error?["error_code"]?.int == 40401)
        }
    }
}
