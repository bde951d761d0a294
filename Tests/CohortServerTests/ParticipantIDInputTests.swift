import Foundation
import Testing

/// Participant ids as arguments, from `--file` and from standard input: what is read, what is
/// skipped, and that invalid ids stop everything before a request is made.
@Suite struct ParticipantIDInputTests {
    @Test func aPlainListWithBlankLinesAHeaderAndWindowsLineEndings() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let group = try await cli.group()
            let text = "\u{FEFF}participant_id\r\n\r\n\(participant(1))\r\n   \r\n  \(participant(2))  \r\n\(participant(3))"
            let result = try await cli.run(["members", "add", group, "--file", ClientCLI.file(text)])
            #expect(result.status == 0, "\(result)")
            #expect(try await server.memberIDs(of: group) == [participant(1), participant(2), participant(3)])
        }
    }

    @Test func aListWithoutAHeader() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let group = try await cli.group()
            let text = "\n\(participant(1))\n\(participant(2))\n\(participant(1))\n\n"
            let result = try await cli.run(["members", "add", group, "--file", ClientCLI.file(text, name: "ids.txt")])
            #expect(result.status == 0, "\(result)")
            #expect(try await server.memberIDs(of: group) == [participant(1), participant(2)])
        }
    }

    @Test func aCSVWhoseParticipantIDColumnIsNotFirstWithQuotedFields() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let group = try await cli.group()
            let text = [
                #"submission_id,"Participant id",status,"note, with comma""#,
                #"s1,\#(participant(1)),APPROVED,"fine""#,
                #"s2,"\#(participant(2))",APPROVED,"said ""hello, there""""#,
                "",
                #"s3,\#(participant(3)),RETURNED,"two"#,
                #"lines""#,
            ].joined(separator: "\n")
            let result = try await cli.run(["members", "add", group, "--file", ClientCLI.file(text)])
            #expect(result.status == 0, "\(result)")
            #expect(try await server.memberIDs(of: group) == [participant(1), participant(2), participant(3)])
        }
    }

    @Test func standardInputWithADash() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let group = try await cli.group(members: [participant(1)])
            let added = try await cli.run(["members", "add", group, "--file", "-"], stdin: "\(participant(2))\n\(participant(3))\n")
            #expect(added.status == 0, "\(added)")
            #expect(try await server.memberIDs(of: group) == (1...3).map(participant))

            let csv = "participant_id,datetime_created\n\(participant(1)),2020-04-20T12:00:00Z\n"
            let replaced = try await cli.run(["members", "replace", group, "--file", "-"], stdin: csv)
            #expect(replaced.status == 0, "\(replaced)")
            #expect(try await server.memberIDs(of: group) == [participant(1)])

            let created = try await cli.run(
                ["groups", "create", "--workspace", cli.workspace, "--name", "From stdin", "--file", "-"],
                stdin: "\(participant(7))\n")
            #expect(created.status == 0, "\(created)")
            #expect(try created.json["participant_count"]?.int == 1)
        }
    }

    @Test func everyInvalidIDInAFileIsReportedWithItsLineAndNothingIsSent() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let group = try await cli.group(members: [participant(1), participant(2)])
            let before = try await server.group(group)
            let text = """
                participant_id
                \(participant(3))
                5E9B9C9B0F9C9A0000000004

                \(participant(5))
                not-an-id
                \(participant(6))x
                """
            let file = try ClientCLI.file(text)
            for command in [["members", "add", group], ["members", "remove", group], ["members", "replace", group]] {
                let result = try await cli.run(command + ["--file", file])
                #expect(result.status != 0, "\(command): \(result)")
                #expect(result.stdout.isEmpty)
                #expect(result.stderr.contains("3 invalid participant ids"), "\(result)")
                #expect(result.stderr.contains("nothing was sent"), "\(result)")
                #expect(result.stderr.contains("line 3: '5E9B9C9B0F9C9A0000000004'"), "\(result)")
                #expect(result.stderr.contains("line 6: 'not-an-id'"), "\(result)")
                #expect(result.stderr.contains("line 7: '\(participant(6))x'"), "\(result)")
                #expect(!result.stderr.contains("line 2:") && !result.stderr.contains("line 5:"), "\(result)")
            }
            #expect(try await server.group(group) == before)
            #expect(try await server.memberIDs(of: group) == [participant(1), participant(2)])

            let create = try await cli.run(["groups", "create", "--workspace", cli.workspace, "--name", "Never", "--file", file])
            #expect(create.status != 0)
            let groups = try await server.request(.GET, "/api/v1/participant-groups/?workspace_id=\(cli.workspace)").json
            #expect(groups["meta"]?["count"]?.int == 1, "no group was created")
        }
    }

    @Test func invalidArgumentsAreReportedWithTheirPositions() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let group = try await cli.group(members: [participant(1)])
            let result = try await cli.run(["members", "add", group, participant(2), "abc", participant(3), ""])
            #expect(result.status != 0)
            #expect(result.stderr.contains("2 invalid participant ids"), "\(result)")
            #expect(result.stderr.contains("argument 2: 'abc'"), "\(result)")
            #expect(result.stderr.contains("argument 4: an empty field"), "\(result)")
            #expect(try await server.memberIDs(of: group) == [participant(1)])
        }
    }

    @Test func aCSVWithoutAParticipantIDColumnAnEmptyCellAndAMissingFileAreRefused() async throws {
        try await withServer { server in
            let cli = try await ClientCLI(server)
            let group = try await cli.group(members: [participant(1)])
            let noColumn = try await cli.run(
                ["members", "add", group, "--file", ClientCLI.file("\(participant(2)),2020-04-20T12:00:00Z\n")])
            #expect(noColumn.status != 0)
            #expect(noColumn.stderr.contains("line 1"), "\(noColumn)")
            #expect(noColumn.stderr.contains("participant_id"), "\(noColumn)")

            let emptyCell = try await cli.run(
                ["members", "add", group, "--file", ClientCLI.file("name,participant_id\nada,\(participant(2))\nbob,\n")])
            #expect(emptyCell.status != 0)
            #expect(emptyCell.stderr.contains("line 3: an empty field"), "\(emptyCell)")

            let twoOnALine = try await cli.run(
                ["members", "add", group, "--file", ClientCLI.file("\(participant(2))\n\(participant(3)),\(participant(4))\n")])
            #expect(twoOnALine.status != 0)
            #expect(twoOnALine.stderr.contains("line 2:"), "\(twoOnALine)")

            let missing = try await cli.run(["members", "add", group, "--file", "/nonexistent/ids.csv"])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("/nonexistent/ids.csv"), "\(missing)")

            let both = try await cli.run(["members", "add", group, participant(2), "--file", ClientCLI.file(participant(3))])
            #expect(both.status != 0)
            #expect(both.stderr.contains("not both"), "\(both)")
            #expect(try await server.memberIDs(of: group) == [participant(1)])
        }
    }
}
