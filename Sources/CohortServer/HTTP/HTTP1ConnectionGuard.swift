import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Sent by ``ConnectionRegistry`` to a connection it picked for eviction; the guard closes the
/// connection only if it is still idle when the event arrives on its event loop.
struct CloseIfIdleEvent: Sendable {}

/// Sits right after `HTTP1ToHTTPServerCodec` (before any other HTTPRequestPart handler) and owns
/// the connection's HTTP/1 error answers and deadlines:
///
/// - a parse error before a request head reached Hummingbird is answered here, with the JSON
///   envelope, `Connection: close`, then output shutdown and a short linger;
/// - a parse error, EOF or reset in the middle of a body is handed to the route as
///   ``HTTPRequestBodyError`` (never as `HTTPParserError`), and the connection is closed after the
///   route's response;
/// - idle keep-alive, head and body deadlines; a 408 for a head that started but did not finish;
/// - reports idleness to a ``ConnectionRegistry`` and honours ``CloseIfIdleEvent``.
final class HTTP1ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    struct Configuration: Sendable {
        /// Keep-alive connections with no request bytes for this long are closed silently.
        var idleTimeout: TimeAmount? = .seconds(60)
        /// From the first byte of a request head (or, without ``HTTP1InboundBytesHandler``, from the
        /// end of the previous response) to the head being parsed; answered with 408.
        var headTimeout: TimeAmount? = .seconds(10)
        /// From the head being parsed to the end of the body; the route gets `.timedOut` (408).
        var bodyTimeout: TimeAmount? = .seconds(60)
        /// How long to keep reading (and discarding) after an error answer before closing, so that
        /// the client reads the answer instead of a reset.
        var lingerTimeout: TimeAmount = .seconds(2)
        /// After a body error has been handed to the route, how long it gets to answer.
        var responseGrace: TimeAmount = .seconds(5)
        /// Optional registry that can evict idle connections.
        var registry: ConnectionRegistry? = nil
        /// Renders the error envelope for a status and a detail message.
        var errorBody: @Sendable (HTTPResponse.Status, String) -> ByteBuffer
        var logger: Logger
    }

    private enum Input {
        /// No request head in progress. `bytesSeen`: a byte arrived since the last request ended.
        case awaitingHead(bytesSeen: Bool)
        /// A head was passed on (or is held); its `.end` has not arrived.
        case readingBody
        /// The input is unusable (parse error, timeout, shutdown): everything is dropped.
        case failed
    }

    private let configuration: Configuration
    private let activity: ConnectionActivity?
    private var context: ChannelHandlerContext!
    private var input: Input = .awaitingHead(bytesSeen: false)
    /// Heads passed on (or held) whose final response has not been written completely.
    private var inFlight = 0
    /// Request bodies read to their `.end`, and final responses written to theirs, since the
    /// connection opened. HTTP/1 answers in order, so the response being written is for request
    /// number `responsesWritten + 1`; its body was read if `bodiesRead` has passed it. (`input`
    /// cannot tell: it is the state of the newest request, whose head may have come already.)
    private var bodiesRead = 0
    private var responsesWritten = 0
    private var answeringBeforeItsBodyWasRead: Bool { self.bodiesRead <= self.responsesWritten }
    private var closeAfterResponse = false
    /// A head-phase error to answer once the in-flight responses are written (pipelining).
    private var deferredError: (HTTPResponse.Status, String)?
    /// A head held until the end of the read that produced it, so that an error llhttp raises
    /// right after `on_headers_complete` (e.g. `Transfer-Encoding: gzip`) is still a head error.
    private var heldHead: HTTPRequest?
    /// One lazily re-armed timer per connection: moving a deadline later costs nothing (the
    /// pending timer fires, sees the new deadline and re-arms), so a keep-alive request does not
    /// schedule or cancel anything after the first one.
    private enum DeadlineKind { case idle, head, body, grace, linger }
    private var deadline: (kind: DeadlineKind, at: NIODeadline)?
    private var timer: Scheduled<Void>?
    private var timerFiresAt: NIODeadline?
    private var activated = false
    private var shuttingDown = false
    /// A response marked ``dropConnection`` came: the connection closes, nothing is written.
    private var dropping = false
    /// The mark of a response that must not be written: the connection closes instead (the
    /// sandbox's dropped-connection fault). Never sent to a client.
    static let dropConnection = HTTPField.Name("X-Cohort-Drop-Connection")!
    /// Set by ``HTTP1InboundBytesHandler`` when it is in the pipeline.
    weak var bytesObserver: HTTP1InboundBytesHandler?

    init(configuration: Configuration) {
        self.configuration = configuration
        self.activity = configuration.registry.map { _ in ConnectionActivity() }
    }

    /// Whether bytes from the socket are of no use any more (the byte handler drops them).
    var isDiscardingInput: Bool {
        if case .failed = self.input { return true }
        return self.shuttingDown
    }

    // MARK: Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { self.becameActive(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.stopTimer()
    }

    func channelActive(context: ChannelHandlerContext) {
        self.becameActive(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.stopTimer()
        self.heldHead = nil
        context.fireChannelInactive()
    }

    private func becameActive(context: ChannelHandlerContext) {
        guard !self.activated else { return }
        self.activated = true
        if let registry = self.configuration.registry, let activity = self.activity {
            registry.register(activity, channel: context.channel)
            context.channel.closeFuture.whenComplete { _ in registry.unregister(activity) }
        }
        self.enterIdle(context: context)
    }

    // MARK: Inbound

    /// Called by ``HTTP1InboundBytesHandler`` before it passes bytes on to the decoder.
    func bytesArrived() {
        guard case .awaitingHead(bytesSeen: false) = self.input else { return }
        self.input = .awaitingHead(bytesSeen: true)
        self.activity?.markBusy()
        if self.inFlight == 0 {
            self.startHeadTimer(context: self.context)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = self.unwrapInboundIn(data)
        switch self.input {
        case .failed:
            return
        case .awaitingHead:
            guard case .head(let head) = part else {
                // A body or end with no head: the codec dropped a head it could not convert.
                return
            }
            self.cancelTimer()
            self.input = .readingBody
            self.inFlight += 1
            self.activity?.markBusy()
            self.bytesObserver?.headDelivered(head)
            if let bodyTimeout = self.configuration.bodyTimeout {
                self.setDeadline(.body, in: bodyTimeout)
            }
            if head.method == .connect || head.headerFields[.upgrade] != nil {
                // NIO's decoder stops parsing after a request llhttp takes for an upgrade
                // (HTTPDecoder.didFinishMessage: stopParsing = isUpgrade); nothing more can be read.
                self.closeAfterResponse = true
            }
            self.heldHead = head
        case .readingBody:
            self.flushHeldHead(context: context)
            if case .end = part {
                self.cancelTimer()
                self.input = .awaitingHead(bytesSeen: false)
                self.bodiesRead += 1
            }
            context.fireChannelRead(data)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        self.flushHeldHead(context: context)
        context.fireChannelReadComplete()
        if self.shuttingDown {
            // Keep draining while lingering: NIOAsyncChannel stops asking for reads once its
            // stream is finished, and a client blocked in send() would never see our answer.
            context.read()
        }
    }

    private func flushHeldHead(context: ChannelHandlerContext) {
        guard let head = self.heldHead else { return }
        self.heldHead = nil
        context.fireChannelRead(self.wrapInboundOut(.head(head)))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let isProtocolError =
            error is HTTPParserError || error is HTTP1TypeConversionError || error is ByteToMessageDecoderError
        switch self.input {
        case .failed:
            // Further errors of a dead decoder (dataReceivedInErrorState) or a second EOF error.
            return
        case .awaitingHead:
            guard isProtocolError else {
                context.fireErrorCaught(error)
                return
            }
            self.configuration.logger.debug("HTTP parse error", metadata: ["error": "\(error)"])
            self.answerAndClose(context: context, status: .badRequest, detail: Self.describe(error))
        case .readingBody:
            if self.heldHead != nil, isProtocolError {
                // llhttp failed in the same read that produced the head: Hummingbird never saw it.
                self.heldHead = nil
                self.inFlight -= 1
                self.configuration.logger.debug("HTTP parse error", metadata: ["error": "\(error)"])
                self.answerAndClose(context: context, status: .badRequest, detail: Self.describe(error))
                return
            }
            let bodyError: HTTPRequestBodyError
            if let parserError = error as? HTTPParserError {
                bodyError =
                    parserError == .invalidEOFState
                    ? .init(reason: .truncated, detail: "The request body ended before it was complete.")
                    : .init(reason: .malformed, detail: Self.describe(error))
            } else if isProtocolError {
                bodyError = .init(reason: .malformed, detail: Self.describe(error))
            } else {
                bodyError = .init(reason: .connectionLost, detail: "\(error)")
            }
            self.failBody(context: context, with: bodyError)
        }
    }

    /// Hands `error` to whoever reads the body, and closes the connection after the response.
    private func failBody(context: ChannelHandlerContext, with error: HTTPRequestBodyError) {
        self.flushHeldHead(context: context)
        self.cancelTimer()
        self.input = .failed
        self.closeAfterResponse = true
        context.fireErrorCaught(error)
        if self.inFlight == 0 {
            // The response went out already (the route did not read the body): nobody will answer.
            self.shutDown(context: context)
        } else {
            self.setDeadline(.grace, in: self.configuration.responseGrace)
        }
    }

    /// Called by ``HTTP1InboundBytesHandler`` when a declared chunk takes the body over its limit.
    func declaredBodyTooLarge(limit: Int) {
        let context = self.context!
        guard case .readingBody = self.input else { return }
        let detail = "The request body is larger than the \(limit) bytes this server accepts."
        if self.heldHead != nil {
            self.heldHead = nil
            self.inFlight -= 1
            self.answerAndClose(context: context, status: .contentTooLarge, detail: detail)
        } else {
            self.failBody(context: context, with: .init(reason: .tooLarge, detail: detail))
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is CloseIfIdleEvent:
            if self.inFlight == 0, case .awaitingHead(bytesSeen: false) = self.input, !self.shuttingDown {
                self.configuration.logger.debug("closing idle connection to make room for a new one")
                context.close(promise: nil)
            } else {
                self.configuration.registry?.evictionDeclined()
            }
        case ChannelEvent.inputClosed where self.shuttingDown:
            context.close(promise: nil)
        default:
            self.flushHeldHead(context: context)
            context.fireUserInboundEventTriggered(event)
        }
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if self.dropping {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        switch self.unwrapOutboundIn(data) {
        case .head(let response) where response.headerFields[Self.dropConnection] != nil:
            // The sandbox's dropped connection: nothing of this response is written.
            self.dropping = true
            promise?.fail(ChannelError.ioOnClosedChannel)
            context.close(promise: nil)
        case .head(var response):
            if response.status.kind != .informational, self.answeringBeforeItsBodyWasRead {
                // Answered before the body was read (see `.end`): the connection will close, and
                // the client must know it now, or it may send its next request on it.
                response.headerFields[.connection] = "close"
                self.closeAfterResponse = true
                context.write(self.wrapOutboundOut(.head(response)), promise: promise)
                return
            }
            if response.status.kind != .informational,
                let connection = response.headerFields[.connection], connection.lowercased().contains("close")
            {
                self.closeAfterResponse = true
            }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            self.inFlight = max(0, self.inFlight - 1)
            if self.answeringBeforeItsBodyWasRead {
                // Answered before the body was read (a 401, or a 413 for its declared length):
                // the rest is never read, so the connection cannot carry another request, and a
                // client still sending would wait for ever on a server that stopped reading.
                self.closeAfterResponse = true
            }
            self.responsesWritten += 1
            context.write(data, promise: promise)
            if self.closeAfterResponse || (self.deferredError != nil && self.inFlight == 0) {
                if let (status, detail) = self.deferredError, self.inFlight == 0 {
                    self.deferredError = nil
                    self.writeErrorResponse(context: context, status: status, detail: detail)
                }
                self.shutDown(context: context)
            } else if self.inFlight == 0 {
                switch self.input {
                case .awaitingHead(bytesSeen: true): self.startHeadTimer(context: context)
                case .awaitingHead(bytesSeen: false): self.enterIdle(context: context)
                case .readingBody, .failed: break  // body still being read (response came first)
                }
            }
        }
    }

    // MARK: Answers and closing

    /// Answers a request that never reached Hummingbird, then closes. Deferred while earlier
    /// (pipelined) requests are still being answered.
    private func answerAndClose(context: ChannelHandlerContext, status: HTTPResponse.Status, detail: String) {
        self.input = .failed
        self.cancelTimer()
        if self.inFlight > 0 {
            self.deferredError = (status, detail)
            return
        }
        self.writeErrorResponse(context: context, status: status, detail: detail)
        self.shutDown(context: context)
    }

    private func writeErrorResponse(context: ChannelHandlerContext, status: HTTPResponse.Status, detail: String) {
        let body = self.configuration.errorBody(status, detail)
        var head = HTTPResponse(status: status)
        head.headerFields[.contentType] = "application/json"
        head.headerFields[.contentLength] = String(body.readableBytes)
        head.headerFields[.connection] = "close"
        context.write(self.wrapOutboundOut(.head(head)), promise: nil)
        context.write(self.wrapOutboundOut(.body(body)), promise: nil)
        context.write(self.wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// Flushes, shuts our side down, and closes when the client closes or after a linger. Closing
    /// at once would reset the connection if unread request bytes are left, and the client could
    /// lose the answer.
    private func shutDown(context: ChannelHandlerContext) {
        guard !self.shuttingDown else { return }
        self.shuttingDown = true
        self.input = .failed
        self.heldHead = nil
        context.flush()
        context.close(mode: .output, promise: nil)
        context.read()
        self.setDeadline(.linger, in: self.configuration.lingerTimeout)
    }

    // MARK: Timers

    private func enterIdle(context: ChannelHandlerContext) {
        self.activity?.markIdle()
        guard let idleTimeout = self.configuration.idleTimeout else { return }
        self.setDeadline(.idle, in: idleTimeout)
    }

    private func startHeadTimer(context: ChannelHandlerContext) {
        guard let headTimeout = self.configuration.headTimeout else { return }
        self.setDeadline(.head, in: headTimeout)
    }

    private func bodyTimedOut(context: ChannelHandlerContext) {
        guard case .readingBody = self.input else { return }
        let detail = "The request body was not received within \(Self.seconds(self.configuration.bodyTimeout!)) seconds."
        if self.heldHead != nil {
            self.heldHead = nil
            self.inFlight -= 1
            self.answerAndClose(context: context, status: .requestTimeout, detail: detail)
        } else {
            self.failBody(context: context, with: .init(reason: .timedOut, detail: detail))
        }
    }

    private func setDeadline(_ kind: DeadlineKind, in delay: TimeAmount) {
        let at = NIODeadline.now() + delay
        self.deadline = (kind, at)
        if let firesAt = self.timerFiresAt, firesAt <= at { return }  // it will re-arm for `at`
        self.timer?.cancel()
        self.arm(at: at)
    }

    private func arm(at: NIODeadline) {
        self.timerFiresAt = at
        self.timer = self.context.eventLoop.assumeIsolated().scheduleTask(deadline: at) { [weak self] in
            self?.timerFired()
        }
    }

    private func timerFired() {
        self.timer = nil
        self.timerFiresAt = nil
        guard let deadline = self.deadline else { return }
        guard NIODeadline.now() >= deadline.at else {
            self.arm(at: deadline.at)
            return
        }
        self.deadline = nil
        let context = self.context!
        switch deadline.kind {
        case .idle:
            guard self.inFlight == 0, case .awaitingHead(bytesSeen: false) = self.input else { return }
            self.configuration.logger.trace("idle connection timed out")
            context.close(promise: nil)
        case .head:
            guard self.inFlight == 0, case .awaitingHead = self.input, let headTimeout = self.configuration.headTimeout
            else { return }
            self.configuration.logger.debug("request head timed out")
            self.answerAndClose(
                context: context, status: .requestTimeout,
                detail: "The request head was not received within \(Self.seconds(headTimeout)) seconds.")
        case .body:
            self.bodyTimedOut(context: context)
        case .grace:
            self.configuration.logger.debug("no response after body error, closing")
            context.close(promise: nil)
        case .linger:
            context.close(promise: nil)
        }
    }

    /// Drops the current deadline; a pending timer fires once more and finds nothing to do.
    private func cancelTimer() {
        self.deadline = nil
    }

    private func stopTimer() {
        self.deadline = nil
        self.timer?.cancel()
        self.timer = nil
        self.timerFiresAt = nil
    }

    // MARK: Helpers

    private static func seconds(_ amount: TimeAmount) -> String {
        let value = Double(amount.nanoseconds) / 1e9
        return value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// A sentence for the client; NIO's error names are not for them.
    static func describe(_ error: any Error) -> String {
        switch error as? HTTPParserError {
        case .invalidMethod?: return "The request method is not valid."
        case .invalidURL?: return "The request target is not valid."
        case .invalidVersion?, .paused?: return "The request line is not HTTP/1.1 (this port speaks plain HTTP/1.x only)."
        case .invalidHeaderToken?: return "A request header is malformed."
        case .headerOverflow?: return "The request line or headers are too large."
        case .invalidContentLength?: return "The Content-Length header is not valid, or is sent with Transfer-Encoding."
        case .unexpectedContentLength?: return "The Content-Length header is repeated or conflicts with Transfer-Encoding."
        case .invalidChunkSize?: return "A chunk size in the chunked request body is not valid."
        case .invalidConstant?, .strictModeAssertion?, .lfExpected?, .invalidEOFState?, .closedConnection?:
            return "The request could not be parsed as HTTP/1.1."
        default: return "The request could not be parsed as HTTP/1.1."
        }
    }
}

@available(*, unavailable)
extension HTTP1ConnectionGuard: Sendable {}
