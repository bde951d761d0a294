import Testing

/// Every path answers with and without its trailing slash, directly (a redirected POST would lose
/// its body).
@Suite struct TrailingSlashTests {
    @Test func everyRouteAnswersWithoutTheTrailingSlash() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let group = try #require(try await server.createGroup(members: [participant(1)])["id"]?.string)
            let project = try #require(
                try await server.request(.POST, "/api/v1/workspaces/\(workspace)/projects", json: #"{"title": "P"}"#)
                    .json["id"]?.string)
            let requests: [(HTTPMethodName, String, String?, Int)] = [
                (.GET, "/api/v1/users/me", nil, 200),
                (.GET, "/api/v1/workspaces", nil, 200),
                (.GET, "/api/v1/workspaces/\(workspace)", nil, 200),
                (.PATCH, "/api/v1/workspaces/\(workspace)", #"{"description": "d"}"#, 200),
                (.GET, "/api/v1/workspaces/\(workspace)/projects", nil, 200),
                (.GET, "/api/v1/projects/\(project)", nil, 200),
                (.PATCH, "/api/v1/projects/\(project)", #"{"description": "d"}"#, 200),
                (.POST, "/api/v1/participant-groups", #"{"name": "n", "workspace_id": "\#(workspace)"}"#, 201),
                (.GET, "/api/v1/participant-groups?workspace_id=\(workspace)", nil, 200),
                (.GET, "/api/v1/participant-groups/\(group)", nil, 200),
                (.PATCH, "/api/v1/participant-groups/\(group)", #"{"description": "d"}"#, 200),
                (.POST, "/api/v1/participant-groups/\(group)/participants", #"{"participant_ids": ["\#(participant(2))"]}"#, 200),
                (.DELETE, "/api/v1/participant-groups/\(group)/participants", #"{"participant_ids": ["\#(participant(1))"]}"#, 200),
                (.GET, "/api/v1/participant-groups/\(group)/participants", nil, 200),
                (.POST, "/api/v1/researchers/participants", #"{"email": "t@example.org"}"#, 201),
                (.DELETE, "/api/v1/participant-groups/\(group)", nil, 204),
            ]
            for (method, path, body, status) in requests {
                let response = try await server.request(method.nio, path, json: body)
                #expect(response.status == status, "\(method) \(path): \(response.text)")
            }
            #expect(try await server.memberIDs(of: group) == [participant(2)])
        }
    }

    @Test func aDoubledLeadingSlashIsTheSamePathAndStillNeedsAToken() async throws {
        try await withServer { server in
            #expect(try await server.request(.GET, "//api/v1/users/me/").status == 200)
            let anonymous = try await server.request(.GET, "//api/v1/users/me/", token: .some(nil))
            #expect(anonymous.status == 401)
        }
    }
}
