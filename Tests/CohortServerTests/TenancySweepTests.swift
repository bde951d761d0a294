import Foundation
import Testing
import Yams

/// Every operation the server serves, as its own `/openapi.yaml` lists them, tried by a second
/// researcher against the first researcher's objects: every reference to them answers 404, and
/// nothing answers with their data. A route added to `openapi.yaml` is swept too; one whose
/// parameters the sweep cannot fill fails here until ``Owned/ids`` learns them.
@Suite struct TenancySweepTests {
    /// The first researcher's objects, by what refers to them.
    struct Owned {
        let workspace: String
        let organisation: String
        let project: String
        let group: String
        let study: String
        let submission: String
        let bonus: String

        /// An owned id for a path segment (`participant-groups/{id}`) or a field named like
        /// `workspace_id`; nil when the sweep does not know what the name refers to.
        func id(forPathSegment segment: String) -> String? {
            switch segment {
            case "participant-groups": group
            case "workspaces": workspace
            case "projects": project
            case "studies": study
            case "submissions": submission
            case "bulk-bonus-payments": bonus
            default: nil
            }
        }

        func id(forField name: String) -> String? {
            switch name {
            case "workspace_id": workspace
            case "project_id": project
            case "organisation_id": organisation
            case "study_id", "study": study
            case "participant_group_id": group
            default: nil
            }
        }

        var all: [String] { [workspace, organisation, project, group, study, submission, bonus] }

        /// Fields named like ids that name nothing Cohort keeps for a researcher (yet): a
        /// credential pool, a filter set, an AI Task Builder collection.
        /// And users, who are nobody's objects: a message's `recipient_id`, `get-messages`' `user_id`.
        static let notReferences: Set<String> = [
            "credential_pool_id", "filter_set_id", "data_collection_id", "recipient_id", "user_id",
        ]
    }

    /// One request of the sweep.
    struct Attempt: CustomStringConvertible {
        let operation: String
        let method: String
        let path: String
        let body: String?
        /// Whether it names an owned object, and so must be 404.
        let refersToOwned: Bool

        var description: String { "\(method) \(path) \(body ?? "")" }
    }

