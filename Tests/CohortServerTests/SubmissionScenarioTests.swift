import Foundation
import Testing

/// Issue 13's scenario, as a client runs it over HTTP (on SQLite, and on PostgreSQL in the HTTP
/// suite's second pass): a code that fills a group, returns and replacements, the study's counts,
/// status, money and feeders, bonuses paid twice, a message to the group, and the group's
/// allowlist and blocklist in later studies.
@Suite struct SubmissionScenarioTests {
    @Test func aCodeFillsAGroupThatLaterStudiesAllowAndBlock() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let workspace = try await server.firstWorkspaceID()
            let group = try #require(try await server.createGroup(name: "Completed wave 1")["id"]?.string)
            let codes = #"[{"code": "DONE", "code_type": "COMPLETED", "actions": [{"action": "AUTOMATICALLY_APPROVE"}, {"action": "ADD_TO_PARTICIPANT_GROUP", "participant_group": "\#(group)"}]}]"#
            let study = try await server.publishedStudy(["total_available_places": "4", "completion_codes": codes])
            let people = try await server.makeParticipants(5)
            #expect(Set(people).count == 5)

            var submissions: [String] = []
            for person in people.prefix(4) { submissions.append(try await server.taken(study, person)) }
            let full = try await server.take(study, people[4])
            #expect(full.status == 400)
            #expect(full.error?["error_code"]?.int == 40016, "\(full.text)")

            var completedAt: [String: String] = [:]
            for (index, submission) in submissions.prefix(3).enumerated() {
                try await server.advanceClock(seconds: 60)
                let done = try await server.complete(submission, code: "DONE")
                #expect(done.status == 200, "\(done.text)")
                #expect(try done.json["status"]?.string == "APPROVED")
                #expect(try done.json["entered_code"]?.string == "DONE")
                completedAt[people[index]] = try done.json["completed_at"]?.string
            }
            let returned = try await server.adminRequest(.POST, "/_cohort/submissions/\(submissions[3])/return")
            #expect(try returned.json["status"]?.string == "RETURNED")
            let fifth = try await server.taken(study, people[4])
            let noCode = try await server.complete(fifth, code: nil)
            #expect(try noCode.json["status"]?.string == "AWAITING REVIEW")
            #expect(try noCode.json["entered_code"]?.string == "NOCODE")

            // The group has exactly the three who completed with the code, dated then.
            let members = try await server.request(.GET, "/api/v1/participant-groups/\(group)/participants/").json
            let listed = try #require(members["results"]?.array)
            #expect(Set(listed.compactMap { $0["participant_id"]?.string }) == Set(people.prefix(3)))
            for member in listed {
                let id = try #require(member["participant_id"]?.string)
                #expect(member["datetime_created"]?.string == completedAt[id])
            }
            let feeders = try #require(try await server.group(group)["feeder_studies"]?.array)
            #expect(feeders.compactMap { $0["id"]?.string } == [study])

            // Counts, places and status as the document implies: full, nobody taking part, one to review.
            let counts = try await server.request(.GET, "/api/v1/studies/\(study)/submissions/counts/").json
            #expect(counts["APPROVED"]?.int == 3)
            #expect(counts["RETURNED"]?.int == 1)
            #expect(counts["AWAITING REVIEW"]?.int == 1)
            #expect(counts["ACTIVE"]?.int == 0)
            #expect(counts["TOTAL"]?.int == 5)
            let running = try await server.request(.GET, "/api/v1/studies/\(study)/").json
            #expect(running["places_taken"]?.int == 4)
            #expect(running["number_of_submissions"]?.int == 5)
            #expect(running["status"]?.string == "AWAITING REVIEW")

            // Three approvals paid (reward 100 + fee 33 + VAT 7 each); the fourth place still held.
            let balancePath = "/api/v1/workspaces/\(workspace)/balance/"
            let balance = try await server.request(.GET, balancePath).json
            #expect(balance["total_balance"]?.int == 1_000_000 - 3 * 140)
            #expect(balance["available_balance"]?.int == 1_000_000 - 4 * 140)

