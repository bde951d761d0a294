import Logging

/// A log handler that passes every event on to another with its credentials redacted
/// (``LogRedaction``): the message, every metadata value and the event's error. A line that holds
/// no credential, the usual one, is passed on as it is after one look at its text.
public struct RedactingLogHandler: LogHandler {
    private var wrapped: any LogHandler

    public init(_ wrapped: any LogHandler) {
        self.wrapped = wrapped
    }

    public func log(event: LogEvent) {
        var event = event
        if let error = event.error {
            // An error describes itself as it likes; LoggableError keeps its cause and redacts it.
            var metadata = event.metadata ?? [:]
            metadata["error"] = .string(LoggableError.describe(error))
            event.metadata = metadata
            event.error = nil
        }
        let message = event.message.description
        if LogRedaction.needsRedaction(message) {
            event.message = Logger.Message(stringLiteral: LogRedaction.redact(message))
        }
        if let metadata = event.metadata, metadata.values.contains(where: Self.needsRedaction) {
            event.metadata = metadata.mapValues(Self.redact)
        }
        wrapped.log(event: event)
    }

    static func needsRedaction(_ value: Logger.MetadataValue) -> Bool {
        switch value {
        case .string(let text): LogRedaction.needsRedaction(text)
        case .stringConvertible(let convertible): LogRedaction.needsRedaction(convertible.description)
        case .array(let values): values.contains(where: needsRedaction)
        case .dictionary(let values): values.values.contains(where: needsRedaction)
        }
    }

    static func redact(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(LogRedaction.redact(text))
        case .stringConvertible(let convertible): .string(LogRedaction.redact(convertible.description))
        case .array(let values): .array(values.map(redact))
        case .dictionary(let values): .dictionary(values.mapValues(redact))
        }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue.map(Self.redact) }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue.mapValues(Self.redact) }
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }
}
