import Foundation
import Testing

/// The submission's transitions and every refusal, over HTTP: each refusal answers in the
/// envelope and changes nothing, each transition shows in the study's counts and the wallet.
@Suite struct SubmissionTransitionTests {
    static let rejection = String(repeating: "The answers were copied from another submission word for word. ", count: 2)

    func transition(_ server: TestServer, _ id: String, _ body: String) async throws -> TestResponse {
        try await server.request(.POST, "/api/v1/submissions/\(id)/transition/", json: body)
    }

    /// A published study and one submission in it, completed for review.
    func awaitingReview(_ server: TestServer, _ fields: [String: String] = [:]) async throws -> (study: String, submission: String, participant: String) {
        let study = try await server.publishedStudy(fields)
        let participant = try #require(try await server.makeParticipants(1).first)
        let submission = try await server.taken(study, participant)
        #expect(try await server.complete(submission, code: "C1OK").json["status"]?.string == "AWAITING REVIEW")
        return (study, submission, participant)
    }

    @Test func approvingTwiceIsApprovingOnceAndPaysOnce() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let (study, submission, _) = try await awaitingReview(server)
            let workspace = try await server.firstWorkspaceID()
            let first = try await transition(server, submission, #"{"action": "APPROVE"}"#)
            #expect(first.status == 200, "\(first.text)")
            #expect(try first.json["status"]?.string == "APPROVED")
            let balance = try await server.request(.GET, "/api/v1/workspaces/\(workspace)/balance/").json["total_balance"]
            let again = try await transition(server, submission, #"{"action": "approve"}"#)
            #expect(again.status == 200)
            #expect(try again.json == first.json)
            #expect(try await server.request(.GET, "/api/v1/workspaces/\(workspace)/balance/").json["total_balance"] == balance)
            #expect(balance?.int == 1_000_000 - 140)
            #expect(try await server.request(.GET, "/api/v1/studies/\(study)/submissions/counts/").json["APPROVED"]?.int == 1)
        }
    }

