import CohortAPI
import CohortClient
import Foundation
import Testing
import Yams

/// Every request the SDK can send, checked against Prolific's published document
/// (`Tests/Contract/prolific-openapi.yml`, a copy of `../shared/spec/prolific-openapi.yml`):
/// the method and path template exist there, and so does every query parameter and body field,
/// but for the Cohort extensions listed below, each documented in `docs/compatibility.md`.
@Suite struct ProlificContractTests {
    /// What the SDK sends beyond Prolific's document, by operation: (query parameters, body fields).
    static let extensions: [String: (query: Set<String>, body: Set<String>)] = [
        // DECISIONS.md: `limit` and `offset` are accepted on every list; `organisation_id` lists
        // organisation-level groups.
        "get-participant-groups": (["limit", "offset", "organisation_id"], []),
        // compatibility.md: keyset paging of members with the `after` cursor of a `next` link.
        "get-participant-group-participants": (["limit", "offset", "after"], []),
        "get-workspaces": (["limit", "offset"], []),
        "get-projects": (["limit", "offset"], []),
        // compatibility.md: a PATCH may set a group's description.
        "update-participant-group": ([], ["description"]),
        // DECISIONS.md: `project_id` alone is accepted on create (deprecated).
        "create-participant-group": ([], ["project_id"]),
        // compatibility.md: a workspace may be described when it is created.
        "create-workspace": ([], ["description"]),
        // DECISIONS.md: `limit` and `offset` on every list (Prolific's are `page` and `page_size`).
        "get-studies": (["limit", "offset"], []),
        "get-project-studies": (["limit", "offset"], []),
        // compatibility.md ("Studies"): the legacy fields real clients still send.
        "create-study": ([], ["completion_code", "completion_code_action", "eligibility_requirements"]),
        "update-study": ([], ["completion_code", "completion_code_action", "eligibility_requirements"]),
    ]

    static let group = #"{"id": "6b0000000000000000000001", "name": "g", "participant_count": 1, "is_deleted": false}"#
    static let members = #"{"results": [{"participant_id": "5e9b9c9b0f9c9a0001b0b1f4"}]}"#
    static let workspace = #"{"id": "6b0000000000000000000002", "title": "w"}"#
    static let project = #"{"id": "6b0000000000000000000003", "title": "p", "type": "PUBLIC"}"#
    static let study = #"{"id": "6b0000000000000000000004", "name": "s", "status": "ACTIVE", "date_created": "2030-01-01T00:00:00Z"}"#
    static let balance = #"{"currency_code": "GBP", "total_balance": 1, "balance_breakdown": {}, "available_balance": 1, "available_balance_breakdown": {}}"#
    static let cost = #"{"rewards": {"rewards": {"amount": 0, "currency": "GBP"}, "fees": {"amount": 0, "currency": "GBP"}, "tax": {"amount": 0, "currency": "GBP"}}, "bonuses": {"rewards": {"amount": 0, "currency": "GBP"}, "fees": {"amount": 0, "currency": "GBP"}, "tax": {"amount": 0, "currency": "GBP"}}}"#
    static let submission = #"{"id": "6b0000000000000000000005", "study_id": "6b0000000000000000000004", "participant": "5e9b9c9b0f9c9a0001b0b1f4", "status": "APPROVED", "started_at": "2030-01-01T00:00:00Z", "completed_at": null, "entered_code": null}"#
    static let submissionDetail = #"{"id": "6b0000000000000000000005", "study_id": "6b0000000000000000000004", "participant": "5e9b9c9b0f9c9a0001b0b1f4", "status": "ACTIVE", "started_at": "2030-01-01T00:00:00Z", "completed_at": null, "entered_code": null, "parent_study_id": null, "bonus_payments": [], "return_requested": null}"#
    static let submissionShort = #"{"id": "6b0000000000000000000005", "participant_id": "5e9b9c9b0f9c9a0001b0b1f4", "status": "ACTIVE", "started_at": "2030-01-01T00:00:00Z", "completed_at": null, "has_siblings": false, "study_code": null, "return_requested": null}"#
    static let counts = #"{"ACTIVE": 1, "APPROVED": 0, "AWAITING REVIEW": 0, "REJECTED": 0, "RESERVED": 0, "RETURNED": 0, "TIMED-OUT": 0, "PARTIALLY APPROVED": 0, "SCREENED OUT": 0, "TOTAL": 1}"#
    static let message = #"{"id": "m1", "sender_id": "6b0000000000000000000009", "body": "hi", "sent_at": "2030-01-01T00:00:00Z", "channel_id": "c", "type": "message", "data": {"study_id": null, "category": null}}"#
    static let prediction = #"{"precise_recruitment_time_hours": 1, "lower_bound_hours": 0.5, "upper_bound_hours": 2, "display_string": "1 hour", "limit_at": 1}"#

