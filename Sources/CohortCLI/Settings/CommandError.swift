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

    static func number(_ flag: Double?, environment name: String) throws -> Double? {
        if let flag { return flag }
        guard let text = value(nil, environment: name) else { return nil }
        guard let value = Double(text), value.isFinite else { throw CommandError("\(name)='\(text)' is not a number") }
        return value
    }

    /// A number of seconds; 0 turns the limit off (`nil`).
    static func seconds(_ flag: Double?, environment name: String, default fallback: Duration?) throws -> Duration? {
        guard let value = try number(flag, environment: name) else { return fallback }
        guard value >= 0 else { throw CommandError("\(name) must be 0 or more seconds") }
        return value == 0 ? nil : .milliseconds(Int64((value * 1000).rounded()))
    }

    /// A flag, or its variable set to `1`, `true` or `yes`.
    static func flag(_ flag: Bool, environment name: String) throws -> Bool {
        if flag { return true }
        guard let text = value(nil, environment: name) else { return false }
        switch text.lowercased() {
        case "1", "true", "yes": return true
        case "0", "false", "no": return false
        default: throw CommandError("\(name)='\(text)' is not true or false")
        }
    }

    static func logFormat(_ flag: String?) throws -> CohortLogging.Format {
        guard let text = value(flag, environment: "COHORT_LOG_FORMAT") else { return .text }
        guard let format = CohortLogging.Format(rawValue: text.lowercased()) else {
            throw CommandError("log format '\(text)' is not one of text, json")
        }
        return format
    }
}

/// An error the command reports in one line and exits non-zero for.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
