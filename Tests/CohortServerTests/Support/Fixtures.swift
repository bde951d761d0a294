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

    /// A project in the caller's first workspace; its id.
    func createProject(title: String = "Studies", token: String? = nil) async throws -> String {
        let workspace = try await firstWorkspaceID(token: token)
        let response = try await request(
            .POST, "/api/v1/workspaces/\(workspace)/projects/", json: #"{"title": "\#(title)"}"#, token: .some(token ?? self.token))
        try #require(response.status == 201, "creating a project: \(response.text)")
        return try #require(try response.json["id"]?.string)
    }

    /// A draft study in `project` (a new one by default), with `fields` added to a minimal body
    /// (JSON members, such as `"reward": 900`, replacing the minimal body's); its JSON.
    @discardableResult
    func createStudy(project: String? = nil, _ fields: [String: String] = [:], token: String? = nil) async throws -> JSON {
        let projectID: String
        if let project { projectID = project } else { projectID = try await createProject(token: token) }
        let response = try await request(
            .POST, "/api/v1/studies/", json: studyBody(project: projectID, fields), token: .some(token ?? self.token))
        try #require(response.status == 201, "creating a study: \(response.text)")
        return try response.json
    }
}

/// A create-study body: a minimal valid one, with `fields` (name to JSON text) replacing or adding
/// members; an empty text leaves the member out.
func studyBody(project: String?, _ fields: [String: String] = [:]) -> String {
    var members: [String: String] = [
        "name": #""Reaction times""#, "description": #""Press a key when the light turns green.""#,
        "external_study_url": #""https://experiment.example.org/run?pid={{%PROLIFIC_PID%}}""#,
        "prolific_id_option": #""url_parameters""#, "total_available_places": "10", "estimated_completion_time": "5",
        "reward": "100",
        "completion_codes": #"[{"code": "C1OK", "code_type": "COMPLETED", "actions": [{"action": "MANUALLY_REVIEW"}]}]"#,
    ]
    if let project { members["project"] = "\"\(project)\"" }
    // An empty value leaves the field out.
    for (name, value) in fields { members[name] = value.isEmpty ? nil : value }
    return "{" + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
}
