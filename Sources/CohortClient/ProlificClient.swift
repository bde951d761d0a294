import AsyncHTTPClient
import Foundation
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime

/// Typed calls to Prolific's participant-group API, on a Cohort server or on
/// `https://api.prolific.com` unchanged.
///
/// ```swift
/// let client = try ProlificClient(configuration: .fromEnvironment())  // PROLIFIC_URL, PROLIFIC_TOKEN
/// let group = try await client.createGroup(name: "Wave 2", in: .workspace(workspaceID))
/// try await client.addMembers(ids, to: group.id) { sent, total in print("\(sent)/\(total)") }
/// for try await member in client.members(of: group.id) { print(member.participantId) }
/// ```
///
/// Every request goes as Prolific's document describes it: trailing slashes, `Authorization: Token`,
/// JSON bodies, the ids to remove in the body of a `DELETE`. Errors arrive as ``ProlificError``.
public struct ProlificClient: Sendable {
    public let configuration: ClientConfiguration
    let client: Client

    /// A client over AsyncHTTPClient: ``defaultHTTPClient`` unless given.
    public init(configuration: ClientConfiguration, httpClient: HTTPClient = ProlificClient.defaultHTTPClient) {
        let timeout = configuration.timeout.components
        self.init(
            configuration: configuration,
            transport: AsyncHTTPClientTransport(
                configuration: .init(client: httpClient, timeout: .seconds(max(1, timeout.seconds)))))
    }

    /// A client over any transport; tests use one that records requests.
    public init(configuration: ClientConfiguration, transport: any ClientTransport) {
        self.configuration = configuration
        self.client = Client(
            serverURL: configuration.baseURL, configuration: .init(), transport: transport,
            middlewares: [
                ErrorResponseMiddleware(), RetryMiddleware(policy: configuration.retry),
                AuthorizationMiddleware(token: configuration.token),
            ])
    }

    /// AsyncHTTPClient's shared settings, except that a connection that cannot be made fails at
    /// once instead of being tried again until the request's timeout: with the SDK's own retries
    /// on top, a server that was down took minutes to report. The retry policy still applies.
    public static let defaultHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Runs a generated call, handing back the client's own errors rather than the wrapper the
    /// generated code puts around them.
    func call<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ClientError {
            if let inner = error.underlyingError as? ProlificError { throw inner }
            if error.underlyingError is DecodingError {
                throw ProlificError.unexpectedResponse("\(error.causeDescription): \(error.underlyingError)")
            }
            throw error.underlyingError
        }
    }

    /// `ids` in slices of at most ``ClientConfiguration/batchSize``; one empty slice for no ids.
    func batches(_ ids: [String]) -> [ArraySlice<String>] {
        guard !ids.isEmpty else { return [[]] }
        return stride(from: 0, to: ids.count, by: configuration.batchSize).map {
            ids[$0..<min($0 + configuration.batchSize, ids.count)]
        }
    }
}
