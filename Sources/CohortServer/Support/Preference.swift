import HTTPTypes

/// RFC 7240's `Prefer` header, as far as Cohort honours it.
enum Preference {
    /// Whether `Prefer` asks for `return=minimal` (among other preferences, in any case).
    static func wantsMinimal(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { preference in
            let token = preference.split(separator: ";").first ?? ""
            return token.trimmingCharacters(in: .whitespaces).lowercased() == "return=minimal"
        }
    }

    static let minimal = "return=minimal"
    static let header = HTTPField.Name("Prefer")!

    /// The status `Prefer: code=NNN` asks for, as Prism takes it (sandbox only).
    static func code(_ header: String?) -> Int? {
        guard let header else { return nil }
        for preference in header.split(separator: ",") {
            let token = (preference.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            if token.hasPrefix("code="), let code = Int(token.dropFirst(5)) { return code }
        }
        return nil
    }
}

import Foundation