    /// A success answer for each operation, just enough for the SDK to read.
    static func reply(_ operation: String, _ attempt: Int) -> ScriptedTransport.Reply {
        switch operation {
        case "get-user": .respond(status: 200, body: #"{"id": "6b0000000000000000000009", "email": "e@example.org"}"#)
        case "create-test-participant-for-researcher": .respond(status: 201, body: #"{"participant_id": "5e9b9c9b0f9c9a0001b0b1f4"}"#)
        case "get-participant-groups": .respond(status: 200, body: "{\"results\": [\(group)]}")
        case "create-participant-group": .respond(status: 201, body: group)
        case "delete-participant-group": .respond(status: 204, body: "")
        case "get-participant-group-participants":
            // Pages linked by offset (as Prolific), then by cursor (as Cohort), then no more.
            .respond(status: 200, body: memberPage(next: [#""https://api.prolific.com/x/?limit=200&offset=1""#, #""https://cohort.test/x/?limit=200&after=bTEuMQ""#, "null"][min(attempt, 3) - 1]))
        case "add-to-participant-group", "remove-from-participant-group":
            .respond(status: 200, body: members)
        case "get-workspaces": .respond(status: 200, body: "{\"results\": [\(workspace)]}")
        case "create-workspace": .respond(status: 201, body: workspace)
        case "get-workspace", "update-workspace": .respond(status: 200, body: workspace)
        case "get-projects": .respond(status: 200, body: "{\"results\": [\(project)]}")
        case "create-project": .respond(status: 201, body: project)
        case "get-project", "update-project": .respond(status: 200, body: project)
        case "get-studies", "get-project-studies": .respond(status: 200, body: "{\"results\": [\(study)]}")
        case "create-study": .respond(status: 201, body: study)
        case "get-study", "update-study", "publish-study", "duplicate-study": .respond(status: 200, body: study)
        case "delete-study": .respond(status: 200, body: "{}")
        case "delete-project-study": .respond(status: 204, body: "")
        case "get-study-cost": .respond(status: 200, body: cost)
        case "calculate-study-cost": .respond(status: 200, body: #"{"total_cost": 1400}"#)
        case "get-study-predicted-recruitment-time", "post-study-predicted-recruitment-time": .respond(status: 200, body: prediction)
        case "calculate-reward-recommendations":
            .respond(status: 200, body: #"[{"currency": "GBP", "min_reward_per_hour": 600, "recommended_reward_per_hour": 750}]"#)
        case "get-workspace-balance": .respond(status: 200, body: balance)
        case "get-study-submissions": .respond(status: 200, body: "{\"results\": [\(submissionShort)]}")
        case "get-submissions": .respond(status: 200, body: "{\"results\": [\(submissionShort)], \"meta\": {\"count\": 1}}")
        case "count-study-submissions-by-status": .respond(status: 200, body: counts)
        case "get-submission": .respond(status: 200, body: submissionDetail)
        case "request-submission-return":
            .respond(status: 200, body: #"{"id": "6b0000000000000000000005", "status": "ACTIVE", "participant": "5e9b9c9b0f9c9a0001b0b1f4", "return_requested": "2030-01-01T00:00:00Z"}"#)
        case "transition-submission": .respond(status: 200, body: submission)
        case "bulk-approve-submissions": .respond(status: 200, body: #""The request to bulk approve has been made successfully.""#)
        case "create-test-study": .respond(status: 200, body: #"{"study_id": "6b0000000000000000000006", "study_url": "https://x"}"#)
        case "create-bonus-payments":
            .respond(status: 201, body: #"{"id": "b1", "study": "6b0000000000000000000004", "amount": 150, "fees": 50, "vat": 10, "total_amount": 210}"#)
        case "pay-bonus-payments": .respond(status: 202, body: #""The bonuses are being paid.""#)
        case "get-messages", "get-unread-messages": .respond(status: 200, body: "{\"results\": [\(message)]}")
        case "send-message", "bulk-message-participants", "send-message-to-participant-group": .respond(status: 204, body: "")
        default: .respond(status: 200, body: group)
        }
    }

    static func memberPage(next: String) -> String {
        #"{"results": [{"participant_id": "5e9b9c9b0f9c9a0001b0b1f4"}], "_links": {"next": {"href": \#(next), "title": "Next page"}}}"#
    }

    /// Calls every method of the SDK that sends a request, with every optional field given.
    static func exerciseEverything(_ client: ProlificClient) async throws {
        let id = "6b0000000000000000000001"
        let ids = ["5e9b9c9b0f9c9a0001b0b1f4", "5e9b9c9b0f9c9a0001b0b1f5"]
        _ = try await client.me()
        _ = try await client.createTestParticipant(email: "t@example.org")
        _ = try await client.workspaces().all()
        _ = try await client.workspace(id)
        _ = try await client.createWorkspace(title: "w", description: "d", naivetyDistributionRate: 0.5, currencyCode: "GBP")
        _ = try await client.updateWorkspace(id, title: "w", description: "d")
        _ = try await client.projects(in: id).all()
        _ = try await client.project(id)
        let details = PublicDetails(status: .enabled, title: "t", shortDescription: "s", description: "d")
        _ = try await client.createProject(in: id, title: "p", description: "d", type: ._public, publicDetails: details)
        _ = try await client.updateProject(id, title: "p", description: "d", type: ._public, publicDetails: details)
        for scope in [GroupScope.workspace(id), .project(id), .organisation(id)] {
            _ = try await client.groups(in: scope, active: true).all()
        }
        for placement in [GroupPlacement.workspace(id), .organisation(id), .project(id)] {
            _ = try await client.createGroup(name: "g", in: placement, description: "d", participantIDs: ids)
        }
        _ = try await client.group(id)
        _ = try await client.updateGroup(id, name: "g", description: .value("d"))
        try await client.deleteGroup(id)
        _ = try await client.members(of: id).all()
        try await client.addMembers(ids, to: id)
        try await client.removeMembers(ids, from: id)
        _ = try await client.addMembersSummarised(ids, to: id)
        _ = try await client.removeMembersSummarised(ids, from: id)
        try await client.replaceMembers(of: id, with: ids)
        _ = try await client.studies(state: .active).all()
        _ = try await client.studies(inProject: id).all()
        _ = try await client.study(id)
        _ = try await client.createStudy(Self.fullStudyBody(project: id))
        _ = try await client.updateStudy(id, Self.fullStudyBody(project: id))
        try await client.deleteStudy(id)
        try await client.deleteStudy(id, inProject: id)
        _ = try await client.transitionStudy(id, .schedulePublish, publishAt: Date(timeIntervalSince1970: 1_900_000_000))
        _ = try await client.duplicateStudy(id, blockPreviousParticipants: false)
        _ = try await client.studyCost(id, projected: true)
        _ = try await client.calculateStudyCost(reward: 100, places: 10)
        _ = try await client.predictedRecruitmentTime(study: id)
        _ = try await client.predictedRecruitmentTime(
            workspace: id, reward: 100, places: 10, estimatedMinutes: 5, filters: [StudyFilter(filterId: "age", selectedRange: .init(lower: .number(18)))])
        _ = try await client.rewardRecommendations(workspace: id, currency: "GBP", screenerIDs: ["age"])
        _ = try await client.balance(ofWorkspace: id)
        _ = try await client.submissions(ofStudy: id, ordering: "-started_at")
        var query = SubmissionQuery(status: .awaitingReview, ordering: "started_at")
        (query.completed, query.returned, query.awaitingReview, query.approved) = (true, false, true, false)
        (query.active, query.timedOut, query.rejected, query.screenedOut) = (false, false, false, false)
        (query.submittedFrom, query.submittedBefore) = ("01/01/2030", "02/01/2030")
        _ = try await client.submissions(inStudy: id, matching: query).all()
        _ = try await client.submission(id)
        _ = try await client.submissionCounts(ofStudy: id)
        _ = try await client.transitionSubmission(id, .approve)
        _ = try await client.transitionSubmission(id, .reject(message: "m", category: "LOW_EFFORT"))
        _ = try await client.transitionSubmission(id, .complete(code: "C", percentageOfReward: 50, messageToParticipant: "m"))
        _ = try await client.requestReturn(ofSubmission: id, reasons: ["Did not finish"])
        try await client.bulkApprove(submissions: [id])
        try await client.bulkApprove(study: id, participants: ids)
        _ = try await client.createTestStudy(from: id)
        _ = try await client.createBonuses(study: id, [Bonus(id: ids[0], cents: 150)])
        try await client.payBonuses("b1")
        _ = try await client.messages(with: ids[0])
        _ = try await client.messages(createdAfter: "2030-01-01T00:00:00Z", excludingSenders: ids)
        _ = try await client.unreadMessages()
        try await client.sendMessage(to: ids[0], body: "b", study: id)
        try await client.sendMessage(toParticipants: ids, body: "b", study: id)
        try await client.sendMessage(toGroup: id, body: "b", study: id)
    }

    /// A study body with every field set.
    static func fullStudyBody(project: String) -> StudyBody {
        var body = StudyBody()
        body.name = "n"
        body.internalName = .value("i")
        body.description = "d"
        body.externalStudyUrl = "https://example.org"
        body.prolificIdOption = "url_parameters"
        body.completionCodes = [CompletionCode(code: "C", codeType: "COMPLETED", actions: [CompletionCodeAction(action: "MANUALLY_REVIEW")], actor: "participant")]
        body.totalAvailablePlaces = 10
        body.estimatedCompletionTime = 5
        body.maximumAllowedTime = 60
        body.reward = 100
        body.deviceCompatibility = ["desktop"]
        body.peripheralRequirements = ["audio"]
        body.filters = .value([StudyFilter(filterId: "age", selectedRange: .init(lower: .number(18)))])
        body.filterSetId = .null
        body.filterSetVersion = .null
        body.naivetyDistributionRate = .value(0.5)
        body.project = project
        body.submissionsConfig = .init(maxSubmissionsPerParticipant: .value(1), maxConcurrentSubmissions: .value(-1), autoRejectionCategories: [])
        body.studyLabels = ["survey"]
        body.contentWarnings = ["sensitive"]
        body.contentWarningDetails = "w"
        body.metadata = .value("m")
        body.credentialPoolId = .null
        body.hasCredentials = false
        body.dataCollectionMethod = .null
        body.dataCollectionId = .null
        body.dataCollectionMetadata = .null
        body.accessDetails = .null
        body.isExternalStudyUrlSecure = false
        body.completionCode = "C"
        body.completionCodeAction = "MANUALLY_REVIEW"
        body.eligibilityRequirements = []
        return body
    }

    @Test func everyRequestTheSDKSendsIsInProlificsDocument() async throws {
        let transport = ScriptedTransport(Self.reply)
        let client = ProlificClient(
            configuration: ClientConfiguration(baseURL: URL(string: "https://api.prolific.com")!, token: "t", retry: .none),
            transport: transport)
        try await Self.exerciseEverything(client)

        let document = try ProlificDocument.load()
        var problems: [String] = []
        for sent in transport.requests {
            let (path, query) = Self.split(sent.request.path ?? "")
            let method = sent.request.method.rawValue.lowercased()
            guard let template = document.template(matching: path) else {
                problems.append("\(method) \(path): no such path in Prolific's document")
                continue
            }
            guard let operation = document.operation(template, method) else {
                problems.append("\(method) \(template): no such method in Prolific's document")
                continue
            }
            let allowed = Self.extensions[sent.operationID] ?? ([], [])
            let parameters = document.queryParameters(operation)
            for name in query where !allowed.query.contains(name) && !parameters.contains(name) {
                problems.append("\(method) \(template): query parameter '\(name)' is not in Prolific's document")
            }
            if !sent.body.isEmpty {
                let fields = (try JSONSerialization.jsonObject(with: sent.body) as? [String: Any]).map { Set($0.keys) } ?? []
                let documented = document.bodyFields(operation)
                for field in fields.subtracting(documented).subtracting(allowed.body).sorted() {
                    problems.append("\(method) \(template): body field '\(field)' is not in Prolific's document")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")

        // Every operation of Prolific's API that Cohort's document serves (those under /api/v1/;
        // health, metrics and the document itself are Cohort's own) is exercised.
        let cohort = try ProlificDocument(yaml: String(decoding: OpenAPIDocument.yaml, as: UTF8.self))
        let expected = cohort.operationIDs(under: "/api/v1/")
        #expect(Set(transport.requests.map(\.operationID)) == expected)
        // And every extension used is one this test names; none is stale.
        for (operation, allowed) in Self.extensions {
            let sent = transport.requests.filter { $0.operationID == operation }
            let queries = Set(sent.flatMap { Self.split($0.request.path ?? "").query })
            let bodies = Set(sent.flatMap { ((try? JSONSerialization.jsonObject(with: $0.body)) as? [String: Any])?.keys.map { $0 } ?? [] })
            #expect(allowed.query.isSubset(of: queries) && allowed.body.isSubset(of: bodies), "unused extension in \(operation)")
        }
    }

    /// The path, and the query parameter names (`filter[workspace_id]` as sent).
    static func split(_ target: String) -> (path: String, query: [String]) {
        let parts = target.split(separator: "?", maxSplits: 1)
        let query = parts.count > 1 ? parts[1].split(separator: "&").map {
            String($0.split(separator: "=", maxSplits: 1)[0]).removingPercentEncoding ?? String($0)
        } : []
        return (String(parts.first ?? ""), query)
    }
}

struct NotAnOpenAPIDocument: Error {}

/// The parts of an OpenAPI document the contract test reads.
struct ProlificDocument {
    let root: [String: Any]

    static func load() throws -> ProlificDocument {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Contract/prolific-openapi.yml")
        return try ProlificDocument(yaml: try String(contentsOf: file, encoding: .utf8))
    }

    init(yaml: String) throws {
        guard let root = try Yams.load(yaml: yaml) as? [String: Any] else { throw NotAnOpenAPIDocument() }
        self.root = root
    }

    var paths: [String: Any] { root["paths"] as? [String: Any] ?? [:] }

    var operationIDs: Set<String> { operationIDs(under: "/") }

    /// The operation ids of the paths that start with `prefix`.
    func operationIDs(under prefix: String) -> Set<String> {
        Set(operations.filter { $0.path.hasPrefix(prefix) }.map(\.id))
    }

    /// Every operation: its path, method (lowercase) and id.
    var operations: [(path: String, method: String, id: String)] {
        paths.flatMap { path, item in
            ((item as? [String: Any]) ?? [:]).compactMap { method, operation in
                ((operation as? [String: Any])?["operationId"] as? String).map { (path, method, $0) }
            }
        }
    }

    /// The template (`/api/v1/participant-groups/{id}/`) a concrete path matches.
    /// The template a path matches; a literal segment wins over a parameter, as routers match
    /// (`studies/predicted-recruitment-time/` is not `studies/{id}/`).
    func template(matching path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let matching = paths.keys.filter { template in
            let parts = template.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == segments.count
                && zip(parts, segments).allSatisfy { part, segment in (part.hasPrefix("{") && !segment.isEmpty) || part == segment }
        }
        return matching.min { $0.filter { $0 == "{" }.count < $1.filter { $0 == "{" }.count }
    }

    func operation(_ template: String, _ method: String) -> [String: Any]? {
        (paths[template] as? [String: Any])?[method] as? [String: Any]
    }

    /// Query parameter names; a `deepObject` parameter `filter` with properties `a`, `b` gives
    /// `filter[a]` and `filter[b]`.
    func queryParameters(_ operation: [String: Any]) -> Set<String> {
        var names = Set<String>()
        for case let parameter as [String: Any] in operation["parameters"] as? [Any] ?? [] {
            guard parameter["in"] as? String == "query", let name = parameter["name"] as? String else { continue }
            names.insert(name)
            for property in properties(of: parameter["schema"]) { names.insert("\(name)[\(property)]") }
        }
        return names
    }

    /// The properties of the JSON request body's schema.
    func bodyFields(_ operation: [String: Any]) -> Set<String> {
        let content = (operation["requestBody"] as? [String: Any])?["content"] as? [String: Any]
        return properties(of: (content?["application/json"] as? [String: Any])?["schema"])
    }

    /// Property names of a schema, through `$ref`, `allOf`, `oneOf` and `anyOf`.
    func properties(of schema: Any?) -> Set<String> {
        guard var schema = schema as? [String: Any] else { return [] }
        if let reference = schema["$ref"] as? String {
            let name = reference.split(separator: "/").last.map(String.init) ?? ""
            schema = ((root["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any] ?? [:]
        }
        var names = Set((schema["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
        for key in ["allOf", "oneOf", "anyOf"] {
            for part in schema[key] as? [Any] ?? [] { names.formUnion(properties(of: part)) }
        }
        return names
    }
}