            // Approving the fifth completes the study, and nothing stays held.
            let approved = try await server.request(
                .POST, "/api/v1/submissions/\(fifth)/transition/", json: #"{"action": "APPROVE"}"#)
            #expect(try approved.json["status"]?.string == "APPROVED", "\(approved.text)")
            #expect(try await server.request(.GET, "/api/v1/studies/\(study)/").json["status"]?.string == "COMPLETED")
            let settled = try await server.request(.GET, balancePath).json
            #expect(settled["total_balance"]?.int == 1_000_000 - 4 * 140)
            #expect(settled["available_balance"]?.int == 1_000_000 - 4 * 140)

            // A bonus paid twice is spent twice.
            let bonus = try await server.request(
                .POST, "/api/v1/submissions/bonus-payments/",
                json: #"{"study_id": "\#(study)", "csv_bonuses": "\#(people[0]),1.00\n"}"#)
            #expect(bonus.status == 201, "\(bonus.text)")
            #expect(try bonus.json["amount"]?.int == 100)
            #expect(try bonus.json["total_amount"]?.int == 140)
            let bonusID = try #require(try bonus.json["id"]?.string)
            for _ in 0..<2 {
                #expect(try await server.request(.POST, "/api/v1/bulk-bonus-payments/\(bonusID)/pay/").status == 202)
            }
            #expect(try await server.request(.GET, balancePath).json["total_balance"]?.int == 1_000_000 - 4 * 140 - 2 * 140)
            let paid = try await server.request(.GET, "/api/v1/submissions/\(submissions[0])/").json
            #expect(paid["bonus_payments"] == .array([.number(100), .number(100)]))
            let cost = try await server.request(.GET, "/api/v1/studies/\(study)/cost/").json
            #expect(cost["rewards"]?["rewards"]?["amount"]?.int == 400, "\(cost)")
            #expect(cost["rewards"]?["fees"]?["amount"]?.int == 4 * 33)
            #expect(cost["bonuses"]?["rewards"]?["amount"]?.int == 200)
            #expect(cost["bonuses"]?["tax"]?["amount"]?.int == 14)

            // A message to the group reaches its three members' inboxes, and nobody else's.
            let sent = try await server.request(
                .POST, "/api/v1/messages/participant-group/",
                json: #"{"participant_group_id": "\#(group)", "body": "Thank you: a follow-up is coming.", "study_id": "\#(study)"}"#)
            #expect(sent.status == 204, "\(sent.text)")
            for (index, person) in people.enumerated() {
                let inbox = try await server.adminRequest(.GET, "/_cohort/participants/\(person)/messages").json
                let bodies = inbox["results"]?.array?.compactMap { $0["body"]?.string } ?? []
                #expect(bodies.contains("Thank you: a follow-up is coming.") == (index < 3), "\(person)")
            }

            // A study allowing the group takes its members only; one blocking it, the reverse.
            let allowlist = #"[{"filter_id": "participant_group_allowlist", "selected_values": ["\#(group)"]}]"#
            let blocklist = #"[{"filter_id": "participant_group_blocklist", "selected_values": ["\#(group)"]}]"#
            let allowing = try await server.publishedStudy(["filters": allowlist])
            let blocking = try await server.publishedStudy(["filters": blocklist])
            let outsider = try await server.take(allowing, people[3])
            #expect(outsider.status == 400)
            #expect(outsider.error?["error_code"]?.int == 40013, "\(outsider.text)")
            #expect(try await server.take(allowing, people[0]).status == 201)
            let member = try await server.take(blocking, people[1])
            #expect(member.error?["error_code"]?.int == 40013, "\(member.text)")
            #expect(try await server.take(blocking, people[3]).status == 201)
        }
    }
}
