import Foundation
import Testing

/// Participant ids in the order tests use them: 24 lowercase hex characters each.
func participant(_ number: Int) -> String {
    "5e9b9c9b0f9c9a" + String(format: "%010x", number)
}

/// JSON text for a list of strings.
func jsonList(_ values: [String]) -> String {
    "[" + values.map { "\"\($0)\"" }.joined(separator: ",") + "]"
}

extension TestServer {
    /// The id of the caller's first workspace (every researcher gets one).
    func firstWorkspaceID(token: String? = nil) async throws -> String {
        let response = try await request(.GET, "/api/v1/workspaces/", token: .some(token ?? self.token))
        try #require(response.status == 200, "listing workspaces: \(response.text)")
        return try #require(try response.json["results"]?[0]?["id"]?.string)
    }

    /// Creates a group in `workspace` (the caller's first by default) and returns its JSON.
    @discardableResult
    func createGroup(name: String = "Wave 2", workspace: String? = nil, members: [String] = [], token: String? = nil)
        async throws -> JSON
    {
        var workspaceID = workspace ?? ""
        if workspace == nil { workspaceID = try await firstWorkspaceID(token: token) }
        let response = try await request(
            .POST, "/api/v1/participant-groups/",
            json: #"{"name": "\#(name)", "workspace_id": "\#(workspaceID)", "participant_ids": \#(jsonList(members))}"#,
            token: .some(token ?? self.token))
        try #require(response.status == 201, "creating a group: \(response.text)")
        return try response.json
    }

    /// The ids of a group's members, in the order the server lists them.
    func memberIDs(of group: String) async throws -> [String] {
        let response = try await request(.GET, "/api/v1/participant-groups/\(group)/participants/")
        try #require(response.status == 200, "listing members: \(response.text)")
        return try (response.json["results"]?.array ?? []).compactMap { $0["participant_id"]?.string }
    }

    /// The group as the server shows it.
    func group(_ id: String) async throws -> JSON {
        let response = try await request(.GET, "/api/v1/participant-groups/\(id)/")
        try #require(response.status == 200, "getting a group: \(response.text)")
        return try response.json
    }
}
