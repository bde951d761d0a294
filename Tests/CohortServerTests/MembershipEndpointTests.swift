import Foundation
import Testing

/// Listing, adding and removing the members of a group.
@Suite struct MembershipEndpointTests {
    /// The request on the documentation page the project started from, byte for byte, with only
    /// the placeholder `id` in the path replaced by a real group id.
    @Test func theSeedPagesCurlExampleWorksVerbatim() async throws {
        try await withServer { server in
            let id = try #require(try await server.createGroup()["id"]?.string)
            let body = """
                {
                "participant_ids": [
                "5e9b9c9b0f9c9a0001b0b1f4",
                "5e9b9c9b0f9c9a0001b0b1f5",
                "5e9b9c9b0f9c9a0001b0b1f6"
                ]
                }
                """
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/\(id)/participants/", json: body, contentType: "application/json")
            #expect(response.status == 200)
            let results = try #require(try response.json["results"]?.array)
            #expect(results.compactMap { $0["participant_id"]?.string } == [
                "5e9b9c9b0f9c9a0001b0b1f4", "5e9b9c9b0f9c9a0001b0b1f5", "5e9b9c9b0f9c9a0001b0b1f6",
            ])
            for result in results {
                #expect(Set(result.object?.keys.map { $0 } ?? []) == ["participant_id", "datetime_created"])
                #expect(RFC3339.isUTCSeconds(result["datetime_created"]?.string), "\(result)")
            }
        }
    }

    @Test func addIsASetAddThatKeepsTheFirstDatetimeCreated() async throws {
        try await withServer { server in
            let id = try #require(try await server.createGroup(members: [participant(1)])["id"]?.string)
            let before = try await server.request(.GET, "/api/v1/participant-groups/\(id)/participants/").json
            let firstAdded = try #require(before["results"]?[0]?["datetime_created"]?.string)
            try await Task.sleep(for: .milliseconds(1100))
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/\(id)/participants/",
                json: #"{"participant_ids": ["\#(participant(2))", "\#(participant(1))", "\#(participant(2))"]}"#)
            #expect(response.status == 200)
            let results = try #require(try response.json["results"]?.array)
            #expect(results.compactMap { $0["participant_id"]?.string } == [participant(1), participant(2)])
            #expect(results[0]["datetime_created"]?.string == firstAdded)
            #expect(results[1]["datetime_created"]?.string != firstAdded)
            #expect(try await server.group(id)["participant_count"]?.int == 2)
            // The streamed list writes each member's own date, not the one before it.
            let listed = try #require(
                try await server.request(.GET, "/api/v1/participant-groups/\(id)/participants/").json["results"]?.array)
            #expect(listed.compactMap { $0["datetime_created"]?.string } == results.compactMap { $0["datetime_created"]?.string })
        }
    }

    @Test func removeTakesIDsInTheDeleteBodyIgnoresNonMembersAndAnswersTheRest() async throws {
        try await withServer { server in
            let id = try #require(
                try await server.createGroup(members: [participant(1), participant(2), participant(3)])["id"]?.string)
            let response = try await server.request(
                .DELETE, "/api/v1/participant-groups/\(id)/participants/",
                json: #"{"participant_ids": ["\#(participant(2))", "\#(participant(9))"]}"#)
            #expect(response.status == 200)
            #expect(try response.json["results"]?.array?.compactMap { $0["participant_id"]?.string } == [
                participant(1), participant(3),
            ])
            #expect(try await server.group(id)["participant_count"]?.int == 2)
        }
    }

    @Test func membersAreListedByTimeThenIDAndPageWithLimitAndOffset() async throws {
        try await withServer { server in
            let id = try #require(try await server.createGroup(members: [participant(5), participant(3)])["id"]?.string)
            try await Task.sleep(for: .milliseconds(1100))
            _ = try await server.request(
                .POST, "/api/v1/participant-groups/\(id)/participants/",
                json: #"{"participant_ids": ["\#(participant(1))", "\#(participant(4))"]}"#)
            #expect(try await server.memberIDs(of: id) == [participant(3), participant(5), participant(1), participant(4)])
            let page = try await server.request(.GET, "/api/v1/participant-groups/\(id)/participants/?limit=2&offset=1").json
            #expect(page["results"]?.array?.compactMap { $0["participant_id"]?.string } == [participant(5), participant(1)])
            #expect(page["meta"]?["count"]?.int == 4)
            #expect(page["_links"]?["next"]?["href"]?.string
                == "\(server.baseURL)/api/v1/participant-groups/\(id)/participants/?limit=2&offset=3")
        }
    }

    @Test func withoutALimitEveryMemberIsReturned() async throws {
        try await withServer { server in
            let members = (0..<1500).map(participant)
            let id = try #require(try await server.createGroup(members: members)["id"]?.string)
            let body = try await server.request(.GET, "/api/v1/participant-groups/\(id)/participants/").json
            #expect(body["results"]?.array?.count == 1500)
            #expect(body["meta"]?["count"]?.int == 1500)
            #expect(body["_links"]?["next"]?["href"]?.isNull == true)
        }
    }
}

enum RFC3339 {
    /// `YYYY-MM-DDTHH:MM:SSZ`, parseable, in UTC.
    static func isUTCSeconds(_ text: String?) -> Bool {
        guard let text, text.count == 20, text.hasSuffix("Z") else { return false }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text) != nil
    }
}
