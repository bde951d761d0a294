import Foundation
import Testing

/// `cohort submissions|bonuses|messages` and `cohort sandbox participants|take|complete|return`,
/// run as a separate process against a real sandbox server: a participant driven from the command
/// line, reviewed, paid and written to.
@Suite struct CommandLineSubmissionsTests {
    func sandbox(_ server: TestServer, _ arguments: [String]) async throws -> ClientCLI.Result {
        try await ClientCLI.run(["sandbox"] + arguments + ["--url", server.baseURL, "--token", TestServer.sandboxAdmin])
    }

    @Test func aParticipantFromTheCommandLineIsReviewedPaidAndWrittenTo() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let cli = try await ClientCLI(server)
            let group = try #require(try await server.createGroup(name: "Done")["id"]?.string)
            let codes = #"[{"code": "C1OK", "code_type": "COMPLETED", "actions": [{"action": "MANUALLY_REVIEW"}, {"action": "ADD_TO_PARTICIPANT_GROUP", "participant_group": "\#(group)"}]}]"#
            let study = try await server.publishedStudy(["total_available_places": "3", "completion_codes": codes])

            let made = try await sandbox(server, ["participants", "--count", "3"])
            try #require(made.status == 0, "\(made)")
            let people = made.lines
            #expect(people.count == 3 && Set(people).count == 3)
            var submissions: [String] = []
            for person in people {
                let taken = try await sandbox(server, ["take", study, "--participant", person])
                try #require(taken.status == 0, "\(taken)")
                #expect(try taken.json["submission"]?["status"]?.string == "ACTIVE")
                submissions.append(try #require(try taken.json["submission"]?["id"]?.string))
            }
            let refused = try await sandbox(server, ["take", study, "--participant", people[0]])
            #expect(refused.status != 0 && (refused.stderr.contains("error_code 40014") || refused.stderr.contains("error_code 40016")), "\(refused)")
            let completed = try await sandbox(server, ["complete", submissions[0], "--code", "C1OK"])
            #expect(try completed.json["status"]?.string == "AWAITING REVIEW", "\(completed)")
            #expect(try await sandbox(server, ["complete", submissions[1]]).json["entered_code"]?.string == "NOCODE")
            #expect(try await sandbox(server, ["return", submissions[2]]).json["status"]?.string == "RETURNED")

            let listed = try await cli.run(["submissions", "list", "--study", study, "--status", "awaiting_review", "--format", "csv"])
            #expect(listed.lines.first == "id,participant_id,status,started_at,completed_at,study_code,return_requested", "\(listed)")
            #expect(listed.lines.dropFirst().map { $0.split(separator: ",").first.map(String.init) } == [submissions[0], submissions[1]])
            let counts = try await cli.run(["submissions", "counts", study])
            #expect(try counts.json["AWAITING REVIEW"]?.int == 2 && counts.json["RETURNED"]?.int == 1, "\(counts)")
            #expect(try await cli.run(["submissions", "get", submissions[0], "--format", "json"]).json["entered_code"]?.string == "C1OK")

            let approved = try await cli.run(["submissions", "approve", submissions[0]])
            #expect(approved.status == 0 && approved.stdout.contains("APPROVED"), "\(approved)")
            let short = try await cli.run(["submissions", "reject", submissions[1], "--category", "low_effort", "--message", "too short"])
            #expect(short.status != 0 && short.stderr.contains("100"), "\(short)")
            #expect(try await server.request(.GET, "/api/v1/submissions/\(submissions[1])/").json["status"]?.string == "AWAITING REVIEW")
            let file = try ClientCLI.file("participant_id\n\(people[1])\n", name: "approve.csv")
            let bulk = try await cli.run(["submissions", "bulk-approve", "--study", study, "--file", file])
            #expect(bulk.status == 0, "\(bulk)")
            #expect(try await server.request(.GET, "/api/v1/submissions/\(submissions[1])/").json["status"]?.string == "APPROVED")

            let bonuses = try ClientCLI.file("\(people[0]),1.50\n", name: "bonuses.csv")
            let created = try await cli.run(["bonuses", "create", "--study", study, "--file", bonuses, "--format", "json"])
            let bonus = try #require(try created.json["id"]?.string, "\(created)")
            #expect(try created.json["amount"]?.int == 150)
            #expect(try await cli.run(["bonuses", "pay", bonus]).status == 0)
            #expect(try await cli.run(["bonuses", "pay", bonus]).status == 0)
            let paid = try await server.request(.GET, "/api/v1/submissions/\(submissions[0])/").json
            #expect(paid["bonus_payments"]?.array?.compactMap(\.int) == [150, 150])
            let stranger = try ClientCLI.file("5e9b9c9b0f9c9a0001b0b1f4,1.00\n", name: "stranger.csv")
            let notInStudy = try await cli.run(["bonuses", "create", "--study", study, "--file", stranger])
            #expect(notInStudy.status != 0 && notInStudy.stderr.contains("5e9b9c9b0f9c9a0001b0b1f4"), "\(notInStudy)")

            let sent = try await cli.run(["messages", "send", "--study", study, "--group", group, "--body", "Thank you!"])
            #expect(sent.status == 0, "\(sent)")
            let both = try await cli.run(["messages", "send", "--study", study, "--to", people[1], "--to", people[2], "--body", "More soon."])
            #expect(both.status == 0, "\(both)")
            let inbox = try await server.adminRequest(.GET, "/_cohort/participants/\(people[0])/messages").json["results"]?.array ?? []
            #expect(inbox.compactMap { $0["body"]?.string } == ["Thank you!"])
            let me = try #require(try await server.request(.GET, "/api/v1/users/me/").json["id"]?.string)
            let answer = try await server.adminRequest(
                .POST, "/_cohort/participants/\(people[2])/messages",
                json: #"{"recipient_id": "\#(me)", "body": "Glad to.", "study_id": "\#(study)"}"#)
            #expect(answer.status == 201, "\(answer.text)")
            let unread = try await cli.run(["messages", "unread", "--format", "csv"])
            #expect(unread.lines.count == 2 && unread.lines[1].hasSuffix("Glad to."), "\(unread)")
            let thread = try await cli.run(["messages", "list", "--user", people[2], "--format", "json"])
            #expect(try thread.json.array?.compactMap { $0["body"]?.string } == ["More soon.", "Glad to."], "\(thread)")
        }
    }

    static let commands: [[String]] = [
        ["submissions"], ["submissions", "list"], ["submissions", "get"], ["submissions", "counts"],
        ["submissions", "approve"], ["submissions", "reject"], ["submissions", "bulk-approve"], ["bonuses"],
        ["bonuses", "create"], ["bonuses", "pay"], ["messages"], ["messages", "send"], ["messages", "list"],
        ["messages", "unread"], ["sandbox", "participants"], ["sandbox", "take"], ["sandbox", "complete"],
        ["sandbox", "return"],
    ]

    @Test(arguments: commands)
    func everyCommandsHelpHasAnExample(_ command: [String]) async throws {
        let help = try await ClientCLI.run(command + ["--help"])
        #expect(help.status == 0, "\(help)")
        #expect(help.stdout.contains("Example"), "cohort \(command.joined(separator: " ")) --help: \(help.stdout)")
    }
}
