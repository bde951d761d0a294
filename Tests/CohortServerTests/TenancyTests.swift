import Testing

/// One researcher never sees another's data: every read and write of it answers 404, exactly as
/// for something that does not exist, and changes nothing.
@Suite struct TenancyTests {
    @Test func aSecondResearcherGets404Everywhere() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let organisation = try #require(
                try await server.request(.GET, "/api/v1/workspaces/\(workspace)/").json["organisation_id"]?.string)
            let project = try #require(
                try await server.request(.POST, "/api/v1/workspaces/\(workspace)/projects/", json: #"{"title": "P"}"#)
                    .json["id"]?.string)
            let group = try #require(try await server.createGroup(members: [participant(1)])["id"]?.string)
            let snapshot = try await server.group(group)
            let other = try await server.addResearcher(email: "mallory@example.org")

            let attempts: [(HTTPMethodName, String, String?)] = [
                (.GET, "/api/v1/participant-groups/\(group)/", nil),
                (.PATCH, "/api/v1/participant-groups/\(group)/", #"{"name": "mine now"}"#),
                (.DELETE, "/api/v1/participant-groups/\(group)/", nil),
                (.GET, "/api/v1/participant-groups/\(group)/participants/", nil),
                (.POST, "/api/v1/participant-groups/\(group)/participants/", #"{"participant_ids": ["\#(participant(2))"]}"#),
                (.DELETE, "/api/v1/participant-groups/\(group)/participants/", #"{"participant_ids": ["\#(participant(1))"]}"#),
                (.GET, "/api/v1/participant-groups/?workspace_id=\(workspace)", nil),
                (.GET, "/api/v1/participant-groups/?project_id=\(project)", nil),
                (.GET, "/api/v1/participant-groups/?organisation_id=\(organisation)", nil),
                (.POST, "/api/v1/participant-groups/", #"{"name": "x", "workspace_id": "\#(workspace)"}"#),
                (.POST, "/api/v1/participant-groups/", #"{"name": "x", "project_id": "\#(project)"}"#),
                (.POST, "/api/v1/participant-groups/", #"{"name": "x", "organisation_id": "\#(organisation)"}"#),
                (.GET, "/api/v1/workspaces/\(workspace)/", nil),
                (.PATCH, "/api/v1/workspaces/\(workspace)/", #"{"title": "mine now"}"#),
                (.GET, "/api/v1/workspaces/\(workspace)/projects/", nil),
                (.POST, "/api/v1/workspaces/\(workspace)/projects/", #"{"title": "mine"}"#),
                (.GET, "/api/v1/projects/\(project)/", nil),
                (.PATCH, "/api/v1/projects/\(project)/", #"{"title": "mine now"}"#),
            ]
            for (method, path, body) in attempts {
                let response = try await server.request(method.nio, path, json: body, token: .some(other))
                #expect(response.status == 404, "\(method) \(path): \(response.text)")
                #expect(response.error?["error_code"]?.int == 40401)
            }
            let theirs = try await server.request(.GET, "/api/v1/workspaces/", token: .some(other)).json
            #expect(theirs["meta"]?["count"]?.int == 1)
            #expect(theirs["results"]?[0]?["id"]?.string != workspace)
            #expect(try await server.group(group) == snapshot)
            #expect(try await server.memberIDs(of: group) == [participant(1)])
            #expect(try await server.request(.GET, "/api/v1/workspaces/\(workspace)/").json["title"] != .string("mine now"))
            #expect(try await server.request(.GET, "/api/v1/workspaces/\(workspace)/projects/").json["meta"]?["count"]?.int == 1)
        }
    }

    @Test func aMissingGroupAndAnotherTenantsGroupAnswerAlike() async throws {
        try await withServer { server in
            let group = try #require(try await server.createGroup()["id"]?.string)
            let other = try await server.addResearcher(email: "eve@example.org")
            let theirs = try await server.request(.GET, "/api/v1/participant-groups/\(group)/", token: .some(other))
            let missing = try await server.request(.GET, "/api/v1/participant-groups/5e9b9c9b0f9c9a0001b0b1f4/", token: .some(other))
            #expect(theirs.status == missing.status)
            #expect(theirs.error?["error_code"] == missing.error?["error_code"])
            #expect(theirs.error?["title"] == missing.error?["title"])
        }
    }
}

/// Method names that read well in a table of requests.
enum HTTPMethodName: String {
    case GET, POST, PATCH, DELETE

    var nio: NIOHTTP1.HTTPMethod {
        switch self {
        case .GET: .GET
        case .POST: .POST
        case .PATCH: .PATCH
        case .DELETE: .DELETE
        }
    }
}

import NIOHTTP1
