import NIOHTTP1
import Foundation
import Testing

/// Studies over HTTP: drafts with Prolific's defaults, validation that names every bad field and
/// changes nothing, lists, updates before and after publishing, deletes and duplicates.
@Suite struct StudyEndpointTests {
    @Test func aDraftHasProlificsDefaultsAndReadsBackTheSame() async throws {
        try await withServer { server in
            let project = try await server.createProject()
            let created = try await server.request(.POST, "/api/v1/studies/", json: studyBody(project: project))
            #expect(created.status == 201, "\(created.text)")
            let study = try created.json
            let id = try #require(study["id"]?.string)
            #expect(id.count == 24)
            #expect(study["status"]?.string == "UNPUBLISHED")
            #expect(study["project"]?.string == project)
            #expect(study["workspace"]?.string == (try await server.firstWorkspaceID()))
            #expect(study["internal_name"]?.isNull == true)
            #expect(study["filters"] == .array([]))
            #expect(study["filter_set_id"]?.isNull == true)
            #expect(study["device_compatibility"] == .array([]))
            #expect(study["submissions_config"]?["max_submissions_per_participant"]?.int == 1)
            #expect(study["submissions_config"]?["max_concurrent_submissions"]?.int == -1)
            // Five minutes: the default is the week-long maximum, above the documented minimum.
            #expect(study["maximum_allowed_time"]?.int == 10_080)
            #expect(study["total_available_places"]?.int == 10)
            #expect(study["places_taken"]?.int == 0)
            #expect(study["is_underpaying"]?.bool == false)
            #expect(study["average_reward_per_hour"]?.int == 1200)
            #expect(study["currency_code"]?.string == "GBP")
            #expect(study["completion_codes"]?[0]?["actor"]?.string == "participant")
            #expect(study["date_created"]?.string?.hasSuffix("Z") == true)
            #expect(study["published_at"]?.isNull == true)
            #expect(study["_links"]?["related"]?["href"]?.string?.hasSuffix("/api/v1/studies/\(id)/submissions/") == true)
            // reward × places, the 33.33% fee and 20% VAT on the fee: 1000 + 333 + 67.
            #expect(study["total_cost"]?.int == 1400)
            for path in ["/api/v1/studies/\(id)/", "/api/v1/studies/\(id)"] {
                #expect(try await server.request(.GET, path).json == study, "\(path)")
            }
            let list = try await server.request(.GET, "/api/v1/studies/").json
            #expect(list["meta"]?["count"]?.int == 1)
            #expect(list["results"]?[0]?["id"]?.string == id)
            #expect(list["results"]?[0]?["total_cost"]?.int == 1400)
            #expect(list["results"]?[0]?["study_type"]?.string == "SINGLE")
            let inProject = try await server.request(.GET, "/api/v1/projects/\(project)/studies").json
            #expect(inProject["results"]?.array?.compactMap { $0["id"]?.string } == [id])
        }
    }

    @Test func withoutAProjectTheFirstProjectIsUsed() async throws {
        try await withServer { server in
            let first = try await server.createProject(title: "First")
            _ = try await server.createProject(title: "Second")
            let study = try await server.request(.POST, "/api/v1/studies/", json: studyBody(project: nil)).json
            #expect(study["project"]?.string == first)
        }
    }

