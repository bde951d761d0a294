import Testing

/// `users/me` and test participants.
@Suite struct UserEndpointTests {
    @Test func usersMeNamesTheCaller() async throws {
        try await withServer { server in
            let response = try await server.request(.GET, "/api/v1/users/me/")
            #expect(response.status == 200)
            let me = try response.json
            #expect(ObjectIDShape.matches(me["id"]?.string))
            #expect(me["email"]?.string == "researcher@cohort.local")
            #expect(me["name"]?.string?.isEmpty == false)
            let other = try await server.addResearcher(email: "Grace@Example.org")
            let them = try await server.request(.GET, "/api/v1/users/me/", token: .some(other)).json
            #expect(them["email"]?.string == "grace@example.org")
            #expect(them["name"]?.string == "grace")
            #expect(them["first_name"]?.string == "grace")
            #expect(them["last_name"]?.string == "")
            #expect(them["id"] != me["id"])
            // The official Go CLI prints first_name and last_name.
            let ada = try await server.addResearcher(email: "ada@example.org", name: "Ada King Lovelace")
            let named = try await server.request(.GET, "/api/v1/users/me/", token: .some(ada)).json
            #expect(named["first_name"]?.string == "Ada")
            #expect(named["last_name"]?.string == "King Lovelace")
        }
    }

    @Test func aTestParticipantGetsAnIDThatGroupsAccept() async throws {
        try await withServer { server in
            let response = try await server.request(
                .POST, "/api/v1/researchers/participants/", json: #"{"email": "tester@example.org"}"#)
            #expect(response.status == 201, "\(response.text)")
            let id = try #require(try response.json["participant_id"]?.string)
            #expect(ObjectIDShape.matches(id))
            let group = try #require(try await server.createGroup(members: [id])["id"]?.string)
            #expect(try await server.memberIDs(of: group) == [id])
            let again = try await server.request(
                .POST, "/api/v1/researchers/participants/", json: #"{"email": "Tester@example.org"}"#)
            #expect(again.status == 400)
            #expect(again.error?["error_code"]?.int == 40006)
            let invalid = try await server.request(.POST, "/api/v1/researchers/participants/", json: #"{"email": "nope"}"#)
            #expect(invalid.status == 400)
            #expect(invalid.error?["detail"]?["email"] != nil)
        }
    }
}
