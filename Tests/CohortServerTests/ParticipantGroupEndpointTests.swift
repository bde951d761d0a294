import Testing

/// The participant-group endpoints, driven over HTTP as a Prolific client would.
@Suite struct ParticipantGroupEndpointTests {
    @Test func createReturns201WithEveryFieldOfTheDocumentsParticipantGroup() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/",
                json: #"{"name": "Follow-up wave", "workspace_id": "\#(workspace)", "description": "Took part in wave 1", "participant_ids": ["\#(participant(1))", "\#(participant(2))", "\#(participant(1))"]}"#)
            #expect(response.status == 201)
            let group = try response.json
            let keys = Set(group.object?.keys.map { $0 } ?? [])
            #expect(keys == [
                "id", "name", "project_id", "workspace_id", "organisation_id", "description", "participant_count",
                "is_deleted", "feeder_studies",
            ])
            #expect(ObjectIDShape.matches(group["id"]?.string))
            #expect(group["name"]?.string == "Follow-up wave")
            #expect(group["workspace_id"]?.string == workspace)
            #expect(group["project_id"]?.isNull == true)
            #expect(group["organisation_id"]?.isNull == true)
            #expect(group["description"]?.string == "Took part in wave 1")
            #expect(group["participant_count"]?.int == 2)
            #expect(group["is_deleted"]?.bool == false)
            #expect(group["feeder_studies"] == .array([]))
        }
    }

    @Test func getReturnsTheGroupAsCreated() async throws {
        try await withServer { server in
            let created = try await server.createGroup(name: "Blocklist", members: [participant(7)])
            let id = try #require(created["id"]?.string)
            let response = try await server.request(.GET, "/api/v1/participant-groups/\(id)/")
            #expect(response.status == 200)
            #expect(try response.json == created)
        }
    }

    @Test func listByWorkspaceReturnsResultsMetaAndLinks() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let first = try await server.createGroup(name: "A")
            let second = try await server.createGroup(name: "B")
            let response = try await server.request(
                .GET, "/api/v1/participant-groups/?workspace_id=\(workspace)&limit=200&offset=0")
            #expect(response.status == 200)
            let body = try response.json
            #expect(body["results"]?.array == [first, second])
            #expect(body["meta"]?["count"]?.int == 2)
            let links = try #require(body["_links"])
            for name in ["self", "next", "previous", "last"] {
                #expect(links[name]?["title"]?.string != nil, "link \(name) has a title")
            }
            #expect(links["self"]?["href"]?.string == "\(server.baseURL)/api/v1/participant-groups/?workspace_id=\(workspace)&limit=200&offset=0")
            #expect(links["next"]?["href"]?.isNull == true)
            #expect(links["previous"]?["href"]?.isNull == true)
        }
    }

    @Test(arguments: ["workspace_id", "filter[workspace_id]", "filter%5Bworkspace_id%5D"])
    func listAcceptsEveryWorkspaceSpelling(parameter: String) async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let group = try await server.createGroup()
            let response = try await server.request(.GET, "/api/v1/participant-groups/?\(parameter)=\(workspace)")
            #expect(response.status == 200, "\(response.text)")
            #expect(try response.json["results"]?.array == [group])
        }
    }

    @Test func listPagesWithLimitAndOffsetAndLinksToTheOtherPages() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            var ids: [String] = []
            for index in 0..<5 { ids.append(try #require(try await server.createGroup(name: "G\(index)")["id"]?.string)) }
            let path = "/api/v1/participant-groups/?workspace_id=\(workspace)&limit=2&offset=2"
            let body = try await server.request(.GET, path).json
            #expect(body["results"]?.array?.compactMap { $0["id"]?.string } == Array(ids[2..<4]))
            #expect(body["meta"]?["count"]?.int == 5)
            let base = "\(server.baseURL)/api/v1/participant-groups/?workspace_id=\(workspace)&limit=2"
            #expect(body["_links"]?["next"]?["href"]?.string == base + "&offset=4")
            #expect(body["_links"]?["previous"]?["href"]?.string == base + "&offset=0")
            #expect(body["_links"]?["last"]?["href"]?.string == base + "&offset=4")
            let last = try await server.request(.GET, "/api/v1/participant-groups/?workspace_id=\(workspace)&limit=2&offset=4").json
            #expect(last["results"]?.array?.compactMap { $0["id"]?.string } == [ids[4]])
            #expect(last["_links"]?["next"]?["href"]?.isNull == true)
        }
    }

    @Test func activeFiltersLiveAndDeletedGroups() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let live = try #require(try await server.createGroup(name: "live")["id"]?.string)
            let gone = try #require(try await server.createGroup(name: "gone")["id"]?.string)
            #expect(try await server.request(.DELETE, "/api/v1/participant-groups/\(gone)/").status == 204)
            func ids(_ query: String) async throws -> [String] {
                try await server.request(.GET, "/api/v1/participant-groups/?workspace_id=\(workspace)\(query)")
                    .json["results"]?.array?.compactMap { $0["id"]?.string } ?? []
            }
            #expect(try await ids("") == [live, gone])
            #expect(try await ids("&active=true") == [live])
            #expect(try await ids("&active=false") == [gone])
        }
    }

    @Test func patchRenamesDescribesAndReplacesTheMembership() async throws {
        try await withServer { server in
            let id = try #require(try await server.createGroup(members: [participant(1), participant(2)])["id"]?.string)
            let response = try await server.request(
                .PATCH, "/api/v1/participant-groups/\(id)/",
                json: #"{"name": "Renamed", "description": "now with 2 and 3", "participant_ids": ["\#(participant(2))", "\#(participant(3))"]}"#)
            #expect(response.status == 200)
            let group = try response.json
            #expect(group["name"]?.string == "Renamed")
            #expect(group["description"]?.string == "now with 2 and 3")
            #expect(group["participant_count"]?.int == 2)
            #expect(try await server.memberIDs(of: id) == [participant(2), participant(3)])
            #expect(try await server.group(id) == group)
        }
    }

    @Test func patchWithDescriptionNullClearsItAndLeavingItOutKeepsIt() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let created = try await server.request(
                .POST, "/api/v1/participant-groups/",
                json: #"{"name": "Described", "workspace_id": "\#(workspace)", "description": "first"}"#)
            let id = try #require(try created.json["id"]?.string)
            let renamed = try await server.request(.PATCH, "/api/v1/participant-groups/\(id)", json: #"{"name": "Still described"}"#)
            #expect(try renamed.json["description"]?.string == "first")
            let cleared = try await server.request(.PATCH, "/api/v1/participant-groups/\(id)", json: #"{"description": null}"#)
            #expect(cleared.status == 200)
            #expect(try cleared.json["description"]?.isNull == true)
            #expect(try await server.group(id)["description"]?.isNull == true)
        }
    }

    @Test func patchWithoutParticipantIDsLeavesTheMembershipAlone() async throws {
        try await withServer { server in
            let id = try #require(try await server.createGroup(members: [participant(1)])["id"]?.string)
            let response = try await server.request(.PATCH, "/api/v1/participant-groups/\(id)/", json: #"{"name": "Only the name"}"#)
            #expect(response.status == 200)
            #expect(try response.json["participant_count"]?.int == 1)
            #expect(try await server.memberIDs(of: id) == [participant(1)])
        }
    }

    @Test func deleteIsSoftAnswers204WithAnEmptyBodyAndTheGroupStillAnswers() async throws {
        try await withServer { server in
            let id = try #require(try await server.createGroup(members: [participant(1)])["id"]?.string)
            let response = try await server.request(.DELETE, "/api/v1/participant-groups/\(id)/")
            #expect(response.status == 204)
            #expect(response.body.isEmpty)
            let group = try await server.group(id)
            #expect(group["is_deleted"]?.bool == true)
            #expect(group["participant_count"]?.int == 1)
            #expect(try await server.request(.DELETE, "/api/v1/participant-groups/\(id)/").status == 204)
        }
    }

    /// DECISIONS.md: deletion only sets `is_deleted`, as on Prolific, so a deleted group takes
    /// PATCH, add and remove like a live one (clients rename a deleted group before making a new
    /// one of the same name) and never comes back to life.
    @Test func aDeletedGroupTakesWritesAndStaysDeleted() async throws {
        try await withServer { server in
            let id = try #require(try await server.createGroup(members: [participant(1), participant(2)])["id"]?.string)
            #expect(try await server.request(.DELETE, "/api/v1/participant-groups/\(id)/").status == 204)
            let renamed = try await server.request(
                .PATCH, "/api/v1/participant-groups/\(id)/", json: #"{"name": "Wave 1 (old)", "description": "retired"}"#)
            #expect(renamed.status == 200, "\(renamed.text)")
            #expect(try renamed.json["name"]?.string == "Wave 1 (old)")
            #expect(try renamed.json["is_deleted"]?.bool == true)
            let added = try await server.request(
                .POST, "/api/v1/participant-groups/\(id)/participants/",
                json: #"{"participant_ids": ["\#(participant(9))"]}"#)
            #expect(added.status == 200, "\(added.text)")
            let removed = try await server.request(
                .DELETE, "/api/v1/participant-groups/\(id)/participants/",
                json: #"{"participant_ids": ["\#(participant(1))"]}"#)
            #expect(removed.status == 200, "\(removed.text)")
            #expect(try await server.request(.DELETE, "/api/v1/participant-groups/\(id)/").status == 204)
            let group = try await server.group(id)
            #expect(group["is_deleted"]?.bool == true)
            #expect(group["name"]?.string == "Wave 1 (old)")
            #expect(group["participant_count"]?.int == 2)
            #expect(try await server.memberIDs(of: id) == [participant(2), participant(9)])
        }
    }

    @Test func createWithDeprecatedProjectIDPlacesTheGroupInThatProjectsWorkspace() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let project = try #require(
                try await server.request(.POST, "/api/v1/workspaces/\(workspace)/projects/", json: #"{"title": "Study A"}"#)
                    .json["id"]?.string)
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/", json: #"{"name": "Through a project", "project_id": "\#(project)"}"#)
            #expect(response.status == 201, "\(response.text)")
            let group = try response.json
            #expect(group["workspace_id"]?.string == workspace)
            #expect(group["project_id"]?.string == project)
            let listed = try await server.request(.GET, "/api/v1/participant-groups/?project_id=\(project)").json
            #expect(listed["results"]?.array == [group])
            let filtered = try await server.request(.GET, "/api/v1/participant-groups/?filter%5Bproject_id%5D=\(project)").json
            #expect(filtered["results"]?.array == [group])
        }
    }

    @Test func organisationGroupsAreCreatedAndListedByOrganisation() async throws {
        try await withServer { server in
            let workspaceID = try await server.firstWorkspaceID()
            let organisation = try #require(
                try await server.request(.GET, "/api/v1/workspaces/\(workspaceID)/").json["organisation_id"]?.string)
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/", json: #"{"name": "Lab-wide blocklist", "organisation_id": "\#(organisation)"}"#)
            #expect(response.status == 201, "\(response.text)")
            let group = try response.json
            #expect(group["organisation_id"]?.string == organisation)
            #expect(group["workspace_id"]?.isNull == true)
            let listed = try await server.request(.GET, "/api/v1/participant-groups/?organisation_id=\(organisation)").json
            #expect(listed["results"]?.array == [group])
            let inWorkspace = try await server.request(.GET, "/api/v1/participant-groups/?workspace_id=\(workspaceID)").json
            #expect(inWorkspace["results"]?.array == [])
        }
    }

    @Test func createAcceptsAFormEncodedBody() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let response = try await server.request(
                .POST, "/api/v1/participant-groups/",
                body: "name=Form+group&workspace_id=\(workspace)&participant_ids=\(participant(1))&participant_ids=\(participant(2))",
                contentType: "application/x-www-form-urlencoded")
            #expect(response.status == 201, "\(response.text)")
            let group = try response.json
            #expect(group["name"]?.string == "Form group")
            #expect(group["participant_count"]?.int == 2)
        }
    }
}

/// The shape of an id: 24 lowercase hexadecimal characters.
enum ObjectIDShape {
    static func matches(_ text: String?) -> Bool {
        guard let text else { return false }
        return text.count == 24 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
