import CohortClient
import Foundation
import Testing

/// The SDK's submission, bonus and message calls, and the sandbox's participant side, against a
/// real sandbox server: a researcher's client and a participant driven by the admin token.
@Suite struct SDKSubmissionsTests {
    static func clients(_ server: TestServer) -> (researcher: ProlificClient, sandbox: ProlificClient) {
        let url = URL(string: server.baseURL)!
        return (
            ProlificClient(configuration: ClientConfiguration(baseURL: url, token: server.token, pageSize: 1)),
            ProlificClient(configuration: ClientConfiguration(baseURL: url, token: TestServer.sandboxAdmin))
        )
    }

    static func draft(_ client: ProlificClient, places: Int, group: String, workspace: String) async throws -> Study {
        var body = StudyBody()
        body.project = try await client.createProject(in: workspace, title: "Typed").short.id
        body.name = "Typed submissions"
        body.description = "Made with the SDK"
        body.externalStudyUrl = "https://experiment.example.org/?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}"
        body.prolificIdOption = "url_parameters"
        body.totalAvailablePlaces = Double(places)
        body.estimatedCompletionTime = 10
        body.reward = 200
        body.completionCodes = [
            CompletionCode(
                code: "DONE", codeType: "COMPLETED",
                actions: [
                    CompletionCodeAction(action: "MANUALLY_REVIEW"),
                    CompletionCodeAction(action: "ADD_TO_PARTICIPANT_GROUP", participantGroup: group),
                ])
        ]
        return try await client.createStudy(body)
    }

    @Test func participantsTakeCompleteAndAreReviewedPaidAndMessaged() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let (client, sandbox) = Self.clients(server)
            let workspace = try await server.firstWorkspaceID()
            let group = try await client.createGroup(name: "Finished", in: .workspace(workspace))
            let study = try await client.transitionStudy(try await Self.draft(client, places: 3, group: group.id, workspace: workspace).id, .publish)
            let people = try await sandbox.makeSandboxParticipants(count: 4)
            #expect(Set(people).count == 4)

