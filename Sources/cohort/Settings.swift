import CohortServer
import Foundation
import Logging

/// A setting given as a flag, else as an environment variable, else its default.
enum Settings {
    static func value(_ flag: String?, environment name: String) -> String? {
        if let flag { return flag }
        if let value = ProcessInfo.processInfo.environment[name], !value.isEmpty { return value }
        return nil
    }

    static func logLevel(_ flag: String?) throws -> Logger.Level {
        guard let text = value(flag, environment: "COHORT_LOG_LEVEL") else { return .info }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw CommandError("log level '\(text)' is not one of trace, debug, info, notice, warning, error, critical")
        }
        return level
    }

    /// A SQLite file's path or a `postgres://` URL.
    static func database(_ flag: String?) -> String {
        value(flag, environment: "COHORT_DATABASE") ?? ServerConfiguration.defaultDatabase
    }

    static func integer(_ flag: Int?, environment name: String) throws -> Int? {
        if let flag { return flag }
        guard let text = value(nil, environment: name) else { return nil }
        guard let value = Int(text) else { throw CommandError("\(name)='\(text)' is not a whole number") }
        return value
    }

    static func bootstrapLogging(level: Logger.Level) {
        // Each log line's timestamp calls localtime(), and with TZ unset glibc re-reads
        // /etc/localtime for every call: a stat per request line in a profile of the busiest
        // route. Naming the same file once lets glibc load it once.
        if ProcessInfo.processInfo.environment["TZ"] == nil { setenv("TZ", ":/etc/localtime", 0) }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// An error the command reports in one line and exits non-zero for.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
