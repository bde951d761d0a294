import CohortCore
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// How the server speaks HTTP/1.1 below the router: Hummingbird's HTTP/1 channel with
/// ``HTTP1ConnectionGuard`` and ``HTTP1InboundBytesHandler`` added (malformed requests answered
/// in the envelope, deadlines, declared chunk sizes held to the body limit), and
/// ``EvictingConnectionLimit`` on the listening socket, sharing one ``ConnectionRegistry``; with
/// ``ServerConfiguration/tls``, all of it below swift-nio-ssl's handler.
public struct HTTPLayer {
    /// Request lines and header fields: 16 KiB each, 64 KiB in all, 100 fields. A URL of 16 KiB
    /// holds any query Cohort reads; a larger head is refused with 400 in the envelope.
    static let decoderLimits = HTTP1Channel.Configuration.DecoderConfiguration(
        maxHeaderFieldSize: 16 * 1024, maxHeaderListSize: 64 * 1024, maxHeaderFieldCount: 100)

    /// Descriptors kept for everything but client connections: the listening socket, the event
    /// loops' own, standard streams, the database's files or connections, log files.
    public static let reservedDescriptors = 64

    let server: HTTPServerBuilder
    let application: ApplicationConfiguration
    let maxConnections: Int

    init(_ configuration: ServerConfiguration, eventLoopGroup: any EventLoopGroup, logger: Logger) throws {
        let maxConnections =
            configuration.maxConnections
            ?? EvictingConnectionLimit.defaultMaxConnections(
                reserve: Self.reservedDescriptors + configuration.databasePoolSize)
        // Eviction starts a little below the limit, so that accepting rarely has to pause.
        let registry = ConnectionRegistry(evictAbove: max(1, maxConnections - 4), eventLoop: eventLoopGroup.next())
        let guardConfiguration = HTTP1ConnectionGuard.Configuration(
            idleTimeout: configuration.timeouts.idle.map(TimeAmount.init),
            headTimeout: configuration.timeouts.head.map(TimeAmount.init),
            bodyTimeout: configuration.timeouts.body.map(TimeAmount.init),
            registry: registry,
            errorBody: { status, detail in
                let kind: ErrorKind =
                    switch status {
                    case .requestTimeout: .requestTimeout
                    case .contentTooLarge: .payloadTooLarge
                    default: .malformedRequest
                    }
                return ErrorEnvelope.body(for: CohortError(kind, detail))
            },
            logger: logger)
        let http1 = HTTPServerBuilder.hardenedHTTP1(
            configuration: .init(
                additionalChannelHandlers: [ExpectContinueHandler(maxBodyBytes: configuration.maxBodyBytes)],
                httpDecoderConfiguration: Self.decoderLimits),
            guard: guardConfiguration, maxBodyBytes: configuration.maxBodyBytes)
        if let files = configuration.tls {
            self.server = try .tls(http1, tlsConfiguration: try Self.tlsConfiguration(files))
        } else {
            self.server = http1
        }
        self.application = ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: nil,
            availableConnectionsDelegate: EvictingConnectionLimit(registry: registry, maxConnections: maxConnections))
        self.maxConnections = maxConnections
    }

    /// The server's TLS settings from PEM files; a file that cannot be read or parsed is an error
    /// naming it.
    static func tlsConfiguration(_ files: ServerConfiguration.TLSFiles) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificateChain)
        } catch {
            throw TLSFileError(file: files.certificateChain, what: "a PEM certificate chain", underlying: error)
        }
        guard !chain.isEmpty else {
            throw TLSFileError(file: files.certificateChain, what: "a PEM certificate chain", underlying: nil)
        }
        do {
            key = try NIOSSLPrivateKey(file: files.privateKey, format: .pem)
        } catch {
            throw TLSFileError(file: files.privateKey, what: "a PEM private key", underlying: error)
        }
        return .makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }
}

/// `--tls-cert` or `--tls-key` names a file that is not what it should be.
public struct TLSFileError: Error, CustomStringConvertible {
    public let file: String
    let what: String
    let underlying: (any Error)?

    public var description: String {
        "\(file) is not \(what)" + (underlying.map { " (\($0))" } ?? "")
    }
}
