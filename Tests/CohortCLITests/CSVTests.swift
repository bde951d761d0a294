@testable import CohortCLI
import Testing

/// RFC 4180 records, as spreadsheets and Prolific's exports write them.
@Suite struct CSVTests {
    @Test func quotedFieldsMaySpanLinesAndEscapeQuotes() {
        let text = "a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\n"
        let records = CSV.records(text)
        #expect(records.map(\.fields).prefix(2) == [["a", "b, c", "say \"hi\""], ["1", "two\nlines", "3"]])
        #expect(records.map(\.line).prefix(2) == [1, 2])
    }

    @Test func recordsStartOnTheLineTheyBeginOn() {
        let records = CSV.records("x\n\"multi\nline\"\ny")
        #expect(records.map(\.fields) == [["x"], ["multi\nline"], ["y"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }
}
