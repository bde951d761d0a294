/// What a route sees from `request.body` / `collectBody(upTo:)` when the HTTP layer gave up on the
/// request body. Thrown instead of NIO's `HTTPParserError` (which Hummingbird would answer with a
/// bare 400 of its own) or a plain end of stream.
struct HTTPRequestBodyError: Error, Sendable, CustomStringConvertible {
    enum Reason: Sendable, Equatable {
        /// The body's framing is broken: a chunk size that is not hex, a bad chunk terminator...
        case malformed
        /// The client ended its side (FIN/half-close) before the body was complete.
        case truncated
        /// A declared chunk would take the body over the limit.
        case tooLarge
        /// The body did not arrive within the body-read deadline.
        case timedOut
        /// The connection failed (reset, or closed under us): nobody is left to answer.
        case connectionLost
    }
    let reason: Reason
    let detail: String
    var description: String { "HTTPRequestBodyError(\(self.reason)): \(self.detail)" }
}
