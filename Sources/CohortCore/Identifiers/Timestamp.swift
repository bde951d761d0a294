#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A point in time to the second, written as RFC 3339 in UTC with a `Z` (`2020-04-20T12:00:00Z`),
/// the form Prolific's documentation shows.
///
/// Whole seconds keep the documented order of members (by time, then by participant id) the same
/// as the order a client sees in the strings.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let secondsSince1970: Int64

    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    public init(_ date: Date) {
        self.secondsSince1970 = Int64(date.timeIntervalSince1970.rounded(.down))
    }

    public static func now() -> Timestamp { Timestamp(Date()) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    public var description: String { rfc3339 }

    /// `YYYY-MM-DDTHH:MM:SSZ`, computed without a formatter: members lists print one per row.
    public var rfc3339: String {
        let days = secondsSince1970 >= 0 ? secondsSince1970 / 86_400 : (secondsSince1970 - 86_399) / 86_400
        let secondOfDay = secondsSince1970 - days * 86_400
        let (year, month, day) = Self.civilDate(daysSince1970: days)
        // Written straight into the string's storage: one allocation per timestamp.
        return String(unsafeUninitializedCapacity: 20) { out in
            // Years outside 0...9999 cannot be written in RFC 3339; they are clamped rather than trapped on.
            func put(_ value: Int64, width: Int, at start: Int) {
                var rest = min(max(value, 0), width == 4 ? 9999 : 99)
                for index in stride(from: start + width - 1, through: start, by: -1) {
                    out[index] = 0x30 + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, width: 4, at: 0)
            out[4] = 0x2D
            put(month, width: 2, at: 5)
            out[7] = 0x2D
            put(day, width: 2, at: 8)
            out[10] = 0x54
            put(secondOfDay / 3600, width: 2, at: 11)
            out[13] = 0x3A
            put(secondOfDay / 60 % 60, width: 2, at: 14)
            out[16] = 0x3A
            put(secondOfDay % 60, width: 2, at: 17)
            out[19] = 0x5A
            return 20
        }
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
    private static func civilDate(daysSince1970: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
