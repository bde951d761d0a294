import ArgumentParser
import CohortClient
import Foundation

/// Where the client commands send their requests, and with which token.
struct ClientOptions: ParsableArguments {
    @Option(help: "The server (default: PROLIFIC_URL, else https://api.prolific.com).")
    var url: String?

    @Option(help: "The API token (default: PROLIFIC_TOKEN, which keeps it out of the process list).")
    var token: String?

    /// Makes a client and runs `body` with it. The server's own errors (``ProlificError``: title and
    /// detail) pass unchanged; a failure to get an answer at all says which server was tried.
    func call<T>(batchSize: Int? = nil, _ body: (ProlificClient) async throws -> T) async throws -> T {
        let configuration = try configuration(batchSize: batchSize)
        do {
            return try await body(ProlificClient(configuration: configuration))
        } catch let error as ProlificError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw CommandError("No answer from \(configuration.baseURL.absoluteString): \(error)")
        }
    }

    private func configuration(batchSize: Int?) throws -> ClientConfiguration {
        var configuration = try ClientConfiguration.fromEnvironment(baseURL: try baseURL(), token: token)
        guard configuration.token != nil else {
            throw CommandError("No API token: pass --token or set PROLIFIC_TOKEN.")
        }
        if let batchSize { configuration.batchSize = batchSize }
        return configuration
    }

    /// `--url`, checked as the SDK checks PROLIFIC_URL.
    private func baseURL() throws -> URL? {
        try url.map { try ClientConfiguration.parseBaseURL($0, source: "--url") }
    }
}

/// `--batch-size`, for the commands that send participant ids.
struct BatchOptions: ParsableArguments {
    @Option(help: "The most participant ids sent in one request (default \(ClientConfiguration().batchSize)).")
    var batchSize: Int?

    func validate() throws {
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1.") }
    }
}
