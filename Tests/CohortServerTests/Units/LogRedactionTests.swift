@testable import CohortServer
import Logging
import Synchronization
import Testing

/// Credentials never reach a log line, whatever text they come in.
@Suite struct LogRedactionTests {
    @Test func authorizationHeadersLoseTheirValue() {
        for text in [
            "headers: [authorization: Token abcdefghijklmnop, accept: */*]",
            #"{"authorization": "Token abcdefghijklmnop"}"#,
            "Authorization=Token abcdefghijklmnop&x=1",
            "HTTPFields([Authorization: Bearer abcdefghijklmnop])",
        ] {
            let redacted = LogRedaction.redact(text)
            #expect(!redacted.contains("abcdefghijklmnop"), "\(redacted)")
            #expect(redacted.contains(LogRedaction.replacement), "\(redacted)")
        }
    }

    @Test func aCredentialAfterItsSchemeIsRedactedAnywhere() {
        let redacted = LogRedaction.redact("failed: sent Token xyz987654321 to the server, then basic dXNlcjpwYXNz")
        #expect(!redacted.contains("xyz987654321"))
        #expect(!redacted.contains("dXNlcjpwYXNz"))
    }

    @Test func ordinaryTextIsLeftAlone() {
        for text in [
            "method=GET path=/api/v1/participant-groups/ status=200 duration_ms=1.2",
            "bootstrap token is ready", "the token cache holds 3 entries", "Invalid token.",
        ] {
            #expect(LogRedaction.redact(text) == text)
        }
    }

    @Test func registeredSecretsAreRedactedByValue() {
        LogRedaction.register(secret: "a-secret:with,odd chars")
        #expect(LogRedaction.redact("x a-secret:with,odd chars y") == "x [redacted] y")
        LogRedaction.register(secret: "short")
        #expect(LogRedaction.redact("short") == "short")
    }

    @Test func theHandlerRedactsMessagesMetadataAndErrors() {
        let recorder = RecordingHandler()
        var logger = Logger(label: "test") { _ in RedactingLogHandler(recorder) }
        logger.logLevel = .trace
        logger.error(
            "sent Authorization: Token abcdefghijklmnop",
            metadata: ["request": "authorization: Token abcdefghijklmnop", "list": ["Token abcdefghijklmnop"]])
        let line = recorder.lines.withLock { $0.joined() }
        #expect(!line.contains("abcdefghijklmnop"), "\(line)")
        #expect(line.contains("[redacted]"))
    }

    /// Keeps what reaches it.
    final class RecordingHandler: LogHandler, @unchecked Sendable {
        let lines = Mutex<[String]>([])
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        func log(event: LogEvent) {
            lines.withLock { $0.append("\(event.message) \(event.metadata ?? [:])") }
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
    }
}