            var places: [SandboxPlace] = []
            for person in people.prefix(3) { places.append(try await sandbox.takeSandboxPlace(study: study.id, participant: person)) }
            #expect(places[0].submission.status == .active)
            #expect(places[0].startUrl == "https://experiment.example.org/?PROLIFIC_PID=\(people[0])&STUDY_ID=\(study.id)")
            await #expect {
                try await sandbox.takeSandboxPlace(study: study.id, participant: people[3])
            } throws: { error in
                guard case .api(400, 40016, _, _) = error as? ProlificError else { return false }
                return true
            }

            let first = try await sandbox.completeSandboxSubmission(places[0].submission.id, code: "DONE")
            #expect(first.status == .awaitingReview && first.enteredCode == "DONE")
            let second = try await sandbox.completeSandboxSubmission(places[1].submission.id, code: nil)
            #expect(second.enteredCode == "NOCODE")
            #expect(try await sandbox.returnSandboxSubmission(places[2].submission.id).status == .returned)
            #expect(try await client.members(of: group.id).all().map(\.participantId) == [people[0]])

            // Lists, a filtered list paged one by one, a submission, the counts.
            #expect(try await client.submissions(ofStudy: study.id).map(\.participantId) == Array(people.prefix(3)))
            let waiting = try await client.submissions(inStudy: study.id, matching: .init(status: .awaitingReview)).all()
            #expect(waiting.map(\.id) == [first.id, second.id])
            var returnedOnly = SubmissionQuery()
            returnedOnly.returned = true
            #expect(try await client.submissions(inStudy: study.id, matching: returnedOnly).all().map(\.id) == [places[2].submission.id])
            #expect(try await client.submission(first.id) == first)
            let counts = try await client.submissionCounts(ofStudy: study.id)
            #expect(counts.awaitingReview == 2 && counts.returned == 1 && counts.total == 3)

            // Review: one approved alone, the other in bulk; then the study is done with.
            #expect(try await client.transitionSubmission(first.id, .approve).status == .approved)
            #expect(try await client.transitionSubmission(first.id, .approve).status == .approved, "the same request twice")
            try await client.bulkApprove(study: study.id, participants: [people[1]])
            #expect(try await client.submission(second.id).status == .approved)

            // A return requested of the participant who took the freed place.
            let fourth = try await sandbox.takeSandboxPlace(study: study.id, participant: people[3])
            let asked = try await client.requestReturn(ofSubmission: fourth.submission.id, reasons: ["The study did not load."])
            #expect(asked.returnRequested != nil && asked.status == .active)

            // Bonuses: set up from amounts in cents, paid twice, spent twice.
            let before = try #require(try await client.balance(ofWorkspace: workspace).totalBalance)
            let bonus = try await client.createBonuses(study: study.id, [Bonus(id: people[0], cents: 150)])
            #expect(bonus.amount == 150 && bonus.totalAmount > 150)
            try await client.payBonuses(bonus.id)
            try await client.payBonuses(bonus.id)
            #expect(try await client.submission(first.id).bonusPayments == [150, 150])
            #expect(try await client.balance(ofWorkspace: workspace).totalBalance == before - 2 * bonus.totalAmount)
            await #expect {
                try await client.createBonuses(study: study.id, csv: "5e9b9c9b0f9c9a0001b0b1f4,1.00")
            } throws: { ($0 as? ProlificError)?.status == 400 }

            // Messages: to the group, to one, to several; and the participant's answer.
            try await client.sendMessage(toGroup: group.id, body: "Thank you for taking part.", study: study.id)
            try await client.sendMessage(to: people[1], body: "A question about your answers.", study: study.id)
            try await client.sendMessage(toParticipants: [people[1], people[3]], body: "A follow-up is coming.", study: study.id)
            let inbox = try await sandbox.sandboxMessages(ofParticipant: people[0])
            #expect(inbox.contains { $0.body == "Thank you for taking part." })
            #expect(try await sandbox.sandboxMessages(ofParticipant: people[1]).count == 2)
            let me = try await client.me()
            let answer = try await sandbox.sendSandboxMessage(from: people[1], to: me.id, body: "Happy to help.", study: study.id)
            #expect(try await client.unreadMessages().map(\.id) == [answer.id])
            #expect(try await sandbox.readSandboxMessage(answer.id).read)
            #expect(try await client.unreadMessages().isEmpty)
            #expect(try await client.messages(with: people[1]).map(\.body).contains("Happy to help."))
            let now = try #require(ISO8601DateFormatter().date(from: try await sandbox.sandboxClock()))
            let anHourAgo = ISO8601DateFormatter().string(from: now.addingTimeInterval(-3600))
            #expect(try await client.messages(createdAfter: anHourAgo, excludingSenders: [me.id]).map(\.id) == [answer.id])
        }
    }

    @Test func aTestStudyIsOpenToTestParticipantsOnly() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let (client, sandbox) = Self.clients(server)
            let workspace = try await server.firstWorkspaceID()
            let group = try await client.createGroup(name: "unused", in: .workspace(workspace))
            let draft = try await Self.draft(client, places: 2, group: group.id, workspace: workspace)
            let tester = try await client.createTestParticipant(email: "tester@example.org")
            let test = try await client.createTestStudy(from: draft.id)
            #expect(try await client.study(test.studyId).status == "ACTIVE")
            #expect(try await client.study(draft.id).status == "UNPUBLISHED")
            let outsider = try await sandbox.makeSandboxParticipants(count: 1)[0]
            await #expect {
                try await sandbox.takeSandboxPlace(study: test.studyId, participant: outsider)
            } throws: { error in
                guard case .api(400, 40013, _, _) = error as? ProlificError else { return false }
                return true
            }
            #expect(try await sandbox.takeSandboxPlace(study: test.studyId, participant: tester).submission.participant == tester)
        }
    }

    @Test func theAdminCallsNeedTheAdminToken() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let (client, _) = Self.clients(server)
            await #expect { try await client.makeSandboxParticipants(count: 1) } throws: { ($0 as? ProlificError)?.status == 401 }
        }
    }
}
