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
        var out = [UInt8]()
        out.reserveCapacity(20)
        // Years outside 0...9999 cannot be written in RFC 3339; they are clamped rather than trapped on.
        func append(_ value: Int64, width: Int) {
            var digits = [UInt8](repeating: 0x30, count: width)
            var rest = min(max(value, 0), width == 4 ? 9999 : 99)
            for index in stride(from: width - 1, through: 0, by: -1) {
                digits[index] = 0x30 + UInt8(rest % 10)
                rest /= 10
            }
            out.append(contentsOf: digits)
        }
        append(year, width: 4)
        out.append(0x2D)
        append(month, width: 2)
        out.append(0x2D)
        append(day, width: 2)
        out.append(0x54)
        append(secondOfDay / 3600, width: 2)
        out.append(0x3A)
        append(secondOfDay / 60 % 60, width: 2)
        out.append(0x3A)
        append(secondOfDay % 60, width: 2)
        out.append(0x5A)
        return String(decoding: out, as: UTF8.self)
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
