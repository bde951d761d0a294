import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Hummingbird's `HTTP1Channel`, plus ``HTTP1InboundBytesHandler`` first in the pipeline and
/// ``HTTP1ConnectionGuard`` right after `HTTP1ToHTTPServerCodec`:
///
///     (NIOSSLServerHandler, with TLS)
///     HTTP1InboundBytesHandler        ByteBuffer            (ours)
///     HTTPResponseEncoder             HTTPServerResponsePart -> ByteBuffer
///     ByteToMessageHandler<HTTPRequestDecoder>  ByteBuffer -> HTTPServerRequestPart
///     HTTP1ToHTTPServerCodec          HTTPServerRequestPart <-> HTTPRequestPart
///     HTTP1ConnectionGuard            HTTPRequestPart / HTTPResponsePart (ours)
///     ...additionalChannelHandlers    (ExpectContinueHandler)
///     HTTPConnectionStateHandler      (Hummingbird: quiesce, optional idleTimeout)
///     NIOAsyncChannelHandler          -> handleHTTP
struct HardenedHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let http1: HTTP1Channel
    let guardConfiguration: HTTP1ConnectionGuard.Configuration
    /// Refuse chunked bodies declaring more than this as soon as the chunk size arrives.
    let maxBodyBytes: Int?

    init(
        responder: @escaping HTTPChannelHandler.Responder,
        configuration: HTTP1Channel.Configuration,
        guardConfiguration: HTTP1ConnectionGuard.Configuration,
        maxBodyBytes: Int?
    ) {
        self.responder = responder
        self.http1 = HTTP1Channel(responder: responder, configuration: configuration)
        self.guardConfiguration = guardConfiguration
        self.maxBodyBytes = maxBodyBytes
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        // Runs on the channel's event loop (ServerBootstrap's childChannelInitializer), before
        // the channel is registered and active.
        self.http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let sync = channel.pipeline.syncOperations
            let connectionGuard = HTTP1ConnectionGuard(configuration: self.guardConfiguration)
            let codec = try sync.handler(type: HTTP1ToHTTPServerCodec.self)
            try sync.addHandler(connectionGuard, position: .after(codec))
            // Right before the HTTP codec rather than first: under TLS, the TLS handler comes first
            // and this one must see the decrypted bytes.
            let encoder = try sync.handler(type: HTTPResponseEncoder.self)
            try sync.addHandler(
                HTTP1InboundBytesHandler(connectionGuard: connectionGuard, maxBodyBytes: self.maxBodyBytes),
                position: .before(encoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await self.handleHTTP(asyncChannel: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// `.http1(configuration:)` with the connection guard.
    static func hardenedHTTP1(
        configuration: HTTP1Channel.Configuration = .init(),
        guard guardConfiguration: HTTP1ConnectionGuard.Configuration,
        maxBodyBytes: Int?
    ) -> HTTPServerBuilder {
        .init { responder in
            HardenedHTTP1Channel(
                responder: responder, configuration: configuration, guardConfiguration: guardConfiguration,
                maxBodyBytes: maxBodyBytes)
        }
    }
}