    @Test func everyBadFieldIsNamedInOneAnswerAndNothingIsCreated() async throws {
        try await withServer { server in
            let project = try await server.createProject()
            let missing = try await server.request(.POST, "/api/v1/studies/", json: #"{"project": "\#(project)"}"#)
            #expect(missing.status == 400)
            #expect(missing.error?["error_code"]?.int == 40002)
            let fields = Set(missing.error?["detail"]?.object?.keys.map { $0 } ?? [])
            for field in [
                "name", "description", "prolific_id_option", "total_available_places", "estimated_completion_time", "reward",
                "external_study_url", "completion_codes",
            ] {
                #expect(fields.contains(field), "\(field) not named: \(missing.text)")
            }
            let cases: [([String: String], String)] = [
                (["completion_codes": #"[{"code": "A", "code_type": "COMPLETED", "actions": [{"action": "MANUALLY_REVIEW"}]}, {"code": "A", "code_type": "OTHER", "actions": [{"action": "MANUALLY_REVIEW"}]}]"#], "completion_codes[1].code"),
                (["completion_codes": #"[{"code": "A", "code_type": "COMPLETED", "actions": [{"action": "MANUALLY_REVIEW"}, {"action": "AUTOMATICALLY_APPROVE"}]}]"#], "completion_codes[0].actions"),
                (["completion_codes": #"[{"code": "A", "code_type": "COMPLETED", "actions": [{"action": "DYNAMIC_PAYMENT"}]}]"#], "completion_codes[0].actions[0].action"),
                (["completion_codes": #"[{"code": "A", "code_type": "COMPLETED", "actions": [{"action": "ADD_TO_PARTICIPANT_GROUP"}]}]"#], "completion_codes[0].actions[0].participant_group"),
                (["completion_codes": #"[{"code": "A", "code_type": "COMPLETED", "actions": [{"action": "ADD_TO_PARTICIPANT_GROUP", "participant_group": "64a000000000000000000001"}]}]"#], "completion_codes[0].actions[0].participant_group"),
                (["completion_codes": #"[{"code": null, "code_type": "COMPLETED", "actions": [{"action": "MANUALLY_REVIEW"}]}]"#], "completion_codes[0].code"),
                (["completion_codes": "[]"], "completion_codes"),
                (["reward": "10"], "reward"),
                (["reward": "10.5"], "reward"),
                (["total_available_places": "0"], "total_available_places"),
                (["maximum_allowed_time": "3"], "maximum_allowed_time"),
                (["prolific_id_option": #""sometimes""#], "prolific_id_option"),
                (["external_study_url": #""ftp://example.org""#], "external_study_url"),
                (["filters": #"[{"filter_id": "age"}]"#, "filter_set_id": "null"], "filters[0]"),
                (["filters": #"[{"filter_id": "age", "selected_range": {"lower": 18}}]"#, "filter_set_id": #""64a000000000000000000002""#], "filter_set_id"),
                (["filters": #"[{"filter_id": "age", "selected_range": {}}]"#], "filters[0].selected_range"),
                (["filters": #"[{"filter_id": "or", "selected_filters": []}]"#], "filters[0].selected_filters"),
                (["filters": #"[{"filter_id": "and", "selected_filters": [{"filter_id": "participant_group_allowlist", "selected_values": ["64a000000000000000000003"]}]}]"#], "filters[0].selected_filters[0].selected_values"),
                (["filters": #"[{"filter_id": "previous_studies_blocklist", "selected_values": ["64a000000000000000000004"]}]"#], "filters[0].selected_values"),
                (["filters": #"[{"filter_id": "custom_allowlist", "selected_values": ["not-a-participant"]}]"#], "filters[0].selected_values"),
                (["access_details": #"[{"external_url": "https://a.example.org", "total_allocation": 3}]"#], "access_details"),
                (["study_labels": #"["survey", "interview"]"#], "study_labels"),
                (["submissions_config": #"{"max_submissions_per_participant": 0}"#], "submissions_config.max_submissions_per_participant"),
            ]
            for (fields, field) in cases {
                let response = try await server.request(.POST, "/api/v1/studies/", json: studyBody(project: project, fields))
                #expect(response.status == 400, "\(fields): \(response.text)")
                #expect(response.error?["detail"]?[field] != nil, "\(fields): \(field) not named in \(response.text)")
            }
            for body in ["not json", #"{"name": null}"#, #"{"reward": "ten"}"#, "[]"] {
                let response = try await server.request(.POST, "/api/v1/studies/", json: body)
                #expect(response.status == 400, "\(body): \(response.text)")
            }
            #expect(try await server.request(.GET, "/api/v1/studies/").json["meta"]?["count"]?.int == 0)
        }
    }

    @Test func aGroupMustBeInTheStudysWorkspace() async throws {
        try await withServer { server in
            let project = try await server.createProject()
            let other = try await server.request(.POST, "/api/v1/workspaces/", json: #"{"title": "Other lab"}"#).json
            let otherWorkspace = try #require(other["id"]?.string)
            let elsewhere = try #require(try await server.createGroup(name: "Elsewhere", workspace: otherWorkspace)["id"]?.string)
            let code = #"[{"code": "G1", "code_type": "COMPLETED", "actions": [{"action": "MANUALLY_REVIEW"}, {"action": "ADD_TO_PARTICIPANT_GROUP", "participant_group": "\#(elsewhere)"}]}]"#
            let refused = try await server.request(.POST, "/api/v1/studies/", json: studyBody(project: project, ["completion_codes": code]))
            #expect(refused.status == 400)
            let message = refused.error?["detail"]?["completion_codes[0].actions[1].participant_group"]?[0]?.string
            #expect(message?.contains("not in this study's workspace") == true, "\(refused.text)")
            let stranger = try await server.addResearcher(email: "stranger@example.org")
            let theirs = try #require(try await server.createGroup(name: "Theirs", token: stranger)["id"]?.string)
            let hidden = try await server.request(
                .POST, "/api/v1/studies/",
                json: studyBody(project: project, ["completion_codes": code.replacingOccurrences(of: elsewhere, with: theirs)]))
            #expect(hidden.status == 400)
            #expect(hidden.error?["detail"]?["completion_codes[0].actions[1].participant_group"]?[0]?.string?.contains("was not found") == true)
            #expect(!hidden.text.contains("Theirs"))
        }
    }

    @Test func legacyFieldsAndClientExtrasAreReadAsDocumented() async throws {
        try await withServer { server in
            let project = try await server.createProject()
            let group = try #require(try await server.createGroup(name: "Qualified")["id"]?.string)
            // expfactory-deploy: a single code and its action; Dallinger and Mephisto: extra fields.
            let legacy = try await server.createStudy(
                project: project,
                [
                    "completion_codes": "", "completion_code": #""LEGACY1""#, "completion_code_action": #""AUTOMATICALLY_APPROVE""#,
                    "completion_option": #""url""#, "status": #""UNPUBLISHED""#, "is_custom_screening": "false",
                    "device_compatibility": "null",
                ])
            #expect(legacy["completion_codes"]?[0]?["code"]?.string == "LEGACY1")
            #expect(legacy["completion_codes"]?[0]?["actions"]?[0]?["action"]?.string == "AUTOMATICALLY_APPROVE")
            #expect(legacy["device_compatibility"] == .array([]))
            // The Go CLI's templates: the list wins over a legacy code sent beside it.
            let both = try await server.createStudy(project: project, ["completion_code": #""IGNORED""#])
            #expect(both["completion_codes"]?.array?.count == 1)
            #expect(both["completion_codes"]?[0]?["code"]?.string == "C1OK")
            // Mephisto's eligibility requirements become filters.
            let mephisto = try await server.createStudy(
                project: project,
                [
                    "eligibility_requirements": #"""
                        [{"_cls": "web.eligibility.models.ParticipantGroupEligibilityRequirement", "attributes": [{"id": "\#(group)", "value": true}]},
                         {"_cls": "web.eligibility.models.CustomWhitelistEligibilityRequirement", "attributes": [{"name": "white_list", "value": ["\#(participant(1))"]}]},
                         {"_cls": "web.eligibility.models.ApprovalRateEligibilityRequirement", "attributes": [{"name": "minimum_approval_rate", "value": 95}]}]
                        """#
                ])
            #expect(mephisto["filters"]?[0]?["filter_id"]?.string == "participant_group_allowlist")
            #expect(mephisto["filters"]?[0]?["selected_values"] == .array([.string(group)]))
            #expect(mephisto["filters"]?[1]?["filter_id"]?.string == "custom_allowlist")
            #expect(mephisto["filters"]?.array?.count == 2)
            // A transition's action in any case (expfactory-deploy sends "publish").
            let id = try #require(legacy["id"]?.string)
            let published = try await server.request(.POST, "/api/v1/studies/\(id)/transition/", json: #"{"action": "publish"}"#)
            #expect(published.status == 200, "\(published.text)")
            #expect(try published.json["status"]?.string == "ACTIVE")
        }
    }

    @Test func listsPageBothWaysWithLinksAndFilterByState() async throws {
        try await withServer { server in
            let project = try await server.createProject()
            var ids: [String] = []
            for index in 0..<5 {
                ids.append(try #require(try await server.createStudy(project: project, ["name": #""Study \#(index)""#])["id"]?.string))
            }
            let byPage = try await server.request(.GET, "/api/v1/studies/?page=2&page_size=2").json
            #expect(byPage["results"]?.array?.compactMap { $0["id"]?.string } == Array(ids[2..<4]))
            #expect(byPage["meta"]?["count"]?.int == 5)
            let next = try #require(byPage["_links"]?["next"]?["href"]?.string)
            #expect(next.contains("page=3"))
            let last = try await server.request(.GET, String(next[next.range(of: "/api/v1")!.lowerBound...])).json
            #expect(last["results"]?.array?.compactMap { $0["id"]?.string } == [ids[4]])
            #expect(last["_links"]?["next"]?["href"]?.isNull == true)
            let byOffset = try await server.request(.GET, "/api/v1/studies/?limit=2&offset=1").json
            #expect(byOffset["results"]?.array?.compactMap { $0["id"]?.string } == Array(ids[1..<3]))
            #expect(byOffset["_links"]?["next"]?["href"]?.string?.contains("offset=3") == true)
            #expect(try await server.request(.GET, "/api/v1/studies/?page=1&limit=2").status == 400)
            #expect(try await server.request(.GET, "/api/v1/projects/\(project)/studies/?page_size=3").json["results"]?.array?.count == 3)

            _ = try await server.request(.POST, "/api/v1/studies/\(ids[1])/transition/", json: #"{"action": "PUBLISH"}"#)
            let active = try await server.request(.GET, "/api/v1/studies/?state=ACTIVE").json
            #expect(active["results"]?.array?.compactMap { $0["id"]?.string } == [ids[1]])
            #expect(try await server.request(.GET, "/api/v1/studies/?active=1").json["results"] == active["results"])
            #expect(try await server.request(.GET, "/api/v1/studies/?published=0").json["meta"]?["count"]?.int == 4)
            #expect(try await server.request(.GET, "/api/v1/studies/?state=UNKNOWN").json["results"] == .array([]))
            #expect(try await server.request(.GET, "/api/v1/studies/?state=WHATEVER").status == 400)
        }
    }

    @Test func aDraftTakesAnyFieldAPublishedStudyOnlyTheDocumentedOnes() async throws {
        try await withServer { server in
            let id = try #require(try await server.createStudy()["id"]?.string)
            let patched = try await server.request(
                .PATCH, "/api/v1/studies/\(id)/", json: #"{"name": "Renamed", "reward": 200, "internal_name": "pilot"}"#)
            #expect(patched.status == 200, "\(patched.text)")
            #expect(try patched.json["name"]?.string == "Renamed")
            #expect(try patched.json["reward"]?.int == 200)
            #expect(try await server.request(.PATCH, "/api/v1/studies/\(id)/", json: #"{"internal_name": null}"#).json["internal_name"]?.isNull == true)
            // A draft moves to another project of its workspace.
            let second = try await server.createProject(title: "Second")
            #expect(try await server.request(.PATCH, "/api/v1/studies/\(id)/", json: #"{"project": "\#(second)"}"#).json["project"]?.string == second)
            #expect(try await server.request(.GET, "/api/v1/projects/\(second)/studies/").json["results"]?[0]?["id"]?.string == id)
            _ = try await server.request(.POST, "/api/v1/studies/\(id)/transition/", json: #"{"action": "PUBLISH"}"#)
            let before = try await server.request(.GET, "/api/v1/studies/\(id)/").json

            let refused = try await server.request(.PATCH, "/api/v1/studies/\(id)/", json: #"{"name": "Again", "reward": 300}"#)
            #expect(refused.status == 400)
            #expect(refused.error?["detail"]?["name"] != nil && refused.error?["detail"]?["reward"] != nil, "\(refused.text)")
            #expect(try await server.request(.PATCH, "/api/v1/studies/\(id)/", json: #"{"total_available_places": 5}"#).status == 400)
            let otherProject = try await server.createProject(title: "Elsewhere")
            let moved = try await server.request(.PATCH, "/api/v1/studies/\(id)/", json: #"{"project": "\#(otherProject)"}"#)
            #expect(moved.status == 400)
            #expect(moved.error?["detail"]?["project"] != nil, "\(moved.text)")
            #expect(try await server.request(.GET, "/api/v1/studies/\(id)/").json == before)
            // The same value sent back is not a change (clients PATCH the whole object).
            #expect(try await server.request(.PATCH, "/api/v1/studies/\(id)/", json: #"{"name": "Renamed"}"#).status == 200)

            let more = try await server.request(
                .PATCH, "/api/v1/studies/\(id)", json: #"{"total_available_places": 11, "internal_name": "wave 2"}"#)
            #expect(more.status == 200, "\(more.text)")
            #expect(try more.json["total_available_places"]?.int == 11)
            #expect(try more.json["internal_name"]?.string == "wave 2")
        }
    }

    @Test func onlyDraftsAreDeletedAndADeletedStudyIsGone() async throws {
        try await withServer { server in
            let project = try await server.createProject()
            let draft = try #require(try await server.createStudy(project: project)["id"]?.string)
            let deleted = try await server.request(.DELETE, "/api/v1/studies/\(draft)/")
            #expect(deleted.status == 200)
            #expect(try deleted.json == .object([:]))
            #expect(try await server.request(.GET, "/api/v1/studies/\(draft)/").status == 404)
            #expect(try await server.request(.DELETE, "/api/v1/studies/\(draft)/").status == 404)

            let second = try #require(try await server.createStudy(project: project)["id"]?.string)
            let otherProject = try await server.createProject(title: "Other")
            #expect(try await server.request(.DELETE, "/api/v1/projects/\(otherProject)/studies/\(second)/").status == 404)
            let viaProject = try await server.request(.DELETE, "/api/v1/projects/\(project)/studies/\(second)")
            #expect(viaProject.status == 204)
            #expect(viaProject.text.isEmpty)

            let published = try #require(try await server.createStudy(project: project)["id"]?.string)
            _ = try await server.request(.POST, "/api/v1/studies/\(published)/transition/", json: #"{"action": "PUBLISH"}"#)
            let refused = try await server.request(.DELETE, "/api/v1/studies/\(published)/")
            #expect(refused.status == 400)
            #expect(refused.error?["error_code"]?.int == 40012)
            #expect(try await server.request(.DELETE, "/api/v1/projects/\(project)/studies/\(published)/").status == 400)
            #expect(try await server.request(.GET, "/api/v1/studies/\(published)/").json["status"]?.string == "ACTIVE")
        }
    }

    @Test func aDuplicateIsADraftThatBlocksTheOriginalsParticipants() async throws {
        try await withServer { server in
            let original = try await server.createStudy(
                ["filters": #"[{"filter_id": "age", "selected_range": {"lower": 18, "upper": 65}}]"#])
            let id = try #require(original["id"]?.string)
            _ = try await server.request(.POST, "/api/v1/studies/\(id)/transition/", json: #"{"action": "PUBLISH"}"#)
            let copy = try await server.request(.POST, "/api/v1/studies/\(id)/clone/")
            #expect(copy.status == 200, "\(copy.text)")
            let duplicate = try copy.json
            #expect(duplicate["id"]?.string != id)
            #expect(duplicate["status"]?.string == "UNPUBLISHED")
            #expect(duplicate["name"] == original["name"])
            #expect(duplicate["filters"]?[0] == original["filters"]?[0])
            #expect(duplicate["filters"]?[1]?["filter_id"]?.string == "previous_studies_blocklist")
            #expect(duplicate["filters"]?[1]?["selected_values"] == .array([.string(id)]))
            let unblocked = try await server.request(
                .POST, "/api/v1/studies/\(id)/clone/", json: #"{"block_previous_participants": false}"#).json
            #expect(unblocked["filters"] == original["filters"])
        }
    }

    @Test func anotherResearcherFindsNoStudy() async throws {
        try await withServer { server in
            let project = try await server.createProject()
            let id = try #require(try await server.createStudy(project: project)["id"]?.string)
            let other = String??.some(try await server.addResearcher(email: "other@example.org"))
            for (method, path, body) in [
                (HTTPMethod.GET, "/api/v1/studies/\(id)/", nil), (.PATCH, "/api/v1/studies/\(id)/", #"{"name": "Mine"}"#),
                (.DELETE, "/api/v1/studies/\(id)/", nil), (.POST, "/api/v1/studies/\(id)/transition/", #"{"action": "PUBLISH"}"#),
                (.POST, "/api/v1/studies/\(id)/clone/", nil), (.GET, "/api/v1/studies/\(id)/cost/", nil),
                (.GET, "/api/v1/studies/\(id)/predicted-recruitment-time/", nil),
                (.GET, "/api/v1/projects/\(project)/studies/", nil), (.DELETE, "/api/v1/projects/\(project)/studies/\(id)/", nil),
                (.POST, "/api/v1/studies/", studyBody(project: project)),
            ] {
                let response = try await server.request(method, path, json: body, token: other)
                #expect(response.status == 404, "\(method) \(path): \(response.text)")
            }
            #expect(try await server.request(.GET, "/api/v1/studies/", token: other).json["results"] == .array([]))
            #expect(try await server.request(.GET, "/api/v1/studies/\(id)/").json["status"]?.string == "UNPUBLISHED")
        }
    }
}
