import CohortCore
import Testing

/// PageRequest: the `limit` and `offset` checks.
@Suite struct PageRequestTests {
    @Test func absentValuesMeanEverything() throws {
        let page = try PageRequest(limit: nil, offset: nil)
        #expect(page == .everything)
        #expect(page.limit == nil && page.offset == 0)
    }

    @Test func validValuesAreKept() throws {
        let page = try PageRequest(limit: 1, offset: 0)
        #expect(page.limit == 1 && page.offset == 0)
        #expect(try PageRequest(limit: 200, offset: 400).offset == 400)
    }

    @Test func badValuesAreNamedTogether() throws {
        let error = try #require(throws: CohortError.self) { try PageRequest(limit: 0, offset: -1) }
        #expect(error.kind == .invalidInput)
        #expect(fieldMessages(error)?.keys.sorted() == ["limit", "offset"])
    }
}
