import CohortCore
import Foundation
import NIOHTTP1
import Testing

/// The `cohort` client commands, run as a separate process against a real server.
@Suite struct CommandLineClientTests {
    @Test func aMembershipSurvivesARoundTripThroughCSV() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let ids = (1...7).map(participant)
            let created = try await cli.run(["groups", "create", "--workspace", cli.workspace, "--name", "Wave 1"] + ids)
            try #require(created.status == 0, "\(created)")
            let first = try #require(try created.json["id"]?.string)
            #expect(try created.json["participant_count"]?.int == 7)

            let listed = try await cli.run(["members", "list", first, "--format", "csv"])
            try #require(listed.status == 0, "\(listed)")
            #expect(listed.lines.first == "participant_id,datetime_created")
            let file = try ClientCLI.file(listed.stdout, name: "wave1.csv")

            let copied = try await cli.run(["groups", "create", "--workspace", cli.workspace, "--name", "Wave 2", "--file", file])
            try #require(copied.status == 0, "\(copied)")
            let second = try #require(try copied.json["id"]?.string)
            #expect(second != first)
            #expect(try await server.memberIDs(of: second) == server.memberIDs(of: first))
            #expect(Set(try await server.memberIDs(of: second)) == Set(ids))
        }
    }

    @Test func aStudyFromFileToCompletedAndItsCost() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let project = try await server.createProject()
            let file = try ClientCLI.file(studyBody(project: nil), name: "study.json")
            let created = try await cli.run(["studies", "create", "--file", file, "--project", project])
            try #require(created.status == 0, "\(created)")
            let id = try #require(try created.json["id"]?.string)
            #expect(try created.json["project"]?.string == project)
            #expect(try await server.request(.GET, "/api/v1/studies/\(id)/").json["status"]?.string == "UNPUBLISHED")

            let bad = try await cli.run(["studies", "create", "--file", try ClientCLI.file(#"{"name": "x"}"#, name: "bad.json")])
            #expect(bad.status != 0)
            #expect(bad.stderr.contains("reward"), "\(bad)")

            let published = try await cli.run(["studies", "publish", id])
            #expect(published.status == 0, "\(published)")
            #expect(try published.json["status"]?.string == "ACTIVE")
            let listed = try await cli.run(["studies", "list", "--state", "active", "--format", "csv"])
            #expect(listed.lines.first?.hasPrefix("id,name,internal_name,status") == true, "\(listed)")
            #expect(listed.lines.count == 2 && listed.lines[1].hasPrefix(id))
            let more = try await cli.run(["studies", "update", id, "--places", "12", "--internal-name", "wave 1"])
            #expect(try more.json["total_available_places"]?.int == 12, "\(more)")
            #expect(try await cli.run(["studies", "pause", id]).json["status"]?.string == "PAUSED")
            #expect(try await cli.run(["studies", "start", id]).json["status"]?.string == "ACTIVE")
            let cost = try await cli.run(["studies", "cost", id, "--projected", "--format", "csv"])
            #expect(cost.lines == ["kind,rewards,fees,tax,currency", "rewards,1200,400,80,GBP", "bonuses,0,0,0,GBP"], "\(cost)")
            #expect(try await cli.run(["studies", "stop", id]).json["status"]?.string == "COMPLETED")

            let copy = try await cli.run(["studies", "duplicate", id])
            let copyID = try #require(try copy.json["id"]?.string, "\(copy)")
            #expect(try copy.json["filters"]?[0]?["filter_id"]?.string == "previous_studies_blocklist")
            let future = Timestamp(secondsSince1970: Timestamp.now().secondsSince1970 + 86_400).rfc3339
            #expect(try await cli.run(["studies", "schedule", copyID, "--at", future]).json["status"]?.string == "SCHEDULED")
            #expect(try await cli.run(["studies", "schedule", copyID, "--cancel"]).json["status"]?.string == "UNPUBLISHED")
            let deleted = try await cli.run(["studies", "delete", copyID])
            #expect(deleted.status == 0 && deleted.stdout.isEmpty, "\(deleted)")
            #expect(try await server.request(.GET, "/api/v1/studies/\(copyID)/").status == 404)
            let refused = try await cli.run(["studies", "delete", id])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("cannot be deleted"), "\(refused)")
        }
    }

    @Test func groupsListGetCreateUpdateDelete() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let created = try await cli.run(
                ["groups", "create", "--workspace", cli.workspace, "--name", "Pilot", "--description", "first run"])
            try #require(created.status == 0, "\(created)")
            let group = try created.json
            let id = try #require(group["id"]?.string)
            #expect(group["name"]?.string == "Pilot")
            #expect(group["description"]?.string == "first run")
            #expect(group["workspace_id"]?.string == cli.workspace)
            #expect(group["participant_count"]?.int == 0)
            #expect(try await server.group(id)["name"]?.string == "Pilot")

            let got = try await cli.run(["groups", "get", id])
            #expect(got.status == 0, "\(got)")
            #expect(try await got.json == server.group(id))

            let updated = try await cli.run(["groups", "update", id, "--name", "Pilot (final)", "--description", "second run"])
            #expect(updated.status == 0, "\(updated)")
            #expect(try updated.json["name"]?.string == "Pilot (final)")
            let after = try await server.group(id)
            #expect(after["name"]?.string == "Pilot (final)")
            #expect(after["description"]?.string == "second run")
            let renamedOnly = try await cli.run(["groups", "update", id, "--name", "Pilot 3"])
            #expect(renamedOnly.status == 0, "\(renamedOnly)")
            #expect(try await server.group(id)["description"]?.string == "second run")
            let cleared = try await cli.run(["groups", "update", id, "--clear-description"])
            #expect(cleared.status == 0, "\(cleared)")
            #expect(try await server.group(id)["description"]?.isNull == true)
            let nothingToChange = try await cli.run(["groups", "update", id])
            #expect(nothingToChange.status != 0)
            #expect(nothingToChange.stderr.contains("--name"), "\(nothingToChange)")

            let other = try await cli.group(name: "Other")
            let listed = try await cli.run(["groups", "list", "--workspace", cli.workspace])
            #expect(listed.status == 0, "\(listed)")
            #expect(try listed.json.array?.compactMap { $0["id"]?.string } == [id, other])

            let deleted = try await cli.run(["groups", "delete", id])
            #expect(deleted.status == 0, "\(deleted)")
            #expect(deleted.stdout.isEmpty)
            #expect(try await server.group(id)["is_deleted"]?.bool == true)

            let live = try await cli.run(["groups", "list", "--workspace", cli.workspace, "--active", "true"])
            #expect(try live.json.array?.compactMap { $0["id"]?.string } == [other])
            let gone = try await cli.run(["groups", "list", "--workspace", cli.workspace, "--active", "false"])
            #expect(try gone.json.array?.compactMap { $0["id"]?.string } == [id])
            let both = try await cli.run(["groups", "list", "--workspace", cli.workspace, "--project", "5e9b9c9b0f9c9a0000000000"])
            #expect(both.status != 0)
            #expect(both.stderr.contains("exactly one"), "\(both)")
            let none = try await cli.run(["groups", "list"])
            #expect(none.status != 0)
        }
    }

    @Test func groupsInAProjectAndAnOrganisation() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let workspace = try await server.request(.GET, "/api/v1/workspaces/\(cli.workspace)/").json
            let organisation = try #require(workspace["organisation_id"]?.string)
            let project = try #require(
                try await server.request(.POST, "/api/v1/workspaces/\(cli.workspace)/projects/", json: #"{"title": "Study"}"#)
                    .json["id"]?.string)

            let inProject = try await cli.run(["groups", "create", "--project", project, "--name", "Via project"])
            #expect(inProject.status == 0, "\(inProject)")
            #expect(try inProject.json["project_id"]?.string == project)
            let projectGroups = try await cli.run(["groups", "list", "--project", project])
            #expect(try projectGroups.json.array?.compactMap { $0["name"]?.string } == ["Via project"])

            let inOrganisation = try await cli.run(["groups", "create", "--organisation", organisation, "--name", "Lab-wide"])
            #expect(inOrganisation.status == 0, "\(inOrganisation)")
            #expect(try inOrganisation.json["organisation_id"]?.string == organisation)
            let organisationGroups = try await cli.run(["groups", "list", "--organisation", organisation])
            #expect(try organisationGroups.json.array?.compactMap { $0["name"]?.string } == ["Lab-wide"])
        }
    }

    @Test func membersListAddRemoveReplace() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let group = try await cli.group(members: [participant(1), participant(2)])

            let listed = try await cli.run(["members", "list", group])
            #expect(listed.status == 0, "\(listed)")
            let members = try #require(try listed.json.array)
            #expect(members.compactMap { $0["participant_id"]?.string } == [participant(1), participant(2)])
            #expect(members.allSatisfy { $0["datetime_created"]?.string?.hasSuffix("Z") == true })

            let added = try await cli.run(["members", "add", group, participant(2), participant(3), participant(4)])
            #expect(added.status == 0, "\(added)")
            // The answer is the API's: the whole membership after the change.
            #expect(try added.json.array?.compactMap { $0["participant_id"]?.string } == (1...4).map(participant))
            #expect(try await server.memberIDs(of: group) == (1...4).map(participant))

            let removed = try await cli.run(["members", "remove", group, participant(1), participant(3), participant(9)])
            #expect(removed.status == 0, "\(removed)")
            #expect(try removed.json.array?.compactMap { $0["participant_id"]?.string } == [participant(2), participant(4)])
            #expect(try await server.memberIDs(of: group) == [participant(2), participant(4)])

            let replaced = try await cli.run(["members", "replace", group, participant(4), participant(5)])
            #expect(replaced.status == 0, "\(replaced)")
            #expect(try replaced.json["id"]?.string == group)
            #expect(try replaced.json["participant_count"]?.int == 2)
            #expect(Set(try await server.memberIDs(of: group)) == [participant(4), participant(5)])

            let emptied = try await cli.run(["members", "replace", group, "--file", ClientCLI.file("")])
            #expect(emptied.status == 0, "\(emptied)")
            #expect(try await server.memberIDs(of: group).isEmpty)

            let noIDs = try await cli.run(["members", "add", group])
            #expect(noIDs.status != 0)
            #expect(noIDs.stderr.contains("--file"), "\(noIDs)")
        }
    }

    @Test func workspacesListAndWhoami() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let workspaces = try await cli.run(["workspaces", "list"])
            #expect(workspaces.status == 0, "\(workspaces)")
            let expected = try await server.request(.GET, "/api/v1/workspaces/").json["results"]
            #expect(try workspaces.json == expected)
            #expect(try workspaces.json[0]?["id"]?.string == cli.workspace)

            let me = try await cli.run(["whoami"])
            #expect(me.status == 0, "\(me)")
            #expect(try await me.json == server.request(.GET, "/api/v1/users/me/").json)
            let csv = try await cli.run(["whoami", "--format", "csv"])
            #expect(csv.lines.first == "id,email,name")
            #expect(csv.lines.count == 2)
        }
    }

    @Test func jsonIsTheAPIsOwnPrettyPrintedWithSortedKeys() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let group = try await cli.group(name: "a/b", members: [participant(1)])
            let got = try await cli.run(["groups", "get", group, "--format", "json"])
            #expect(try await got.json == server.group(group))
            #expect(got.stdout.contains("\"a/b\""), "slashes are not escaped: \(got.stdout)")
            #expect(got.stdout.contains("\n  \""), "pretty-printed: \(got.stdout)")
            let keys = got.lines.filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
            #expect(keys == keys.sorted())
            #expect(keys.contains("organisation_id"), "nulls are written as null, as the API does")

            // Without --format and with standard output not a terminal, JSON; lists are arrays.
            let listed = try await cli.run(["members", "list", group])
            #expect(try listed.json.array?.count == 1)
            let groups = try await cli.run(["groups", "list", "--workspace", cli.workspace])
            #expect(try groups.json.array?.first?["id"]?.string == group)
        }
    }

    @Test func csvHasAHeaderAndQuotesWhatNeedsIt() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let created = try await cli.run(
                ["groups", "create", "--workspace", cli.workspace, "--name", #"Wave "2", London"#, participant(1), participant(2)])
            let group = try #require(try created.json["id"]?.string, "\(created)")
            let groups = try await cli.run(["groups", "list", "--workspace", cli.workspace, "--format", "csv"])
            #expect(groups.status == 0, "\(groups)")
            #expect(
                groups.lines == [
                    "id,name,description,workspace_id,project_id,organisation_id,participant_count,is_deleted",
                    #"\#(group),"Wave ""2"", London",,\#(cli.workspace),,,2,false"#,
                ])
            let members = try await cli.run(["members", "list", group, "--format", "csv"])
            #expect(members.lines.count == 3)
            #expect(members.lines[0] == "participant_id,datetime_created")
            #expect(members.lines[1].hasPrefix(participant(1) + ","))
            let empty = try await cli.run(["members", "list", try await cli.group(name: "Empty"), "--format", "csv"])
            #expect(empty.lines == ["participant_id,datetime_created"])
        }
    }

    @Test func tableHasAlignedColumnsOrFieldsForOneObject() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let group = try await cli.group(name: "Pilot", members: [participant(1), participant(2)])
            let members = try await cli.run(["members", "list", group, "--format", "table"])
            #expect(members.status == 0, "\(members)")
            #expect(members.lines.count == 3)
            #expect(members.lines[0].hasPrefix("participant_id  "))
            let column = try #require(members.lines[0].range(of: "datetime_created")).lowerBound.utf16Offset(in: members.lines[0])
            for line in members.lines.dropFirst() {
                #expect(line.hasPrefix(participant(0).prefix(14)))
                #expect(line.dropFirst(column).hasSuffix("Z"))
                #expect(line.utf16.count == column + "2020-04-20T12:00:00Z".count)
            }
            let one = try await cli.run(["groups", "get", group, "--format", "table"])
            #expect(one.lines.contains { $0.hasPrefix("name") && $0.hasSuffix("  Pilot") }, "\(one)")
            #expect(one.lines.contains { $0.hasPrefix("participant_count") && $0.hasSuffix(" 2") }, "\(one)")
            let me = try await cli.run(["whoami", "--format", "table"])
            #expect(me.lines.first?.hasPrefix("id") == true, "\(me)")
        }
    }

    @Test func theServerAndTokenCanComeFromTheEnvironment() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let environment = ["PROLIFIC_URL": server.baseURL, "PROLIFIC_TOKEN": server.token]
            let me = try await ClientCLI.run(["whoami"], environment: environment)
            #expect(me.status == 0, "\(me)")
            #expect(try me.json["email"]?.string != nil)
            let created = try await ClientCLI.run(
                ["groups", "create", "--workspace", cli.workspace, "--name", "From env", participant(1)], environment: environment)
            #expect(created.status == 0, "\(created)")
            #expect(try created.json["participant_count"]?.int == 1)
            // A trailing slash on the URL is fine.
            let slash = try await ClientCLI.run(
                ["whoami"], environment: ["PROLIFIC_URL": server.baseURL + "/", "PROLIFIC_TOKEN": server.token])
            #expect(slash.status == 0, "\(slash)")

            // Flags win over the environment.
            let badToken = try await ClientCLI.run(["whoami", "--token", "not-a-token"], environment: environment)
            #expect(badToken.status != 0)
            #expect(badToken.stderr.contains("Authentication credentials were not provided or are not valid"), "\(badToken)")
            let noToken = try await ClientCLI.run(["whoami"], environment: ["PROLIFIC_URL": server.baseURL])
            #expect(noToken.status != 0)
            #expect(noToken.stderr.contains("PROLIFIC_TOKEN"), "\(noToken)")
            let badURL = try await ClientCLI.run(["whoami"], environment: ["PROLIFIC_URL": "not a url", "PROLIFIC_TOKEN": "t"])
            #expect(badURL.status != 0)
            #expect(badURL.stderr.contains("PROLIFIC_URL"), "\(badURL)")
        }
    }

    @Test func aServerErrorPrintsItsTitleAndDetailAndExitsNonZero() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let unknown = participant(999)
            let missing = try await cli.run(["groups", "get", unknown])
            #expect(missing.status != 0)
            #expect(missing.stdout.isEmpty)
            #expect(missing.stderr.contains("Not found"), "\(missing)")
            #expect(missing.stderr.contains("Participant group '\(unknown)' was not found."), "\(missing)")

            let group = try await cli.group(members: [participant(1)])
            _ = try await server.request(.DELETE, "/api/v1/participant-groups/\(group)/")
            // A deleted group still takes members, as on Prolific.
            let deleted = try await cli.run(["members", "add", group, participant(2)])
            #expect(deleted.status == 0, "\(deleted)")
            #expect(try await server.memberIDs(of: group) == [participant(1), participant(2)])
        }
    }

    @Test func aServerThatIsDownIsReportedQuickly() async throws {
        let started = ContinuousClock.now
        let result = try await ClientCLI.run(["whoami", "--url", "http://127.0.0.1:1", "--token", "t"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("No answer from http://127.0.0.1:1"), "\(result)")
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func batchedOperationsSendEverything() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let ids = (1...10).map(participant)
            let group = try await cli.group()
            let added = try await cli.run(["members", "add", group, "--batch-size", "3"] + ids)
            #expect(added.status == 0, "\(added)")
            #expect(try await server.memberIDs(of: group) == ids)
            #expect(try added.json.array?.count == 10)
            // No progress bar when standard error is not a terminal.
            #expect(added.stderr.isEmpty, "\(added)")

            let created = try await cli.run(
                ["groups", "create", "--workspace", cli.workspace, "--name", "Batched", "--batch-size", "3", "--file",
                 ClientCLI.file(ids.joined(separator: "\n"))])
            #expect(created.status == 0, "\(created)")
            #expect(try created.json["participant_count"]?.int == 10)
            #expect(created.stderr.isEmpty, "\(created)")
            let batchedGroup = try #require(try created.json["id"]?.string)
            #expect(Set(try await server.memberIDs(of: batchedGroup)) == Set(ids))

            let replacement = (5...16).map(participant)
            let replaced = try await cli.run(["members", "replace", group, "--batch-size", "4"] + replacement)
            #expect(replaced.status == 0, "\(replaced)")
            #expect(try replaced.json["participant_count"]?.int == 12)
            #expect(Set(try await server.memberIDs(of: group)) == Set(replacement))

            let removed = try await cli.run(["members", "remove", group, "--batch-size", "2"] + (5...11).map(participant))
            #expect(removed.status == 0, "\(removed)")
            #expect(try await server.memberIDs(of: group) == (12...16).map(participant))

            let zero = try await cli.run(["members", "add", group, "--batch-size", "0", participant(1)])
            #expect(zero.status != 0)
        }
    }

    /// A server that takes at most 200 bytes a body: ten ids in one request are refused, in
    /// batches of three they all go in.
    @Test func theBatchSizeBoundsEachRequest() async throws {
        try await withServer(maxBodyBytes: 200) { server in
            let cli = try await ClientCLI(server)
            let ids = (1...10).map(participant)
            let group = try await cli.group()
            let whole = try await cli.run(["members", "add", group] + ids)
            #expect(whole.status != 0)
            #expect(whole.stderr.contains("Request body too large"), "\(whole)")
            #expect(try await server.memberIDs(of: group).isEmpty)

            let batched = try await cli.run(["members", "add", group, "--batch-size", "3"] + ids)
            #expect(batched.status == 0, "\(batched)")
            #expect(try await server.memberIDs(of: group) == ids)
        }
    }

    /// On a terminal: a table by default, and a progress bar on standard error. `script` gives the
    /// command a pseudo-terminal; where there is no `script`, the test has nothing to run under.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func onATerminalATableAndAProgressBar() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let group = try await cli.group()
            let cohort = try CohortProcess.executable.path
            let ids = (1...6).map(participant).joined(separator: " ")
            let command = "\(cohort) members add \(group) \(ids) --batch-size 2 --url \(server.baseURL) --token \(server.token)"
            // Output to a file, and waiting by polling: a blocking read here would hold one of the
            // few threads the in-process server needs to answer the command.
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("script-\(UUID().uuidString)")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: log) }
            let process = try ChildProcess(
                "/usr/bin/script", ["-qec", command, "/dev/null"], environment: ProcessInfo.processInfo.environment,
                stdout: log.path)
            let status = try await process.waitForExit()
            let text = try String(contentsOf: log, encoding: .utf8)
            #expect(status == 0, "\(text)")
            #expect(text.contains("\r[##########--------------------] 2/6 participant ids"), "\(text)")
            #expect(text.contains("\r[##############################] 6/6 participant ids"), "\(text)")
            #expect(text.contains("participant_id            datetime_created"), "a table: \(text)")
            #expect(try await server.memberIDs(of: group).count == 6)
        }
    }

    static let commands: [[String]] = [
        [], ["groups"], ["groups", "list"], ["groups", "get"], ["groups", "create"], ["groups", "update"],
        ["groups", "delete"], ["members"], ["members", "list"], ["members", "add"], ["members", "remove"],
        ["members", "replace"], ["workspaces"], ["workspaces", "list"], ["whoami"], ["serve"], ["token"],
        ["token", "create"],
    ]

    @Test(arguments: commands)
    func everyCommandsHelpHasAnExample(_ command: [String]) async throws {
        let help = try await ClientCLI.run(command + ["--help"])
        #expect(help.status == 0, "\(help)")
        #expect(help.stdout.contains("Example"), "cohort \(command.joined(separator: " ")) --help: \(help.stdout)")
    }
}