    @Test func aSecondResearcherGets404EverywhereAndNeverData() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let workspace = try await server.firstWorkspaceID()
            let organisation = try #require(try await server.request(.GET, "/api/v1/workspaces/\(workspace)/").json["organisation_id"]?.string)
            let project = try #require(
                try await server.request(.POST, "/api/v1/workspaces/\(workspace)/projects/", json: #"{"title": "Owned project"}"#)
                    .json["id"]?.string)
            let group = try #require(try await server.createGroup(name: "Owned group", members: [participant(1)])["id"]?.string)
            let study = try #require(try await server.createStudy(project: project)["id"]?.string)
            #expect(try await server.request(.POST, "/api/v1/studies/\(study)/transition/", json: #"{"action": "PUBLISH"}"#).status == 200)
            let submission = try await server.taken(study, participant(2))
            #expect(try await server.complete(submission, code: "C1OK").status == 200)
            let bonus = try #require(
                try await server.request(
                    .POST, "/api/v1/submissions/bonus-payments/", json: #"{"study_id": "\#(study)", "csv_bonuses": "\#(participant(2)),0.50"}"#
                ).json["id"]?.string)
            let owned = Owned(
                workspace: workspace, organisation: organisation, project: project, group: group, study: study,
                submission: submission, bonus: bonus)
            let before = try await Self.ownersView(server, owned)
            let other = try await server.addResearcher(email: "sweeper@example.org")

            let document = try await server.request(.GET, "/openapi.yaml", token: .some(nil)).text
            let attempts = try Self.attempts(from: document, owned: owned)
            let operations = Set(attempts.map(\.operation))
            #expect(operations.count == Self.operationCount(document), "operations swept: \(operations.sorted())")
            for attempt in attempts {
                let response = try await server.request(
                    HTTPMethod(rawValue: attempt.method), attempt.path, json: attempt.body, token: .some(other))
                if attempt.refersToOwned {
                    #expect(response.status == 404, "\(attempt): \(response.status) \(response.text)")
                    #expect(response.error?["error_code"]?.int == 40401, "\(attempt): \(response.text)")
                }
                // A 404 may repeat the id it was asked for; nothing else may hold one.
                for id in owned.all where response.status != 404 {
                    #expect(!response.text.contains(id), "\(attempt) answered with the owner's \(id): \(response.text)")
                }
            }
            #expect(try await Self.ownersView(server, owned) == before, "the sweep changed the owner's data")
        }
    }

    /// How many operations the document has under `/api/v1`.
    static func operationCount(_ text: String) -> Int {
        let paths = ((try? Yams.load(yaml: text)) as? [String: Any])?["paths"] as? [String: Any] ?? [:]
        return paths.filter { $0.key.hasPrefix("/api/v1/") }.values.reduce(0) { count, item in
            count + ["get", "post", "patch", "put", "delete"].filter { (item as? [String: Any])?[$0] != nil }.count
        }
    }

    /// What the owner sees of their objects, to compare before and after.
    static func ownersView(_ server: TestServer, _ owned: Owned) async throws -> [String] {
        var view: [String] = []
        for path in [
            "/api/v1/workspaces/\(owned.workspace)/", "/api/v1/projects/\(owned.project)/",
            "/api/v1/participant-groups/\(owned.group)/", "/api/v1/participant-groups/\(owned.group)/participants/",
            "/api/v1/participant-groups/?workspace_id=\(owned.workspace)", "/api/v1/studies/\(owned.study)/",
            "/api/v1/studies/", "/api/v1/workspaces/\(owned.workspace)/balance/",
            "/api/v1/submissions/\(owned.submission)/", "/api/v1/studies/\(owned.study)/submissions/",
        ] {
            view.append(try await server.request(.GET, path).text)
        }
        return view
    }

    /// Every `/api/v1` operation of the document, as requests that name the owner's objects: one
    /// per id-naming query parameter or body field (so that a list's or a create's scopes are each
    /// tried), or one alone when there is none.
    static func attempts(from text: String, owned: Owned) throws -> [Attempt] {
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: Any])
        var attempts: [Attempt] = []
        for (template, item) in paths.sorted(by: { $0.key < $1.key }) where template.hasPrefix("/api/v1/") {
            let item = try #require(item as? [String: Any])
            let pathParameters = (item["parameters"] as? [Any] ?? []).compactMap { resolve($0, in: document) }
            var path = ""
            var namesOwned = false
            let segments = template.split(separator: "/", omittingEmptySubsequences: false)
            for (index, segment) in segments.enumerated() {
                if segment.hasPrefix("{") {
                    let resource = String(segments[index - 1])
                    let id = try #require(
                        owned.id(forPathSegment: resource),
                        "the tenancy sweep has no owned object for \(resource)/\(segment) in \(template): add one to Owned")
                    path += id
                    namesOwned = true
                } else {
                    path += segment
                }
                if index < segments.count - 1 { path += "/" }
            }
            for method in ["get", "post", "patch", "put", "delete"] {
                guard let operation = item[method] as? [String: Any] else { continue }
                let parameters =
                    pathParameters + (operation["parameters"] as? [Any] ?? []).compactMap { resolve($0, in: document) }
                let queries = try idQueries(parameters, document: document, owned: owned)
                let body = try bodies(operation, document: document, owned: owned)
                var variants: [(query: String, body: String?, owned: Bool)] = []
                for query in queries { variants.append((query, body.base, true)) }
                for variant in body.variants { variants.append(("", variant, true)) }
                if variants.isEmpty { variants.append(("", body.base, false)) }
                for variant in variants {
                    attempts.append(
                        Attempt(
                            operation: operation["operationId"] as? String ?? "\(method) \(template)", method: method.uppercased(), path: path + (variant.query.isEmpty ? "" : "?" + variant.query),
                            body: variant.body, refersToOwned: namesOwned || variant.owned))
                }
            }
        }
        return attempts
    }

    /// `workspace_id=...`, `filter[project_id]=...`: one query per id-naming parameter.
    static func idQueries(_ parameters: [[String: Any]], document: [String: Any], owned: Owned) throws -> [String] {
        var queries: [String] = []
        // Required parameters that name nothing get a valid value in every query.
        var required = ""
        for parameter in parameters where parameter["in"] as? String == "query" && parameter["required"] as? Bool == true {
            let name = parameter["name"] as? String ?? ""
            guard !name.hasSuffix("_id") || Owned.notReferences.contains(name), owned.id(forField: name) == nil else { continue }
            let schema = resolve(parameter["schema"] as Any, in: document) ?? [:]
            let value = (schema["enum"] as? [Any])?.first.map { "\($0)" } ?? "\(sample(name, schema))"
            required += "&\(name)=\(value)"
        }
        for parameter in parameters where parameter["in"] as? String == "query" {
            let name = parameter["name"] as? String ?? ""
            let schema = resolve(parameter["schema"] as Any, in: document) ?? [:]
            if parameter["style"] as? String == "deepObject" {
                for key in (schema["properties"] as? [String: Any] ?? [:]).keys.sorted() {
                    let id = try #require(owned.id(forField: key), "the sweep cannot fill \(name)[\(key)]")
                    queries.append("\(name)%5B\(key)%5D=\(id)")
                }
            } else if (name.hasSuffix("_id") && !Owned.notReferences.contains(name)) || owned.id(forField: name) != nil {
                let id = try #require(owned.id(forField: name), "the sweep does not know what \(name) refers to")
                queries.append("\(name)=\(id)")
            }
        }
        return queries.map { $0 + required }
    }

    /// A JSON body with the schema's required fields, and one variant per id-naming field.
    static func bodies(_ operation: [String: Any], document: [String: Any], owned: Owned) throws
        -> (base: String?, variants: [String])
    {
        guard let body = resolve(operation["requestBody"] as Any, in: document),
            let content = body["content"] as? [String: Any], let json = content["application/json"] as? [String: Any],
            let schema = resolve(json["schema"] as Any, in: document)
        else { return (nil, []) }
        let properties = schema["properties"] as? [String: Any] ?? [:]
        let required = Set(schema["required"] as? [String] ?? [])
        var base: [String: Any] = [:]
        for name in required { base[name] = sample(name, resolve(properties[name] as Any, in: document) ?? [:]) }
        var variants: [String] = []
        for name in properties.keys.sorted() where name.hasSuffix("_id") && !Owned.notReferences.contains(name) {
            let id = try #require(owned.id(forField: name), "the sweep does not know what body field \(name) refers to")
            var variant = base
            variant[name] = id
            variants.append(try encode(variant))
        }
        return (try encode(base), variants)
    }

    /// A valid value for a field, by its name and schema.
    static func sample(_ name: String, _ schema: [String: Any]) -> Any {
        if name == "participant_ids" { return [participant(7)] }
        if name == "email" || schema["format"] as? String == "email" { return "sweep@example.org" }
        let type = (schema["type"] as? String) ?? ((schema["type"] as? [String])?.first { $0 != "null" }) ?? "string"
        switch type {
        case "integer": return 1
        case "number": return 0.5
        case "boolean": return false
        case "array": return []
        case "object": return [String: Any]()
        default: return "Sweep"
        }
    }

    static func encode(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// The object a `$ref` points at (or the object itself).
    static func resolve(_ value: Any, in document: [String: Any]) -> [String: Any]? {
        guard let object = value as? [String: Any] else { return nil }
        guard let reference = object["$ref"] as? String, reference.hasPrefix("#/") else { return object }
        var current: Any = document
        for key in reference.dropFirst(2).split(separator: "/") {
            guard let next = (current as? [String: Any])?[String(key)] else { return nil }
            current = next
        }
        return resolve(current, in: document)
    }
}

import NIOHTTP1
