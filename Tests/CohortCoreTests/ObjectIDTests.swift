import CohortCore
import Foundation
import Testing

/// ObjectID: which texts are ids, and what `generate` makes.
@Suite struct ObjectIDTests {
    @Test(arguments: ["5e9b9c9b0f9c9a0000000001", "0123456789abcdef01234567", "000000000000000000000000", "ffffffffffffffffffffffff"])
    func acceptsTwentyFourLowercaseHex(_ text: String) throws {
        #expect(ObjectID.isWellFormed(text))
        let id = try #require(ObjectID(text))
        #expect(id.hex == text)
        #expect(id.description == text)
    }

    @Test(arguments: [
        "5E9B9C9B0F9C9A0000000001",  // uppercase
        "5e9b9c9b0f9c9a000000000A",  // one uppercase digit
        "5e9b9c9b0f9c9a000000000",  // 23 characters
        "5e9b9c9b0f9c9a00000000001",  // 25 characters
        "5e9b9c9b0f9c9a000000000g",  // not hex
        "5e9b9c9b0f9c9a00000000 1",  // space
        " 5e9b9c9b0f9c9a000000001",  // leading space
        "5e9b9c9b0f9c9a00000000é",  // 24 UTF-8 bytes, not hex
        "",
    ])
    func rejectsEverythingElse(_ text: String) {
        #expect(!ObjectID.isWellFormed(text))
        #expect(ObjectID(text) == nil)
        #expect(GroupID(text) == nil)
    }

    @Test func parsesSubstrings() throws {
        let text = "id=5e9b9c9b0f9c9a0000000001"
        let id = try #require(ObjectID(text.dropFirst(3)))
        #expect(id.hex == "5e9b9c9b0f9c9a0000000001")
    }

    @Test func generatedIDIsWellFormedAndStartsWithTheCurrentSecond() throws {
        let before = UInt32(Date().timeIntervalSince1970.rounded(.down))
        let id = ObjectID.generate()
        let after = UInt32(Date().timeIntervalSince1970.rounded(.down))
        #expect(id.hex.count == 24)
        #expect(ObjectID.isWellFormed(id.hex))
        let seconds = try #require(UInt32(id.hex.prefix(8), radix: 16))
        #expect(seconds >= before && seconds <= after)
    }

    @Test func generatedIDCarriesTheGivenTime() {
        // 2020-04-20T12:00:00Z is 1587384000 = 0x5e9d8ec0 seconds.
        let id = ObjectID.generate(at: Date(timeIntervalSince1970: 1_587_384_000.75))
        #expect(id.hex.hasPrefix("5e9d8ec0"))
    }

    @Test func idsMadeAtTheSameTimeDifferOnlyInTheCounter() throws {
        let date = Date(timeIntervalSince1970: 1_587_384_000)
        let first = ObjectID.generate(at: date)
        let second = ObjectID.generate(at: date)
        #expect(first.hex.prefix(18) == second.hex.prefix(18))
        let a = try #require(UInt32(first.hex.suffix(6), radix: 16))
        let b = try #require(UInt32(second.hex.suffix(6), radix: 16))
        // The counter moved forward (other tests in this process may take values in between).
        let step = (b &- a) & 0xFF_FFFF
        #expect(step >= 1 && step < 0x1_0000, "counter went from \(a) to \(b)")
    }

    /// Ids increase, except where the 3-byte counter wraps within one second (documented).
    @Test func idsMadeInSequenceAreDistinctAndIncrease() throws {
        let ids = (0..<2000).map { _ in ObjectID.generate() }
        #expect(Set(ids).count == ids.count)
        for (earlier, later) in zip(ids, ids.dropFirst()) where !(earlier < later) {
            let wrapped = earlier.hex.prefix(18) == later.hex.prefix(18)
                && earlier.hex.suffix(6) > "ff0000" && later.hex.suffix(6) < "00ffff"
            #expect(wrapped, "\(later) was made after \(earlier) but sorts before it")
        }
        let seconds = try ids.map { try #require(UInt32($0.hex.prefix(8), radix: 16)) }
        #expect(seconds == seconds.sorted())
    }

    @Test func typedIDsCompareAndPrintLikeTheirObjectID() throws {
        let low = try #require(GroupID("5e9b9c9b0f9c9a0000000001"))
        let high = try #require(GroupID("5e9b9c9b0f9c9a00000000f0"))
        #expect(low < high)
        #expect(low.hex == "5e9b9c9b0f9c9a0000000001")
        #expect("\(high)" == "5e9b9c9b0f9c9a00000000f0")
        let generated = WorkspaceID.generate()
        #expect(ObjectID.isWellFormed(generated.hex))
    }
}
