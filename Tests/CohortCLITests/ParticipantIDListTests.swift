@testable import CohortCLI
import Testing

/// Participant ids out of a file's text: plain lists and CSVs with a participant-id column.
@Suite struct ParticipantIDListTests {
    static let a = "5e9b9c9b0f9c9a0000000001", b = "5e9b9c9b0f9c9a0000000002"

    @Test func aPlainListSkipsBlankLinesAndKeepsEachLine() throws {
        let entries = try ParticipantIDList.entries(csv: "\n\(Self.a)\n  \n \(Self.b) \n")
        #expect(entries == [.init(location: "line 2", text: Self.a), .init(location: "line 4", text: Self.b)])
    }

    @Test(arguments: ["participant_id", "Participant id", "PROLIFIC_PID", "participant-ids"])
    func aCSVColumnIsFoundByItsHeader(header: String) throws {
        let entries = try ParticipantIDList.entries(csv: "status,\(header)\nAPPROVED,\(Self.a)\nRETURNED,\"\(Self.b)\"")
        #expect(entries.map(\.text) == [Self.a, Self.b])
    }

    @Test func aSingleColumnMayBeCalledId() throws {
        #expect(try ParticipantIDList.entries(csv: "id\n\(Self.a)").map(\.text) == [Self.a])
    }

    @Test func aWideCSVWithoutAParticipantColumnIsRefused() {
        #expect(throws: CommandError.self) { try ParticipantIDList.entries(csv: "id,status\n\(Self.a),x") }
    }

    @Test func validationNamesEveryBadEntryAndDeduplicatesTheRest() throws {
        let good = [ParticipantIDList.Entry(location: "line 1", text: Self.a), .init(location: "line 2", text: Self.a)]
        #expect(try ParticipantIDList.validated(good, source: "ids.txt") == [Self.a])
        let bad = good + [.init(location: "line 3", text: "nope"), .init(location: "line 4", text: "")]
        let error = #expect(throws: CommandError.self) { try ParticipantIDList.validated(bad, source: "ids.txt") }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("2 invalid participant ids in ids.txt"))
        #expect(message.contains("line 3: 'nope'") && message.contains("line 4: an empty field"))
    }
}
