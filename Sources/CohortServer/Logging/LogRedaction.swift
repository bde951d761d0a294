import Synchronization

/// Removes credentials from text on its way to a log line: the value of anything called
/// `authorization`, whatever follows a `Token`, `Bearer` or `Basic` scheme, and the secrets the
/// server was configured with (the bootstrap token).
///
/// The log lines Cohort writes itself never hold a token; this is the net under them, for text
/// that comes from elsewhere (an error's description, a library's message) whatever throws.
public enum LogRedaction {
    public static let replacement = "[redacted]"

    /// Secrets known by value, redacted wherever they appear. Short ones are too likely to occur
    /// in ordinary text; those are caught by the patterns alone.
    private static let secrets = Mutex<[String]>([])

    /// Adds a secret to redact by value.
    public static func register(secret: String) {
        guard secret.utf8.count >= 8 else { return }
        secrets.withLock { if !$0.contains(secret) { $0.append(secret) } }
    }

    /// `text` without credentials.
    public static func redact(_ text: String) -> String {
        var text = text
        for secret in secrets.withLock({ $0 }) where text.contains(secret) {
            text = text.replacing(secret, with: replacement)
        }
        guard mayHoldCredentials(text) else { return text }
        text = text.replacing(headerValue) { match in match.output.1 + match.output.2 + replacement }
        text = text.replacing(schemeValue) { match in match.output.1 + match.output.2 + replacement }
        return text
    }

    /// `authorization: ...`, `"authorization": "..."`, `authorization=...`: the whole value.
    private nonisolated(unsafe) static let headerValue = #/(?i)(authorization)(["']?\s*[:=]\s*\[?["']?)([^\r\n"'\],}]+)/#
    /// `Token abc...`, `Bearer abc...`, `Basic abc...`: the credential after the scheme.
    private nonisolated(unsafe) static let schemeValue = #/(?i)\b(token|bearer|basic)(\s+)(?!\[redacted\])([A-Za-z0-9._~+/=-]{6,})/#

    /// A fast check that keeps the expressions off the usual line: none of the words they need.
    static func mayHoldCredentials(_ text: String) -> Bool {
        var window: UInt64 = 0
        for byte in text.utf8 {
            let lower = byte | 0x20
            window = window << 8 | UInt64(lower)
            // The last four bytes, lowercased: "oken", "thor", "arer", "asic".
            switch window & 0xFFFF_FFFF {
            case 0x6F6B_656E, 0x7468_6F72, 0x6172_6572, 0x6173_6963: return true
            default: continue
            }
        }
        return false
    }
}
