import Foundation
import NIOSSL
import PostgresNIO

/// `postgres://user:password@host:port/database?sslmode=...`, as libpq spells it, turned into a
/// PostgresNIO client configuration.
///
/// `sslmode`: `disable`; `prefer` (the default: TLS if the server offers it, unverified, as libpq
/// does); `require` (TLS, unverified); `verify-full` (TLS with the certificate and host checked).
public struct PostgresURL: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let username: String
    public let password: String?
    public let database: String
    public let sslMode: String

    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(_ text: String) throws {
        guard Self.isPostgres(text), let components = URLComponents(string: text), let host = components.host,
            !host.isEmpty
        else {
            throw PostgresURLError("'\(Self.redacted(text))' is not a postgres://user:password@host:port/database URL")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresURLError("the PostgreSQL URL names no user")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw PostgresURLError("the PostgreSQL URL names no database") }
        self.host = host
        self.port = components.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard ["disable", "prefer", "require", "verify-full"].contains(mode) else {
            throw PostgresURLError("sslmode '\(mode)' is not one of disable, prefer, require, verify-full")
        }
        self.sslMode = mode
    }

    /// The same server and credentials, another database.
    public func url(database other: String) -> String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = username
        components.password = password
        components.host = host
        components.port = port
        components.path = "/" + other
        components.queryItems = [URLQueryItem(name: "sslmode", value: sslMode)]
        return components.string ?? ""
    }

    /// A single connection's configuration, for tools that need one connection and no pool.
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var unverified = TLSConfiguration.makeClientConfiguration()
        unverified.certificateVerification = .none
        let tls: PostgresConnection.Configuration.TLS =
            switch sslMode {
            case "disable": .disable
            case "require": .require(try NIOSSLContext(configuration: unverified))
            case "verify-full": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: .prefer(try NIOSSLContext(configuration: unverified))
            }
        return PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
    }

    /// The URL without its password, for logs and errors.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)?sslmode=\(sslMode)" }

    func clientConfiguration(poolSize: Int) throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        var unverified = TLSConfiguration.makeClientConfiguration()
        unverified.certificateVerification = .none
        switch sslMode {
        case "disable": tls = .disable
        case "require": tls = .require(unverified)
        case "verify-full": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(unverified)
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = poolSize
        configuration.options.minimumConnections = 0
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    private static func redacted(_ text: String) -> String {
        text.replacingOccurrences(of: #":[^:@/]*@"#, with: ":***@", options: .regularExpression)
    }
}

public struct PostgresURLError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
