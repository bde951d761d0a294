import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `Expect: 100-continue` with `100 Continue` as soon as the request head arrives, when
/// the request could be accepted.
///
/// curl sends that header with any body over a megabyte and then waits a second for the interim
/// answer before sending the body; Hummingbird does not give it, so every large add or remove
/// took a second longer than its work. A request with no `Authorization` header, or with a
/// `Content-Length` over the limit, gets no `100`: its 401 or 413 comes before the client sends
/// the body. This handler sits between the HTTP codec and Hummingbird.
final class ExpectContinueHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let maxBodyBytes: Int

    init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var request) = unwrapInboundIn(data),
            request.headerFields[.expect]?.lowercased() == "100-continue"
        else {
            context.fireChannelRead(data)
            return
        }
        request.headerFields[.expect] = nil
        let length = request.headerFields[.contentLength].flatMap { Int($0) } ?? 0
        if request.headerFields[.authorization] != nil, length <= maxBodyBytes {
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        }
        context.fireChannelRead(wrapInboundOut(.head(request)))
    }
}
