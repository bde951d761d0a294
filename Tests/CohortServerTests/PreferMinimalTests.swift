import Testing

/// `Prefer: return=minimal` on add, remove and PATCH: the count and what changed instead of the
/// whole membership or group; without it, Prolific's answers are unchanged.
@Suite struct PreferMinimalTests {
    @Test func addRemoveAndPatchAnswerASummaryWhenAsked() async throws {
        try await withServer { server in
            let id = try #require(try await server.createGroup(members: [participant(1), participant(2)])["id"]?.string)
            let minimal = [("Prefer", "return=minimal")]
            let added = try await server.request(
                .POST, "/api/v1/participant-groups/\(id)/participants/",
                json: #"{"participant_ids": \#(jsonList([participant(2), participant(3), participant(4)]))}"#, headers: minimal)
            #expect(added.status == 200)
            #expect(try added.json == .object(["participant_count": .number(4), "changed": .number(2)]))
            #expect(added.headers.first(name: "Preference-Applied") == "return=minimal")

            let removed = try await server.request(
                .DELETE, "/api/v1/participant-groups/\(id)/participants/",
                json: #"{"participant_ids": \#(jsonList([participant(1), participant(9)]))}"#,
                headers: [("Prefer", "handling=lenient, RETURN=minimal")])
            #expect(try removed.json == .object(["participant_count": .number(3), "changed": .number(1)]))

            let patched = try await server.request(
                .PATCH, "/api/v1/participant-groups/\(id)/", json: #"{"participant_ids": \#(jsonList([participant(4), participant(5)]))}"#,
                headers: minimal)
            #expect(try patched.json == .object(["participant_count": .number(2), "changed": .number(3)]))
            #expect(try await server.memberIDs(of: id) == [participant(4), participant(5)])
        }
    }

    @Test func withoutThePreferenceTheAnswersAreProlifics() async throws {
        try await withServer { server in
            let id = try #require(try await server.createGroup()["id"]?.string)
            let added = try await server.request(
                .POST, "/api/v1/participant-groups/\(id)/participants/", json: #"{"participant_ids": ["\#(participant(1))"]}"#,
                headers: [("Prefer", "return=representation")])
            #expect(try added.json["results"]?.array?.count == 1)
            #expect(added.headers.first(name: "Preference-Applied") == nil)
            let patched = try await server.request(.PATCH, "/api/v1/participant-groups/\(id)/", json: #"{"name": "n"}"#)
            #expect(try patched.json["name"]?.string == "n")
        }
    }
}
