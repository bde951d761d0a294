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
}

import Foundation
