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
            throw SettingError("log level '\(text)' is not one of trace, debug, info, notice, warning, error, critical")
        }
        return level
    }

    static func bootstrapLogging(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

struct SettingError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
