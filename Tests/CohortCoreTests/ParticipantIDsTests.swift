import CohortCore
import Testing

/// ParticipantIDs.parse: deduplication, and the error that names every bad entry.
@Suite struct ParticipantIDsTests {
    @Test func keepsOrderAndDropsRepeatsAfterTheFirst() throws {
        let raw = [participantHex(2), participantHex(1), participantHex(2), participantHex(3), participantHex(1)]
        #expect(try ParticipantIDs.parse(raw) == [participant(2), participant(1), participant(3)])
    }

    @Test func emptyListIsEmpty() throws {
        #expect(try ParticipantIDs.parse([]).isEmpty)
    }

    @Test func oneBadEntryRejectsTheWholeList() throws {
        let error = try #require(throws: CohortError.self) {
            try ParticipantIDs.parse([participantHex(1), "not-an-id", participantHex(2)])
        }
        #expect(error.kind == .invalidParticipantIDs)
        let messages = try #require(fieldMessages(error)?["participant_ids"])
        #expect(messages == [
            "Item 1: 'not-an-id' is not a valid participant id (24 lowercase hexadecimal characters)."
        ])
        #expect(fieldMessages(error)?.keys.sorted() == ["participant_ids"])
    }

    @Test func namesEachBadEntryWithItsIndex() throws {
        let upper = participantHex(7).uppercased()
        let raw = ["", participantHex(1), upper, participantHex(1) + "0", participantHex(3)]
        let error = try #require(throws: CohortError.self) { try ParticipantIDs.parse(raw) }
        let messages = try #require(fieldMessages(error)?["participant_ids"])
        #expect(messages.count == 3)
        #expect(messages[0].hasPrefix("Item 0: ''"))
        #expect(messages[1].hasPrefix("Item 2: '\(upper)'"))
        #expect(messages[2].hasPrefix("Item 3: '\(participantHex(1))0'"))
    }

    @Test func badEntriesAfterRepeatsAreStillReported() throws {
        let error = try #require(throws: CohortError.self) {
            try ParticipantIDs.parse([participantHex(1), participantHex(1), "x"])
        }
        #expect(fieldMessages(error)?["participant_ids"]?.first?.hasPrefix("Item 2: 'x'") == true)
    }

    @Test func usesTheGivenFieldName() throws {
        let error = try #require(throws: CohortError.self) { try ParticipantIDs.parse(["x"], field: "members") }
        #expect(fieldMessages(error)?.keys.sorted() == ["members"])
    }

    @Test func longEntriesAreShortenedInTheMessage() throws {
        let long = String(repeating: "z", count: 100)
        let error = try #require(throws: CohortError.self) { try ParticipantIDs.parse([long]) }
        let message = try #require(fieldMessages(error)?["participant_ids"]?.first)
        #expect(message.contains("'" + String(repeating: "z", count: 40) + "...'"))
        #expect(!message.contains(String(repeating: "z", count: 41)))
    }

    @Test func fiftyBadEntriesAreAllNamed() throws {
        let error = try #require(throws: CohortError.self) {
            try ParticipantIDs.parse((0..<50).map { "bad\($0)" })
        }
        let messages = try #require(fieldMessages(error)?["participant_ids"])
        #expect(messages.count == 50)
        #expect(messages.last?.hasPrefix("Item 49: 'bad49'") == true)
    }

    @Test(arguments: [(51, 1), (120, 70)])
    func moreThanFiftyBadEntriesAreSummarised(bad: Int, summarised: Int) throws {
        let raw = [participantHex(1)] + (0..<bad).map { "bad\($0)" }
        let error = try #require(throws: CohortError.self) { try ParticipantIDs.parse(raw) }
        let messages = try #require(fieldMessages(error)?["participant_ids"])
        #expect(messages.count == 51)
        #expect(messages[0].hasPrefix("Item 1: 'bad0'"))
        #expect(messages[49].hasPrefix("Item 50: 'bad49'"))
        #expect(messages[50] == "... and \(summarised) more invalid participant ids.")
    }
}
