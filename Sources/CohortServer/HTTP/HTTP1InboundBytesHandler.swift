import HTTPTypes
import NIOCore

/// The first handler after TLS, if any (raw bytes, before NIO's `HTTPResponseEncoder` and
/// `ByteToMessageHandler(HTTPRequestDecoder)`).
///
/// 1. Tells ``HTTP1ConnectionGuard`` when bytes arrive, so that the head deadline starts at the
///    first byte of a request and an idle keep-alive connection can be told from a slow head.
/// 2. Optionally follows chunked framing to refuse a chunk whose declared size takes the body over
///    the limit *when the size line arrives* (llhttp accepts any size that fits in 64 bits and
///    then just waits for the data; NIO does not expose chunk sizes).
///
/// The framing it follows is synchronised with llhttp at every request head: it cuts the input
/// right after the first CRLFCRLF of a message and checks that exactly then the decoder produced a
/// head. Anything it does not understand switches it to `.transparent` for the rest of the
/// connection, so it can miss an oversized chunk but never refuse a request llhttp would accept
/// with a body within the limit.
final class HTTP1InboundBytesHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private enum Mode {
        /// Scanning for the CRLFCRLF that ends a head; `matched` bytes of it seen so far.
        case head(matched: Int)
        case fixed(remaining: Int)
        case chunkSize(ChunkLine)
        case chunkData(remaining: Int)
        /// The CRLF after chunk data; `seen` bytes of it so far.
        case chunkDataEnd(seen: Int)
        /// After the last chunk: trailers until an empty line (reuses the CRLFCRLF matcher).
        case trailers(matched: Int)
        case transparent
        case discard
    }

    private struct ChunkLine {
        var size = 0
        var digits = 0
        var inExtension = false
        var sawCR = false
        var length = 0
    }

    private enum Framing {
        case none, length(Int), chunked, unknown
    }

    private enum Observation {
        case nothing, head(Framing), unexpected
    }

    private let connectionGuard: HTTP1ConnectionGuard
    private let maxBodyBytes: Int?
    private var mode: Mode
    private var declaredBodyBytes = 0
    private var verifying = false
    private var observation: Observation = .nothing

    /// - Parameter maxBodyBytes: refuse chunked bodies declaring more; `nil` only observes bytes.
    init(connectionGuard: HTTP1ConnectionGuard, maxBodyBytes: Int?) {
        self.connectionGuard = connectionGuard
        self.maxBodyBytes = maxBodyBytes
        self.mode = maxBodyBytes == nil ? .transparent : .head(matched: 0)
        connectionGuard.bytesObserver = self
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if self.connectionGuard.isDiscardingInput { return }
        self.connectionGuard.bytesArrived()
        if case .transparent = self.mode {
            context.fireChannelRead(data)
            return
        }
        self.process(context: context, buffer: self.unwrapInboundIn(data))
    }

    /// Called by the guard for every head the decoder produced.
    func headDelivered(_ head: HTTPRequest) {
        guard self.verifying else {
            // A head where we did not expect one: our framing and llhttp's disagree.
            self.mode = .transparent
            return
        }
        guard case .nothing = self.observation else {
            self.observation = .unexpected
            return
        }
        self.observation = .head(Self.framing(of: head))
    }

    private static func framing(of head: HTTPRequest) -> Framing {
        if head.method == .connect || head.headerFields[.upgrade] != nil { return .unknown }
        if let te = head.headerFields[.transferEncoding] {
            let last = te.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            return last == "chunked" ? .chunked : .unknown
        }
        if let cl = head.headerFields[.contentLength] {
            guard let length = Int(cl), length >= 0 else { return .unknown }
            return length == 0 ? .none : .length(length)
        }
        return .none
    }

    private func process(context: ChannelHandlerContext, buffer: ByteBuffer) {
        var buffer = buffer
        // `pending` bytes from the reader index on are accounted for and not yet passed on.
        var pending = 0
        func passOn(_ count: Int) {
            guard count > 0 else { return }
            let slice = buffer.readSlice(length: count)!
            context.fireChannelRead(self.wrapInboundOut(slice))
        }
        loop: while buffer.readableBytes > pending {
            if self.connectionGuard.isDiscardingInput { self.mode = .discard }
            let available = buffer.readableBytes - pending
            switch self.mode {
            case .transparent:
                pending = buffer.readableBytes
            case .discard:
                buffer.moveReaderIndex(to: buffer.writerIndex)
                pending = 0
                break loop
            case .fixed(let remaining):
                let n = min(remaining, available)
                pending += n
                self.mode = remaining == n ? .head(matched: 0) : .fixed(remaining: remaining - n)
            case .head(let matched):
                // The previous message's tail goes first, so that the checked part holds a head only.
                if pending > 0 {
                    passOn(pending)
                    pending = 0
                    continue loop
                }
                let (end, newMatched) = Self.scanForCRLFCRLF(buffer, from: 0, matched: matched)
                guard let end else {
                    pending = available
                    self.mode = .head(matched: newMatched)
                    continue loop
                }
                self.verifying = true
                self.observation = .nothing
                passOn(end)
                self.verifying = false
                if self.connectionGuard.isDiscardingInput {
                    self.mode = .discard
                    continue loop
                }
                switch self.observation {
                case .head(.none): self.mode = .head(matched: 0)
                case .head(.length(let length)): self.mode = .fixed(remaining: length)
                case .head(.chunked):
                    self.declaredBodyBytes = 0
                    self.mode = .chunkSize(ChunkLine())
                case .head(.unknown), .nothing, .unexpected: self.mode = .transparent
                }
            case .chunkSize(var line):
                let entryPending = pending
                var index = buffer.readerIndex + pending
                let end = buffer.writerIndex
                var finished = false
                while index < end, !finished {
                    let byte = buffer.getInteger(at: index, as: UInt8.self)!
                    index += 1
                    line.length += 1
                    if line.length > 4096 {
                        self.mode = .transparent
                        continue loop
                    }
                    if line.sawCR {
                        guard byte == UInt8(ascii: "\n"), line.digits > 0 else {
                            self.mode = .transparent
                            continue loop
                        }
                        finished = true
                    } else if byte == UInt8(ascii: "\r") {
                        line.sawCR = true
                    } else if line.inExtension {
                        continue
                    } else if let digit = Self.hexValue(byte) {
                        line.size = line.size * 16 + digit
                        line.digits += 1
                        if let limit = self.maxBodyBytes, self.declaredBodyBytes + line.size > limit {
                            passOn(entryPending)
                            pending = 0
                            self.mode = .discard
                            self.connectionGuard.declaredBodyTooLarge(limit: limit)
                            continue loop
                        }
                    } else if byte == UInt8(ascii: ";") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t"),
                        line.digits > 0
                    {
                        line.inExtension = true
                    } else {
                        self.mode = .transparent
                        continue loop
                    }
                }
                pending = index - buffer.readerIndex
                if finished {
                    self.declaredBodyBytes += line.size
                    self.mode = line.size == 0 ? .trailers(matched: 2) : .chunkData(remaining: line.size)
                } else {
                    self.mode = .chunkSize(line)
                }
            case .chunkData(let remaining):
                let n = min(remaining, available)
                pending += n
                self.mode = remaining == n ? .chunkDataEnd(seen: 0) : .chunkData(remaining: remaining - n)
            case .chunkDataEnd(let seen):
                let byte = buffer.getInteger(at: buffer.readerIndex + pending, as: UInt8.self)!
                guard byte == (seen == 0 ? UInt8(ascii: "\r") : UInt8(ascii: "\n")) else {
                    self.mode = .transparent
                    continue loop
                }
                pending += 1
                self.mode = seen == 0 ? .chunkDataEnd(seen: 1) : .chunkSize(ChunkLine())
            case .trailers(let matched):
                let (end, newMatched) = Self.scanForCRLFCRLF(buffer, from: pending, matched: matched)
                if let end {
                    pending = end
                    self.mode = .head(matched: 0)
                } else {
                    pending = buffer.readableBytes
                    self.mode = .trailers(matched: newMatched)
                }
            }
        }
        passOn(pending)
    }

    /// Finds the end (exclusive, relative to the reader index) of the first CRLFCRLF at or after
    /// `from`, continuing a match of `matched` bytes from the previous buffer.
    private static func scanForCRLFCRLF(_ buffer: ByteBuffer, from: Int, matched: Int) -> (Int?, Int) {
        buffer.withUnsafeReadableBytes { bytes in
            var matched = matched
            var index = from
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                let expected: UInt8 = matched % 2 == 0 ? UInt8(ascii: "\r") : UInt8(ascii: "\n")
                if byte == expected {
                    matched += 1
                    if matched == 4 { return (index, 0) }
                } else {
                    matched = byte == UInt8(ascii: "\r") ? 1 : 0
                }
            }
            return (nil, matched)
        }
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}

@available(*, unavailable)
extension HTTP1InboundBytesHandler: Sendable {}
