import Foundation
import Logging

/// How `cohort` writes its log: the format, the level, and what every line carries.
public enum CohortLogging {
    public enum Format: String, Sendable, CaseIterable {
        /// `2026-12-01T08:47:03+0000 info cohort: method=GET path=/... [CohortServer] request`
        case text
        /// One JSON object per line (``JSONLogHandler``).
        case json
    }

    /// Sets up the process's logging, once, before anything logs. Every line goes through
    /// ``RedactingLogHandler``, and lines logged while a request is served carry its `request_id`.
    public static func bootstrap(level: Logger.Level, format: Format = .text) {
        // Each text line's timestamp calls localtime(), and with TZ unset glibc re-reads
        // /etc/localtime for every call: a stat per request line in a profile of the busiest
        // route. Naming the same file once lets glibc load it once.
        if ProcessInfo.processInfo.environment["TZ"] == nil { setenv("TZ", ":/etc/localtime", 0) }
        LoggingSystem.bootstrap(
            { label, provider in
                var handler: any LogHandler =
                    switch format {
                    case .text: StreamLogHandler.standardError(label: label, metadataProvider: provider)
                    case .json: JSONLogHandler(label: label, metadataProvider: provider)
                    }
                handler.logLevel = level
                return RedactingLogHandler(handler)
            }, metadataProvider: RequestIdentifier.metadataProvider)
    }
}
