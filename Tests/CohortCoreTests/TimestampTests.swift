import CohortCore
import Foundation
import Testing

/// Timestamp: RFC 3339 text for known instants, and truncation to whole seconds.
@Suite struct TimestampTests {
    /// Values computed independently (Python's `datetime`), not by the code under test.
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (1_587_384_000, "2020-04-20T12:00:00Z"),
        (1_709_251_199, "2024-02-29T23:59:59Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (4_107_542_400, "2100-03-01T00:00:00Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (-86_400, "1969-12-31T00:00:00Z"),
        (-86_401, "1969-12-30T23:59:59Z"),
        (-14_182_940, "1969-07-20T20:17:40Z"),
        (-2_208_988_800, "1900-01-01T00:00:00Z"),
        (-62_135_596_800, "0001-01-01T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
    ])
    func knownInstants(seconds: Int64, expected: String) {
        let timestamp = Timestamp(secondsSince1970: seconds)
        #expect(timestamp.rfc3339 == expected)
        #expect(timestamp.description == expected)
    }

    /// Every 7919th-ish second over three centuries agrees with Foundation's ISO 8601 formatting.
    @Test func agreesWithFoundationAcrossCenturies() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var mismatches = [String]()
        var seconds: Int64 = -2_208_988_800  // 1900
        while seconds < 7_258_118_400 {  // 2200
            let ours = Timestamp(secondsSince1970: seconds).rfc3339
            let theirs = formatter.string(from: Date(timeIntervalSince1970: Double(seconds)))
            if ours != theirs { mismatches.append("\(seconds): \(ours) vs \(theirs)") }
            seconds += 86_400 * 13 + 7_919
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func datesAreTruncatedDownToTheSecond() {
        #expect(Timestamp(Date(timeIntervalSince1970: 1.9)).secondsSince1970 == 1)
        #expect(Timestamp(Date(timeIntervalSince1970: -0.5)).secondsSince1970 == -1)
        #expect(Timestamp(Date(timeIntervalSince1970: 1_587_384_000.999)).rfc3339 == "2020-04-20T12:00:00Z")
    }

    @Test func nowIsTheCurrentSecond() {
        let before = Int64(Date().timeIntervalSince1970.rounded(.down))
        let now = Timestamp.now().secondsSince1970
        let after = Int64(Date().timeIntervalSince1970.rounded(.down))
        #expect(now >= before && now <= after)
    }

    @Test func ordersBySeconds() {
        #expect(Timestamp(secondsSince1970: -5) < Timestamp(secondsSince1970: 3))
        #expect(!(Timestamp(secondsSince1970: 3) < Timestamp(secondsSince1970: 3)))
    }
}