    @Test func aRefusedTransitionChangesNothing() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let (study, submission, _) = try await awaitingReview(server)
            let before = try await server.request(.GET, "/api/v1/submissions/\(submission)/").text
            let studyBefore = try await server.request(.GET, "/api/v1/studies/\(study)/").text
            let refusals: [(String, Int)] = [
                (#"{"action": "START"}"#, 40010), (#"{"action": "RETURN"}"#, 40010), (#"{"action": "SCREEN_OUT"}"#, 40010),
                (#"{"action": "REJECT", "message": "Too short.", "rejection_category": "LOW_EFFORT"}"#, 40002),
                (#"{"action": "REJECT", "message": "\#(Self.rejection)", "rejection_category": "SLOPPY"}"#, 40002),
                (#"{"action": "COMPLETE", "completion_code": "C1OK"}"#, 40002), (#"{"action": "LAUNCH"}"#, 40002),
            ]
            for (body, code) in refusals {
                let response = try await transition(server, submission, body)
                #expect(response.status == 400, "\(body): \(response.text)")
                #expect(response.error?["error_code"]?.int == code, "\(body): \(response.text)")
            }
            #expect(try await server.request(.GET, "/api/v1/submissions/\(submission)/").text == before)
            #expect(try await server.request(.GET, "/api/v1/studies/\(study)/").text == studyBefore)
        }
    }

    @Test func aRejectionMessagesTheParticipantAndFreesThePlace() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let (study, submission, participant) = try await awaitingReview(server, ["total_available_places": "1"])
            #expect(try await server.request(.GET, "/api/v1/studies/\(study)/").json["status"]?.string == "AWAITING REVIEW")
            let rejected = try await transition(
                server, submission, #"{"action": "REJECT", "message": "\#(Self.rejection)", "rejection_category": "BAD_CODE"}"#)
            #expect(try rejected.json["status"]?.string == "REJECTED", "\(rejected.text)")
            let inbox = try await server.adminRequest(.GET, "/_cohort/participants/\(participant)/messages").json
            #expect(inbox["results"]?[0]?["body"]?.string == Self.rejection)
            let reopened = try await server.request(.GET, "/api/v1/studies/\(study)/").json
            #expect(reopened["places_taken"]?.int == 0)
            #expect(reopened["status"]?.string == "ACTIVE")
            // UNREJECT takes the place back while it is free.
            let unrejected = try await transition(server, submission, #"{"action": "UNREJECT"}"#)
            #expect(try unrejected.json["status"]?.string == "AWAITING REVIEW", "\(unrejected.text)")
            #expect(try await server.request(.GET, "/api/v1/studies/\(study)/").json["places_taken"]?.int == 1)
        }
    }

    @Test func aResearcherCodeCompletesWithItsActions() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let group = try #require(try await server.createGroup(name: "Followed up")["id"]?.string)
            let codes = #"[{"code": "C1OK", "code_type": "COMPLETED", "actions": [{"action": "MANUALLY_REVIEW"}]}, {"code": "RSCH", "code_type": "OTHER", "actor": "researcher", "actions": [{"action": "AUTOMATICALLY_APPROVE"}, {"action": "ADD_TO_PARTICIPANT_GROUP", "participant_group": "\#(group)"}]}]"#
            let (_, submission, participant) = try await awaitingReview(server, ["completion_codes": codes])
            // A participant's code is not the researcher's to use.
            #expect(try await transition(server, submission, #"{"action": "COMPLETE", "completion_code": "C1OK"}"#).status == 400)
            let completed = try await transition(server, submission, #"{"action": "COMPLETE", "completion_code": "RSCH"}"#)
            #expect(try completed.json["status"]?.string == "APPROVED", "\(completed.text)")
            #expect(try await server.memberIDs(of: group) == [participant])
        }
    }

    @Test func aReturnRequestMessagesTheParticipantAndKeepsTheStatus() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let (_, submission, participant) = try await awaitingReview(server)
            let empty = try await server.request(
                .POST, "/api/v1/submissions/\(submission)/request-return/", json: #"{"request_return_reasons": []}"#)
            #expect(empty.error?["detail"]?["request_return_reasons"] != nil, "\(empty.text)")
            let asked = try await server.request(
                .POST, "/api/v1/submissions/\(submission)/request-return/",
                json: #"{"request_return_reasons": ["Withdrew consent"]}"#)
            #expect(asked.status == 200, "\(asked.text)")
            #expect(try asked.json["status"]?.string == "AWAITING REVIEW")
            #expect(try asked.json["participant"]?.string == participant)
            #expect(try asked.json["return_requested"]?.string != nil)
            let inbox = try await server.adminRequest(.GET, "/_cohort/participants/\(participant)/messages").json
            #expect(inbox["results"]?[0]?["body"]?.string?.contains("Withdrew consent") == true)
            // The participant returns it; the researcher cannot approve a returned submission.
            #expect(try await server.adminRequest(.POST, "/_cohort/submissions/\(submission)/return").json["status"]?.string == "RETURNED")
            #expect(try await transition(server, submission, #"{"action": "APPROVE"}"#).error?["error_code"]?.int == 40010)
        }
    }

    @Test func bulkApprovalIsAllOrNothing() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let study = try await server.publishedStudy()
            let people = try await server.makeParticipants(3)
            var ids: [String] = []
            for person in people { ids.append(try await server.taken(study, person)) }
            for id in ids.prefix(2) { _ = try await server.complete(id, code: "C1OK") }
            // The third is still ACTIVE: named, and nothing approved.
            let refused = try await server.request(
                .POST, "/api/v1/submissions/bulk-approve/", json: #"{"submission_ids": \#(jsonList(ids))}"#)
            #expect(refused.status == 400)
            #expect(refused.error?["detail"]?["submission_ids"]?[0]?.string?.contains(ids[2]) == true, "\(refused.text)")
            #expect(try await server.request(.GET, "/api/v1/studies/\(study)/submissions/counts/").json["APPROVED"]?.int == 0)
            let byParticipant = try await server.request(
                .POST, "/api/v1/submissions/bulk-approve/",
                json: #"{"study_id": "\#(study)", "participant_ids": \#(jsonList(Array(people.prefix(2))))}"#)
            #expect(byParticipant.status == 200, "\(byParticipant.text)")
            #expect(try byParticipant.json.string != nil)
            #expect(try await server.request(.GET, "/api/v1/studies/\(study)/submissions/counts/").json["APPROVED"]?.int == 2)
            // Approved ones named again are left as they are.
            let again = try await server.request(
                .POST, "/api/v1/submissions/bulk-approve/", json: #"{"submission_ids": \#(jsonList(Array(ids.prefix(2))))}"#)
            #expect(again.status == 200)
        }
    }

    @Test func theClockTimesOutAndApprovesAfter21Days() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let study = try await server.publishedStudy(["total_available_places": "2"])
            let people = try await server.makeParticipants(2)
            let late = try await server.taken(study, people[0])
            let waiting = try await server.taken(study, people[1])
            _ = try await server.complete(waiting, code: "C1OK")
            let allowed = try #require(try await server.request(.GET, "/api/v1/studies/\(study)/").json["maximum_allowed_time"]?.int)
            try await server.advanceClock(seconds: allowed * 60 + 1)
            #expect(try await server.request(.GET, "/api/v1/submissions/\(late)/").json["status"]?.string == "TIMED-OUT")
            #expect(try await server.request(.GET, "/api/v1/studies/\(study)/").json["places_taken"]?.int == 1)
            // A late completion is taken while the place is not filled.
            #expect(try await server.complete(late, code: "C1OK").json["status"]?.string == "AWAITING REVIEW")
            try await server.advanceClock(seconds: 21 * 24 * 3600)
            let counts = try await server.request(.GET, "/api/v1/studies/\(study)/submissions/counts/").json
            #expect(counts["APPROVED"]?.int == 2, "\(counts)")
            #expect(try await server.request(.GET, "/api/v1/studies/\(study)/").json["status"]?.string == "COMPLETED")
        }
    }

