import CohortCore
import CohortServer
import NIOHTTP1
import Foundation
import Testing

/// A study's status machine and the wallet it moves, over HTTP; scheduled publishing on the
/// sandbox clock; groups' `feeder_studies`; costs and estimates.
@Suite struct StudyLifecycleTests {
    static let admin = "admin-token-for-the-study-tests"

    static func sandboxed(_ configuration: inout ServerConfiguration) {
        configuration.sandbox = .init(adminToken: admin)
    }

    func transition(_ server: TestServer, _ id: String, _ body: String) async throws -> TestResponse {
        try await server.request(.POST, "/api/v1/studies/\(id)/transition/", json: body)
    }

    @Test func publishingReservesTheCostAndStoppingReleasesIt() async throws {
        try await withServer { server in
            let workspace = try await server.firstWorkspaceID()
            let balancePath = "/api/v1/workspaces/\(workspace)/balance/"
            let start = try await server.request(.GET, balancePath).json
            #expect(start["currency_code"]?.string == "GBP")
            #expect(start["total_balance"]?.int == 1_000_000)
            #expect(start["available_balance"]?.int == 1_000_000)
            let id = try #require(try await server.createStudy()["id"]?.string)

            let published = try await transition(server, id, #"{"action": "PUBLISH"}"#)
            #expect(published.status == 200, "\(published.text)")
            #expect(try published.json["status"]?.string == "ACTIVE")
            #expect(try published.json["published_at"]?.string != nil)
            let held = try await server.request(.GET, balancePath).json
            #expect(held["total_balance"]?.int == 1_000_000)
            #expect(held["available_balance"]?.int == 1_000_000 - 1400)

            #expect(try await transition(server, id, #"{"action": "PAUSE"}"#).json["status"]?.string == "PAUSED")
            #expect(try await transition(server, id, #"{"action": "START"}"#).json["status"]?.string == "ACTIVE")
            // More places are paid for at once.
            #expect(try await server.request(.PATCH, "/api/v1/studies/\(id)/", json: #"{"total_available_places": 20}"#).status == 200)
            #expect(try await server.request(.GET, balancePath).json["available_balance"]?.int == 1_000_000 - 2800)

            let stopped = try await transition(server, id, #"{"action": "STOP"}"#)
            #expect(try stopped.json["status"]?.string == "COMPLETED")
            // No place was taken: everything held is released.
            #expect(try await server.request(.GET, balancePath).json["available_balance"]?.int == 1_000_000)
            // A completed study given more places recruits again.
            let reopened = try await server.request(.PATCH, "/api/v1/studies/\(id)/", json: #"{"total_available_places": 21}"#)
            #expect(try reopened.json["status"]?.string == "ACTIVE")
            #expect(try await server.request(.GET, balancePath).json["available_balance"]?.int == 1_000_000 - 140)
        }
    }

    @Test func anActionTheStatusDoesNotAllowChangesNothing() async throws {
        try await withServer { server in
            let id = try #require(try await server.createStudy()["id"]?.string)
            for action in ["PAUSE", "START", "STOP", "CANCEL_PUBLISH"] {
                let response = try await transition(server, id, #"{"action": "\#(action)"}"#)
                #expect(response.status == 400, "\(action)")
                #expect(response.error?["error_code"]?.int == 40010, "\(action): \(response.text)")
            }
            _ = try await transition(server, id, #"{"action": "PUBLISH"}"#)
            let active = try await server.request(.GET, "/api/v1/studies/\(id)/").json
            for action in ["PUBLISH", "SCHEDULE_PUBLISH", "START", "CANCEL_PUBLISH"] {
                #expect(try await transition(server, id, #"{"action": "\#(action)", "publish_at": "2099-01-01T00:00:00Z"}"#).status == 400)
            }
            let unknown = try await transition(server, id, #"{"action": "LAUNCH"}"#)
            #expect(unknown.status == 400)
            #expect(unknown.error?["detail"]?["action"] != nil)
            #expect(try await server.request(.GET, "/api/v1/studies/\(id)/").json == active)
        }
    }

    @Test func aShortWalletRefusesToPublishAndTheSandboxTopsItUp() async throws {
        try await withServer(configure: Self.sandboxed) { server in
            let admin = String??.some(Self.admin)
            let workspace = try await server.firstWorkspaceID()
            let wallet = "/_cohort/workspaces/\(workspace)/wallet"
            let drained = try await server.request(.PUT, wallet, json: #"{"total_balance": 1000}"#, token: admin)
            #expect(drained.status == 200, "\(drained.text)")
            #expect(try drained.json["available_balance"]?.int == 1000)
            let id = try #require(try await server.createStudy()["id"]?.string)
            let refused = try await transition(server, id, #"{"action": "PUBLISH"}"#)
            #expect(refused.status == 400)
            #expect(refused.error?["error_code"]?.int == 40011, "\(refused.text)")
            #expect(try await server.request(.GET, "/api/v1/studies/\(id)/").json["status"]?.string == "UNPUBLISHED")
            #expect(try await server.request(.GET, "/api/v1/workspaces/\(workspace)/balance/").json["available_balance"]?.int == 1000)

            _ = try await server.request(.PUT, wallet, json: #"{"total_balance": 1400}"#, token: admin)
            #expect(try await transition(server, id, #"{"action": "PUBLISH"}"#).status == 200)
            let balance = try await server.request(.GET, "/api/v1/workspaces/\(workspace)/balance/").json
            #expect(balance["total_balance"]?.int == 1400)
            #expect(balance["available_balance"]?.int == 0)
            // What a published study holds cannot be drained away.
            #expect(try await server.request(.PUT, wallet, json: #"{"total_balance": 100}"#, token: admin).status == 400)
            #expect(try await server.request(.PUT, wallet, json: #"{"total_balance": -1}"#, token: admin).status == 400)
            #expect(try await server.request(.PUT, wallet, json: #"{"total_balance": 5000}"#).status == 401)
            #expect(try await server.request(.PUT, "/_cohort/workspaces/64a000000000000000000001/wallet", json: #"{"total_balance": 5}"#, token: admin).status == 404)
        }
    }

    @Test func aScheduledStudyGoesLiveWhenTheClockPassesPublishAt() async throws {
        try await withServer(configure: Self.sandboxed) { server in
            let admin = String??.some(Self.admin)
            let now = try #require(try await server.request(.GET, "/_cohort/clock", token: admin).json["now"]?.string)
            let inAnHour = try #require(Timestamp(rfc3339: now)).secondsSince1970 + 3600
            let publishAt = Timestamp(secondsSince1970: inAnHour).rfc3339
            let id = try #require(try await server.createStudy()["id"]?.string)
            #expect(try await transition(server, id, #"{"action": "SCHEDULE_PUBLISH"}"#).error?["detail"]?["publish_at"] != nil)
            #expect(try await transition(server, id, #"{"action": "SCHEDULE_PUBLISH", "publish_at": "\#(now)"}"#).status == 400)
            let scheduled = try await transition(server, id, #"{"action": "SCHEDULE_PUBLISH", "publish_at": "\#(publishAt)"}"#)
            #expect(scheduled.status == 200, "\(scheduled.text)")
            #expect(try scheduled.json["status"]?.string == "SCHEDULED")
            #expect(try scheduled.json["publish_at"]?.string == publishAt)
            #expect(try await transition(server, id, #"{"action": "CANCEL_PUBLISH"}"#).json["status"]?.string == "UNPUBLISHED")
            _ = try await transition(server, id, #"{"action": "SCHEDULE_PUBLISH", "publish_at": "\#(publishAt)"}"#)

            // The clock is the machine's time plus the advances: half an hour leaves a margin.
            _ = try await server.request(.POST, "/_cohort/clock", json: #"{"advance_seconds": 1800}"#, token: admin)
            #expect(try await server.request(.GET, "/api/v1/studies/\(id)/").json["status"]?.string == "SCHEDULED")
            _ = try await server.request(.POST, "/_cohort/clock", json: #"{"advance_seconds": 1800}"#, token: admin)
            #expect(try await server.request(.GET, "/api/v1/studies/?state=ACTIVE").json["results"]?[0]?["id"]?.string == id)
            let live = try await server.request(.GET, "/api/v1/studies/\(id)/").json
            #expect(live["status"]?.string == "ACTIVE")
            #expect(live["published_at"]?.string == publishAt)
            #expect(live["publish_at"]?.isNull == true)
        }
    }

    @Test func aGroupShowsTheStudiesItsCodesFeedAsTheyChange() async throws {
        try await withServer { server in
            let group = try #require(try await server.createGroup(name: "Completers")["id"]?.string)
            let other = try #require(try await server.createGroup(name: "Other")["id"]?.string)
            #expect(try await server.group(group)["feeder_studies"] == .array([]))
            let codes = #"""
                [{"code": "DONE", "code_type": "COMPLETED", "actions": [{"action": "MANUALLY_REVIEW"}, {"action": "ADD_TO_PARTICIPANT_GROUP", "participant_group": "\#(group)"}]},
                 {"code": "FAIL", "code_type": "FAILED_ATTENTION_CHECK", "actions": [{"action": "MANUALLY_REVIEW"}, {"action": "REMOVE_FROM_PARTICIPANT_GROUP", "participant_group": "\#(group)"}]}]
                """#
            let study = try await server.createStudy(["completion_codes": codes, "internal_name": #""wave 1""#])
            let id = try #require(study["id"]?.string)
            let feeders = try await server.group(group)["feeder_studies"]
            #expect(feeders?.array?.count == 1)
            #expect(feeders?[0]?["id"]?.string == id)
            #expect(feeders?[0]?["status"]?.string == "UNPUBLISHED")
            #expect(feeders?[0]?["internal_name"]?.string == "wave 1")
            #expect(feeders?[0]?["feeder_completion_codes"]?[0]?["code"]?.string == "DONE")
            #expect(feeders?[0]?["feeder_completion_codes"]?[0]?["action"]?.string == "ADD_TO_PARTICIPANT_GROUP")
            #expect(feeders?[0]?["feeder_completion_codes"]?[1]?["action"]?.string == "REMOVE_FROM_PARTICIPANT_GROUP")
            #expect(try await server.group(other)["feeder_studies"] == .array([]))
            let list = try await server.request(.GET, "/api/v1/participant-groups/?workspace_id=\(try await server.firstWorkspaceID())").json
            #expect(list["results"]?.array?.first { $0["id"]?.string == group }?["feeder_studies"] == feeders)

            _ = try await transition(server, id, #"{"action": "PUBLISH"}"#)
            #expect(try await server.group(group)["feeder_studies"]?[0]?["status"]?.string == "ACTIVE")
            // Codes that move to the other group move the study with them.
            let draft = try #require(try await server.createStudy(["completion_codes": codes])["id"]?.string)
            _ = try await server.request(
                .PATCH, "/api/v1/studies/\(draft)/", json: #"{"completion_codes": \#(codes.replacingOccurrences(of: group, with: other))}"#)
            #expect(try await server.group(other)["feeder_studies"]?[0]?["id"]?.string == draft)
            #expect(try await server.group(group)["feeder_studies"]?.array?.count == 1)
            _ = try await server.request(.DELETE, "/api/v1/studies/\(draft)/")
            #expect(try await server.group(other)["feeder_studies"] == .array([]))
        }
    }

    @Test func costsAndEstimatesFollowTheRates() async throws {
        try await withServer(configure: { $0.money = .init(feePercent: 25, vatPercent: 10, startingBalanceCents: 50_000) }) { server in
            let calculated = try await server.request(
                .POST, "/api/v1/study-cost-calculator/", json: #"{"reward": 150, "total_available_places": 20}"#)
            #expect(calculated.status == 200, "\(calculated.text)")
            // 3000 in rewards, 750 in fees, 75 in VAT.
            #expect(try calculated.json["total_cost"]?.int == 3825)
            #expect(try await server.request(.POST, "/api/v1/study-cost-calculator/", json: #"{"reward": 1.5, "total_available_places": 20}"#).status == 400)
            let id = try #require(try await server.createStudy(["reward": "150", "total_available_places": "20"])["id"]?.string)
            let spent = try await server.request(.GET, "/api/v1/studies/\(id)/cost/").json
            #expect(spent["rewards"]?["rewards"]?["amount"]?.int == 0)
            let projected = try await server.request(.GET, "/api/v1/studies/\(id)/cost/?is_projected=true").json
            #expect(projected["rewards"]?["rewards"]?["amount"]?.int == 3000)
            #expect(projected["rewards"]?["fees"]?["amount"]?.int == 750)
            #expect(projected["rewards"]?["tax"]?["amount"]?.int == 75)
            #expect(projected["rewards"]?["tax"]?["currency"]?.string == "GBP")
            #expect(projected["bonuses"]?["rewards"]?["amount"]?.int == 0)
            let workspace = try await server.firstWorkspaceID()
            #expect(try await server.request(.GET, "/api/v1/workspaces/\(workspace)/balance/").json["total_balance"]?.int == 50_000)

            let predicted = try await server.request(.GET, "/api/v1/studies/\(id)/predicted-recruitment-time/")
            #expect(predicted.status == 200, "\(predicted.text)")
            let hours = try #require(try predicted.json["precise_recruitment_time_hours"]?.number)
            #expect(try predicted.json["lower_bound_hours"]?.number ?? .infinity < hours)
            #expect(try predicted.json["upper_bound_hours"]?.number ?? 0 > hours)
            let posted = try await server.request(
                .POST, "/api/v1/studies/predicted-recruitment-time/",
                json: #"{"filters": [], "workspace_id": "\#(workspace)", "reward": 150, "study_type": "SINGLE", "total_available_places": 20, "estimated_completion_time": 5}"#)
            #expect(try posted.json["precise_recruitment_time_hours"]?.number == hours)
            let more = try await server.request(
                .POST, "/api/v1/studies/predicted-recruitment-time/",
                json: #"{"filters": [], "workspace_id": "\#(workspace)", "reward": 150, "study_type": "SINGLE", "total_available_places": 200, "estimated_completion_time": 5}"#)
            #expect(try more.json["precise_recruitment_time_hours"]?.number ?? 0 > hours)

            let recommended = try await server.request(
                .GET, "/api/v1/reward-recommendations/?workspace_id=\(workspace)&currency=USD&screener_ids=a,b").json
            #expect(recommended[0]?["currency"]?.string == "USD")
            #expect(recommended[0]?["min_reward_per_hour"]?.int == 800)
            #expect(recommended[0]?["recommended_reward_per_hour"]?.int ?? 0 > 800)
        }
    }
}
