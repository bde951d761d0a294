#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif
import Logging

/// One JSON object per line on standard error, for log shippers (`--log-format json`):
/// `{"time": "...", "level": "info", "label": "cohort", "message": "request", ...metadata}`.
/// Metadata keys sit beside the four fixed keys, which they never replace.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String

    public init(label: String, metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider) {
        self.label = label
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { _, new in new } }
        if let explicit = event.metadata { all.merge(explicit) { _, new in new } }
        if let error = event.error { all["error"] = .string(LoggableError.describe(error)) }
        var line = "{"
        Self.member("time", .string(Self.now()), into: &line, first: true)
        Self.member("level", .string(event.level.rawValue), into: &line)
        Self.member("label", .string(label), into: &line)
        Self.member("message", .string(event.message.description), into: &line)
        for key in all.keys.sorted() where !Self.fixed.contains(key) {
            Self.member(key, all[key]!, into: &line)
        }
        line += "}\n"
        Self.write(line)
    }

    private static let fixed: Set<String> = ["time", "level", "label", "message"]

    private static func member(_ key: String, _ value: Logger.MetadataValue, into line: inout String, first: Bool = false) {
        if !first { line += "," }
        string(key, into: &line)
        line += ":"
        self.value(value, into: &line)
    }

    private static func value(_ value: Logger.MetadataValue, into line: inout String) {
        switch value {
        case .string(let text): string(text, into: &line)
        case .stringConvertible(let convertible): string(convertible.description, into: &line)
        case .array(let values):
            line += "["
            for (index, element) in values.enumerated() {
                if index > 0 { line += "," }
                self.value(element, into: &line)
            }
            line += "]"
        case .dictionary(let values):
            line += "{"
            for (index, key) in values.keys.sorted().enumerated() {
                member(key, values[key]!, into: &line, first: index == 0)
            }
            line += "}"
        }
    }

    /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped.
    static func string(_ text: String, into line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                line += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }

    /// Now, in UTC, to the millisecond: `2026-12-01T08:47:03.123Z`.
    static func now() -> String {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        var parts = tm()
        var seconds = time.tv_sec
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(time.tv_nsec / 1_000_000), 3))Z"
    }

    /// One `write` per line, so that lines from several threads never interleave.
    private static func write(_ line: String) {
        var line = line
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(2, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