    @Test func placesAreRefusedWithTheirReasonAndNothingChanges() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let draft = try #require(try await server.createStudy()["id"]?.string)
            let person = try #require(try await server.makeParticipants(1).first)
            #expect(try await server.take(draft, person).error?["error_code"]?.int == 40015)
            let study = try await server.publishedStudy()
            _ = try await server.taken(study, person)
            let before = try await server.request(.GET, "/api/v1/studies/\(study)/").text
            let twice = try await server.take(study, person)
            #expect(twice.error?["error_code"]?.int == 40014, "\(twice.text)")
            #expect(try await server.take(study, "not-a-participant").status == 400)
            #expect(try await server.take("5f0c1e2d3b4a59687f6e5d4c", person).status == 404)
            #expect(try await server.request(.GET, "/api/v1/studies/\(study)/").text == before)
            _ = try await server.request(.POST, "/api/v1/studies/\(study)/transition/", json: #"{"action": "PAUSE"}"#)
            #expect(try await server.take(study, try #require(try await server.makeParticipants(1).first)).error?["error_code"]?.int == 40015)
        }
    }

    @Test func theParticipantSideIsTheAdminsOnly() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let study = try await server.publishedStudy()
            #expect(try await server.request(.POST, "/_cohort/participants", json: #"{"count": 1}"#).status == 401)
            #expect(try await server.request(.POST, "/_cohort/studies/\(study)/submissions", json: #"{"participant_id": "\#(participant(1))"}"#).status == 401)
            #expect(try await server.adminRequest(.POST, "/_cohort/participants", json: #"{"count": 0}"#).status == 400)
        }
        try await withServer { server in
            let participants = try await server.request(.POST, "/_cohort/participants", json: #"{"count": 1}"#)
            #expect(participants.status == 404)
            let completion = try await server.request(.GET, "/submissions/complete?cc=C1OK")
            #expect(completion.status == 404)
        }
    }

    @Test func theBrowserPathSetsTheSessionAndTheCompletionRedirectReadsIt() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let study = try await server.publishedStudy()
            let person = participant(7)
            let take = try await server.getWithoutFollowing("/_cohort/take/\(study)?participant_id=\(person)&token=\(TestServer.sandboxAdmin)")
            #expect(take.status == 302, "\(take.text)")
            #expect(take.headers["Location"].first == "https://experiment.example.org/run?pid=\(person)")
            let cookie = try #require(take.headers["Set-Cookie"].first?.split(separator: ";").first.map(String.init))
            #expect(try await server.getWithoutFollowing("/_cohort/take/\(study)?participant_id=\(participant(8))&token=wrong").status == 401)
            let noSession = try await server.request(.GET, "/submissions/complete?cc=C1OK", token: .some(nil))
            #expect(noSession.status == 400)
            let done = try await server.request(.GET, "/submissions/complete?cc=C1OK", token: .some(nil), headers: [("Cookie", cookie)])
            #expect(done.status == 200, "\(done.text)")
            #expect(done.headers["Content-Type"].first?.hasPrefix("text/html") == true)
            let listed = try await server.request(.GET, "/api/v1/submissions/?study=\(study)").json
            #expect(listed["results"]?[0]?["status"]?.string == "AWAITING REVIEW")
            #expect(listed["results"]?[0]?["study_code"]?.string == "C1OK")
        }
    }

    @Test func messagesGoBothWaysAndUnreadIsTheRecipients() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let study = try await server.publishedStudy()
            let person = participant(3)
            let me = try #require(try await server.request(.GET, "/api/v1/users/me/").json["id"]?.string)
            let sent = try await server.request(
                .POST, "/api/v1/messages/", json: #"{"recipient_id": "\#(person)", "body": "Hello", "study_id": "\#(study)"}"#)
            #expect(sent.status == 204, "\(sent.text)")
            #expect(try await server.request(.GET, "/api/v1/messages/unread/").json["results"]?.array?.isEmpty == true)
            let reply = try await server.adminRequest(
                .POST, "/_cohort/participants/\(person)/messages",
                json: #"{"recipient_id": "\#(me)", "body": "Hi back", "study_id": "\#(study)", "category": "feedback"}"#)
            #expect(reply.status == 201, "\(reply.text)")
            let unread = try await server.request(.GET, "/api/v1/messages/unread/").json["results"]?.array ?? []
            #expect(unread.map { $0["body"]?.string } == ["Hi back"])
            #expect(unread.first?["sender_id"]?.string == person)
            #expect(unread.first?["data"]?["category"]?.string == "feedback")
            let thread = try await server.request(.GET, "/api/v1/messages/?user_id=\(person)").json["results"]?.array ?? []
            #expect(thread.map { $0["body"]?.string } == ["Hello", "Hi back"])
            #expect(Set(thread.compactMap { $0["channel_id"]?.string }).count == 1)
            #expect(thread.first?["channel_id"]?.string?.count == 64)
            #expect(try await server.request(.GET, "/api/v1/messages/").status == 400)
            let id = try #require(unread.first?["id"]?.string)
            #expect(try await server.adminRequest(.POST, "/_cohort/messages/\(id)/read").json["read"]?.bool == true)
            #expect(try await server.request(.GET, "/api/v1/messages/unread/").json["results"]?.array?.isEmpty == true)
            // Another researcher sees none of it.
            let other = try await server.addResearcher(email: "other@example.org")
            #expect(try await server.request(.GET, "/api/v1/messages/?user_id=\(person)", token: .some(other)).json["results"]?.array?.isEmpty == true)
        }
    }

    @Test func aTestStudyIsForTheWorkspacesTestParticipants() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let draft = try #require(try await server.createStudy()["id"]?.string)
            #expect(try await server.request(.POST, "/api/v1/studies/\(draft)/test-study").status == 400)
            let tester = try #require(
                try await server.request(.POST, "/api/v1/researchers/participants/", json: #"{"email": "tester@example.org"}"#)
                    .json["participant_id"]?.string)
            let made = try await server.request(.POST, "/api/v1/studies/\(draft)/test-study")
            #expect(made.status == 200, "\(made.text)")
            let test = try #require(try made.json["study_id"]?.string)
            #expect(test != draft)
            #expect(try made.json["study_url"]?.string?.hasSuffix("/_cohort/take/\(test)") == true)
            #expect(try await server.request(.GET, "/api/v1/studies/\(draft)/").json["status"]?.string == "UNPUBLISHED")
            #expect(try await server.request(.GET, "/api/v1/studies/\(test)/").json["status"]?.string == "ACTIVE")
            #expect(try await server.take(test, participant(9)).error?["error_code"]?.int == 40013)
            #expect(try await server.take(test, tester).status == 201)
        }
    }
}
