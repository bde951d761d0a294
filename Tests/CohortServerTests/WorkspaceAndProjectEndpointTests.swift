import Testing

/// Workspaces and projects, as far as groups need them.
@Suite struct WorkspaceAndProjectEndpointTests {
    @Test func aResearcherStartsWithAWorkspaceTheyAdminister() async throws {
        try await withServer { server in
            let me = try await server.request(.GET, "/api/v1/users/me/").json
            let list = try await server.request(.GET, "/api/v1/workspaces/").json
            #expect(list["meta"]?["count"]?.int == 1)
            let workspace = try #require(list["results"]?[0])
            #expect(workspace["owner"] == me["id"])
            #expect(workspace["users"]?[0]?["id"] == me["id"])
            #expect(workspace["users"]?[0]?["roles"] == .array([.string("WORKSPACE_ADMIN")]))
        }
    }

    @Test func createGetAndPatchAWorkspace() async throws {
        try await withServer { server in
            let created = try await server.request(
                .POST, "/api/v1/workspaces/",
                json: #"{"title": "Lab B", "description": "second lab", "naivety_distribution_rate": 0.5, "currency_code": "USD"}"#)
            #expect(created.status == 201, "\(created.text)")
            let workspace = try created.json
            let id = try #require(workspace["id"]?.string)
            #expect(workspace["title"]?.string == "Lab B")
            #expect(workspace["naivety_distribution_rate"] == .number(0.5))
            #expect(workspace["currency_code"]?.string == "USD")
            #expect(workspace["projects"] == .array([]))
            #expect(try await server.request(.GET, "/api/v1/workspaces/\(id)/").json == workspace)
            let patched = try await server.request(.PATCH, "/api/v1/workspaces/\(id)/", json: #"{"title": "Lab B (renamed)"}"#)
            #expect(patched.status == 200)
            #expect(try patched.json["title"]?.string == "Lab B (renamed)")
            #expect(try patched.json["description"]?.string == "second lab")
            #expect(try patched.json["naivety_distribution_rate"] == .number(0.5))
            let cleared = try await server.request(
                .PATCH, "/api/v1/workspaces/\(id)/", json: #"{"naivety_distribution_rate": null}"#)
            #expect(try cleared.json["naivety_distribution_rate"]?.isNull == true)
            #expect(try await server.request(.GET, "/api/v1/workspaces/").json["meta"]?["count"]?.int == 2)
        }
    }

    @Test func createListGetAndPatchAProject() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let created = try await server.request(
                .POST, "/api/v1/workspaces/\(workspace)/projects/", json: #"{"title": "Study A", "description": "pilot"}"#)
            #expect(created.status == 201, "\(created.text)")
            let project = try created.json
            let id = try #require(project["id"]?.string)
            #expect(project["workspace"]?.string == workspace)
            #expect(project["type"]?.string == "PRIVATE")
            #expect(project["public_details"]?.isNull == true)
            #expect(project["users"]?[0]?["roles"] == .array([.string("PROJECT_EDITOR")]))
            let list = try await server.request(.GET, "/api/v1/workspaces/\(workspace)/projects/").json
            #expect(list["results"]?.array?.compactMap { $0["id"]?.string } == [id])
            #expect(try await server.request(.GET, "/api/v1/projects/\(id)/").json == project)
            let patched = try await server.request(
                .PATCH, "/api/v1/projects/\(id)/",
                json: #"{"type": "PUBLIC", "public_details": {"title": "Join our study"}}"#)
            #expect(patched.status == 200, "\(patched.text)")
            #expect(try patched.json["public_details"]?["title"]?.string == "Join our study")
            #expect(try patched.json["public_details"]?["status"]?.string == "ENABLED")
            let workspaceBody = try await server.request(.GET, "/api/v1/workspaces/\(workspace)/").json
            #expect(workspaceBody["projects"]?[0]?["id"]?.string == id)
        }
    }

    @Test func badWorkspaceAndProjectInputIsRefused() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let noTitle = try await server.request(.POST, "/api/v1/workspaces/", json: #"{"description": "x"}"#)
            #expect(noTitle.status == 400)
            #expect(noTitle.error?["detail"]?["title"] != nil)
            let currency = try await server.request(.POST, "/api/v1/workspaces/", json: #"{"title": "x", "currency_code": "EUR"}"#)
            #expect(currency.status == 400)
            #expect(currency.error?["detail"]?["currency_code"] != nil)
            let rate = try await server.request(.PATCH, "/api/v1/workspaces/\(workspace)/", json: #"{"naivety_distribution_rate": 3}"#)
            #expect(rate.status == 400)
            let privateDetails = try await server.request(
                .POST, "/api/v1/workspaces/\(workspace)/projects/",
                json: #"{"title": "x", "type": "PRIVATE", "public_details": {"title": "no"}}"#)
            #expect(privateDetails.status == 400)
            #expect(privateDetails.error?["detail"]?["public_details"] != nil)
            #expect(try await server.request(.GET, "/api/v1/workspaces/").json["meta"]?["count"]?.int == 1)
            #expect(try await server.request(.GET, "/api/v1/workspaces/\(workspace)/projects/").json["results"] == .array([]))
        }
    }
}
