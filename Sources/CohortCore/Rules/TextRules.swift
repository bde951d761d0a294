/// Rules for the free-text fields of groups, workspaces and projects.
public enum TextRules {
    public static let maxNameLength = 255
    public static let maxDescriptionLength = 10_000

    /// A name or title: not blank, at most ``maxNameLength`` characters. Returns it trimmed.
    public static func name(_ value: String, field: String, into errors: inout FieldErrors) -> String {
        let trimmed = value.trimmingWhitespace()
        if trimmed.isEmpty {
            errors.add(field, "This field may not be blank.")
        } else if value.unicodeScalars.count > maxNameLength {
            errors.add(field, "Ensure this field has no more than \(maxNameLength) characters.")
        }
        return trimmed
    }

    /// A description: at most ``maxDescriptionLength`` characters, kept as sent.
    public static func description(_ value: String, field: String = "description", into errors: inout FieldErrors) {
        if value.unicodeScalars.count > maxDescriptionLength {
            errors.add(field, "Ensure this field has no more than \(maxDescriptionLength) characters.")
        }
    }

    /// `naivety_distribution_rate`: a number from 0 to 1.
    public static func naivetyRate(_ value: Double?, into errors: inout FieldErrors) {
        guard let value else { return }
        if !value.isFinite || value < 0 || value > 1 {
            errors.add("naivety_distribution_rate", "Ensure this value is between 0 and 1.")
        }
    }

    /// An email address, checked for shape only: one `@`, a local part, and a dotted domain.
    public static func isPlausibleEmail(_ value: String) -> Bool {
        guard value.count <= 254, !value.contains(where: { $0.isWhitespace }) else { return false }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains("..")
    }
}

extension String {
    /// Without leading and trailing whitespace: Unicode's, plus U+FEFF, which JSON Schema's `\s`
    /// (ECMAScript's) also counts, so that "blank" means the same here as in `openapi.yaml`.
    func trimmingWhitespace() -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace || scalar == "\u{FEFF}" }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
