import Testing

/// Bad input gets a clear error in Prolific's envelope, with a stable code, and changes nothing.
@Suite struct BadInputTests {
    /// A group with two members, and a check that it is still exactly that.
    struct Subject {
        let server: TestServer
        let id: String
        let snapshot: JSON

        static func make(_ server: TestServer) async throws -> Subject {
            let group = try await server.createGroup(name: "Untouched", members: [participant(1), participant(2)])
            let id = try #require(group["id"]?.string)
            return Subject(server: server, id: id, snapshot: try await server.group(id))
        }

        func expectUnchanged(sourceLocation: SourceLocation = #_sourceLocation) async throws {
            #expect(try await server.group(id) == snapshot, sourceLocation: sourceLocation)
            #expect(try await server.memberIDs(of: id) == [participant(1), participant(2)], sourceLocation: sourceLocation)
        }
    }

    @Test func malformedJSON() async throws {
        try await withServer { server in
            let subject = try await Subject.make(server)
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/\(subject.id)/participants/", json: #"{"participant_ids": ["#)
            #expect(response.status == 400)
            #expect(response.error?["error_code"]?.int == 40001)
            try await subject.expectUnchanged()
        }
    }

    @Test func aBodyThatIsNotAnObject() async throws {
        try await withServer { server in
            let subject = try await Subject.make(server)
            let response = try await server.request(.PATCH, "/api/v1/participant-groups/\(subject.id)/", json: "[]")
            #expect(response.status == 400)
            #expect(response.error?["error_code"]?.int == 40001)
            try await subject.expectUnchanged()
        }
    }

    @Test func aWrongTypeNamesTheField() async throws {
        try await withServer { server in
            let subject = try await Subject.make(server)
            let response = try await server.request(
                .PATCH, "/api/v1/participant-groups/\(subject.id)/", json: #"{"name": 42, "participant_ids": []}"#)
            #expect(response.status == 400)
            #expect(response.error?["error_code"]?.int == 40002)
            #expect(response.error?["detail"]?["name"]?.array?.isEmpty == false)
            try await subject.expectUnchanged()
        }
    }

    @Test func aMissingNameOnCreate() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/", json: #"{"workspace_id": "\#(workspace)"}"#)
            #expect(response.status == 400)
            #expect(response.error?["detail"]?["name"] == .array([.string("This field is required.")]))
            #expect(try await server.request(.GET, "/api/v1/participant-groups/?workspace_id=\(workspace)").json["meta"]?["count"]?.int == 0)
        }
    }

    @Test func nullWhereAFieldIsNotNullable() async throws {
        try await withServer { server in
            let subject = try await Subject.make(server)
            let patch = try await server.request(.PATCH, "/api/v1/participant-groups/\(subject.id)/", json: #"{"name": null}"#)
            #expect(patch.status == 400)
            #expect(patch.error?["detail"]?["name"] == .array([.string("This field may not be null.")]))
            let add = try await server.request(
                .POST, "/api/v1/participant-groups/\(subject.id)/participants/", json: #"{"participant_ids": null}"#)
            #expect(add.status == 400)
            #expect(add.error?["detail"]?["participant_ids"] != nil)
            let workspace = try await server.firstWorkspaceID()
            let create = try await server.request(
                .POST, "/api/v1/participant-groups/",
                json: #"{"name": "x", "workspace_id": "\#(workspace)", "organisation_id": null}"#)
            #expect(create.status == 400)
            #expect(create.error?["detail"]?["organisation_id"] != nil)
            try await subject.expectUnchanged()
        }
    }

    @Test func aBlankName() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/", json: #"{"name": "  ", "workspace_id": "\#(workspace)"}"#)
            #expect(response.status == 400)
            #expect(response.error?["detail"]?["name"] != nil)
        }
    }

    @Test func participantIDsThatAreNot24LowercaseHexAreEachNamed() async throws {
        try await withServer { server in
            let subject = try await Subject.make(server)
            let bad = ["5E9B9C9B0F9C9A0001B0B1F4", "abc", "5e9b9c9b0f9c9a0001b0b1f4x"]
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/\(subject.id)/participants/",
                json: #"{"participant_ids": ["\#(participant(3))", "\#(bad[0])", "\#(bad[1])", "\#(bad[2])"]}"#)
            #expect(response.status == 400)
            #expect(response.error?["error_code"]?.int == 40003)
            let listed = response.error?["detail"]?["participant_ids"]?.array ?? []
            let messages = listed.compactMap(\.string)
            #expect(messages.count == 3)
            for (entry, message) in zip(bad, messages) { #expect(message.contains(entry), "\(message)") }
            try await subject.expectUnchanged()
        }
    }

    @Test func badIDsOnCreateCreateNothing() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/",
                json: #"{"name": "x", "workspace_id": "\#(workspace)", "participant_ids": ["nope"]}"#)
            #expect(response.status == 400)
            #expect(response.error?["error_code"]?.int == 40003)
            #expect(try await server.request(.GET, "/api/v1/participant-groups/?workspace_id=\(workspace)").json["meta"]?["count"]?.int == 0)
        }
    }

    @Test func bothWorkspaceAndOrganisation() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let organisation = try #require(
                try await server.request(.GET, "/api/v1/workspaces/\(workspace)/").json["organisation_id"]?.string)
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/",
                json: #"{"name": "x", "workspace_id": "\#(workspace)", "organisation_id": "\#(organisation)"}"#)
            #expect(response.status == 400)
            #expect(response.error?["error_code"]?.int == 40004)
            #expect(try await server.request(.GET, "/api/v1/participant-groups/?workspace_id=\(workspace)").json["meta"]?["count"]?.int == 0)
        }
    }

    @Test(arguments: ["", "?active=true", "?workspace_id=&project_id="])
    func noScopeOnTheList(query: String) async throws {
        try await withServer { server in
            let response = try await server.request(.GET, "/api/v1/participant-groups/\(query)")
            #expect(response.status == 400)
            #expect(response.error?["error_code"]?.int == 40004)
        }
    }

    @Test func twoScopesOnTheList() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let response = try await server.request(
                .GET, "/api/v1/participant-groups/?workspace_id=\(workspace)&filter%5Bworkspace_id%5D=\(workspace)")
            #expect(response.status == 400)
            #expect(response.error?["error_code"]?.int == 40004)
        }
    }

    @Test(arguments: ["limit=abc", "limit=0", "offset=-1", "active=yes"])
    func badListParameters(query: String) async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let response = try await server.request(.GET, "/api/v1/participant-groups/?workspace_id=\(workspace)&\(query)")
            #expect(response.status == 400)
            #expect(response.error?["error_code"]?.int == 40002)
            let field = String(query.prefix { $0 != "=" })
            #expect(response.error?["detail"]?[field] != nil, "\(response.text)")
        }
    }

    @Test(arguments: [
        "/api/v1/participant-groups/5e9b9c9b0f9c9a0001b0b1f4/", "/api/v1/participant-groups/not-an-id/",
        "/api/v1/participant-groups/5e9b9c9b0f9c9a0001b0b1f4/participants/", "/api/v1/workspaces/5e9b9c9b0f9c9a0001b0b1f4/",
        "/api/v1/projects/5e9b9c9b0f9c9a0001b0b1f4/", "/api/v1/workspaces/5e9b9c9b0f9c9a0001b0b1f4/projects/",
        "/api/v1/no-such-resource/",
    ])
    func unknownIDsAnswer404(path: String) async throws {
        try await withServer { server in
            let response = try await server.request(.GET, path)
            #expect(response.status == 404)
            #expect(response.error?["error_code"]?.int == 40401)
        }
    }

    @Test func aWrongMethodAnswers405WithAllow() async throws {
        try await withServer { server in
            let subject = try await Subject.make(server)
            let response = try await server.request(.PUT, "/api/v1/participant-groups/\(subject.id)/", json: #"{"name": "x"}"#)
            #expect(response.status == 405)
            #expect(response.error?["error_code"]?.int == 40501)
            #expect(response.headers.first(name: "Allow") == "DELETE, GET, HEAD, PATCH")
            let onList = try await server.request(.DELETE, "/api/v1/workspaces/")
            #expect(onList.status == 405)
            #expect(onList.headers.first(name: "Allow") == "GET, HEAD, POST")
            let trace = try await server.request(.TRACE, "/api/v1/participant-groups/\(subject.id)/participants")
            #expect(trace.status == 405)
            let unknownMethod = try await server.request(.RAW(value: "QUERY"), "/health", token: .some(nil))
            #expect(unknownMethod.status == 405)
            #expect(unknownMethod.headers.first(name: "Allow") == "GET, HEAD")
            // A literal segment is its own path, not the parameter beside it (`studies/{id}`).
            let literal = try await server.request(.GET, "/api/v1/studies/predicted-recruitment-time/")
            #expect(literal.status == 405)
            #expect(literal.headers.first(name: "Allow") == "POST")
            try await subject.expectUnchanged()
        }
    }

    @Test func anOversizedBodyAnswers413() async throws {
        try await withServer(maxBodyBytes: 10_000) { server in
            let subject = try await Subject.make(server)
            let ids = (100..<1000).map(participant)
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/\(subject.id)/participants/",
                json: #"{"participant_ids": \#(jsonList(ids))}"#)
            #expect(response.status == 413)
            #expect(response.error?["error_code"]?.int == 41301)
            try await subject.expectUnchanged()
        }
    }

    @Test func anUnsupportedContentTypeAnswers415() async throws {
        try await withServer { server in
            let subject = try await Subject.make(server)
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/\(subject.id)/participants/",
                body: "participant_ids=\(participant(3))", contentType: "text/plain")
            #expect(response.status == 415)
            #expect(response.error?["error_code"]?.int == 41501)
            try await subject.expectUnchanged()
        }
    }

    @Test func aMissingOrUnknownTokenAnswers401() async throws {
        try await withServer { server in
            let subject = try await Subject.make(server)
            for token in [nil, "not-a-token"] as [String?] {
                let response = try await server.request(
                    .POST, "/api/v1/participant-groups/\(subject.id)/participants/",
                    json: #"{"participant_ids": ["\#(participant(3))"]}"#, token: .some(token))
                #expect(response.status == 401)
                #expect(response.error?["error_code"]?.int == 40101)
            }
            let bearer = try await server.request(
                .GET, "/api/v1/users/me/", token: .some(nil), headers: [("Authorization", "Bearer \(server.token)")])
            #expect(bearer.status == 401)
            try await subject.expectUnchanged()
        }
    }
}
