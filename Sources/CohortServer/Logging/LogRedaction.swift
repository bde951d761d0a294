#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Removes credentials from text on its way to a log line: the value of anything called
/// `authorization`, whatever follows a `Token`, `Bearer` or `Basic` scheme, and the secrets the
/// server was configured with (the bootstrap token).
///
/// The log lines Cohort writes itself never hold a token; this is the net under them, for text
/// that comes from elsewhere (an error's description, a library's message) whatever throws. It
/// runs on every log line, so the usual line, which holds none of this, costs one pass over its
/// bytes.
public enum LogRedaction {
    public static let replacement = "[redacted]"

    /// Secrets known by value, as UTF-8. Short ones are too likely to occur in ordinary text;
    /// those are caught by the patterns alone.
    private static let secrets = Mutex<[[UInt8]]>([])

    /// Adds a secret to redact by value.
    public static func register(secret: String) {
        let bytes = Array(secret.utf8)
        guard bytes.count >= 8 else { return }
        secrets.withLock { if !$0.contains(bytes) { $0.append(bytes) } }
    }

    /// Whether `text` may hold a credential: a word the patterns need, or a registered secret.
    public static func needsRedaction(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            mayHoldCredentials(bytes) || secrets.withLock { secrets in secrets.contains { contains(bytes, $0) } }
        }
    }

    /// `text` without credentials.
    public static func redact(_ text: String) -> String {
        guard needsRedaction(text) else { return text }
        var text = text
        for secret in secrets.withLock({ $0 }) {
            text = text.replacing(String(decoding: secret, as: UTF8.self), with: replacement)
        }
        text = text.replacing(headerValue) { match in match.output.1 + match.output.2 + replacement }
        text = text.replacing(schemeValue) { match in match.output.1 + match.output.2 + replacement }
        return text
    }

    /// `authorization: ...`, `"authorization": "..."`, `authorization=...`: the whole value.
    private nonisolated(unsafe) static let headerValue = #/(?i)(authorization)(["']?\s*[:=]\s*\[?["']?)([^\r\n"'\],}]+)/#
    /// `Token abc...`, `Bearer abc...`, `Basic abc...`: the credential after the scheme.
    private nonisolated(unsafe) static let schemeValue = #/(?i)\b(token|bearer|basic)(\s+)(?!\[redacted\])([A-Za-z0-9._~+/=-]{6,})/#

    /// A fast check that keeps the expressions off the usual line: none of the words they need.
    static func mayHoldCredentials(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var window: UInt32 = 0
        for byte in bytes {
            window = window << 8 | UInt32(byte | 0x20)
            // The last four bytes, lowercased: "oken", "thor", "arer", "asic".
            switch window {
            case 0x6F6B_656E, 0x7468_6F72, 0x6172_6572, 0x6173_6963: return true
            default: continue
            }
        }
        return false
    }

    static func mayHoldCredentials(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { mayHoldCredentials($0) }
    }

    /// Whether `needle` occurs in `haystack`: its first byte found with `memchr`, the rest compared.
    private static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let base = haystack.baseAddress, haystack.count >= needle.count, let first = needle.first else { return false }
        return needle.withUnsafeBytes { needle in
            var start = 0
            let last = haystack.count - needle.count
            while start <= last, let found = memchr(base + start, Int32(first), last - start + 1) {
                let offset = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                if memcmp(base + offset, needle.baseAddress!, needle.count) == 0 { return true }
                start = offset + 1
            }
            return false
        }
    }
}
