/// The CSV of `create-bonus-payments` (lifecycle.md §3.5): one `<participant or submission
/// id>,<amount>` per line, the amount a decimal in the study's currency ("1.50 for £1.50").
public enum BonusRules {
    public struct Line: Hashable, Sendable {
        public let id: String
        public let cents: Int
    }

    /// The lines, or a 400 naming every line that is not an id and a positive amount.
    public static func parse(_ csv: String?) throws(CohortError) -> [Line] {
        guard let csv, !csv.allSatisfy(\.isWhitespace) else {
            throw CohortError.invalid("csv_bonuses", "Give one <participant_id or submission_id>,<amount> per line.")
        }
        var lines: [Line] = []
        var errors = FieldErrors()
        for (number, raw) in csv.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let text = String(raw).trimmingWhitespace()
            if text.isEmpty { continue }
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
            guard parts.count == 2, ObjectID.isWellFormed(parts[0]), let cents = cents(parts[1]), cents > 0 else {
                errors.add("csv_bonuses", "Line \(number + 1) ('\(text)') is not <id>,<amount> with an amount above 0 such as 1.50.")
                continue
            }
            lines.append(Line(id: parts[0], cents: cents))
        }
        try errors.throwIfAny()
        guard !lines.isEmpty else {
            throw CohortError.invalid("csv_bonuses", "Give one <participant_id or submission_id>,<amount> per line.")
        }
        return lines
    }

    /// "1.5" → 150, "30" → 3000; more than two decimals or anything but digits: nil.
    static func cents(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, whole < 1_000_000 else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        let fraction = parts[1]
        guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isASCII), let value = Int(fraction) else { return nil }
        return whole * 100 + (fraction.count == 1 ? value * 10 : value)
    }
}
