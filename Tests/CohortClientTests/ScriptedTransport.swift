import CohortClient
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Synchronization

/// A transport that records each request and answers from a script, for testing what the SDK
/// sends and how it reacts, without a server.
final class ScriptedTransport: ClientTransport, Sendable {
    struct Sent: Sendable {
        let request: HTTPRequest
        let body: Data
        let operationID: String
    }

    enum Reply: Sendable {
        case respond(status: Int, headers: HTTPFields = [:], body: String)
        case fail(any Error)
    }

    private let sent = Mutex<[Sent]>([])
    private let script: @Sendable (_ operationID: String, _ attempt: Int) -> Reply

    init(_ script: @escaping @Sendable (_ operationID: String, _ attempt: Int) -> Reply) {
        self.script = script
    }

    var requests: [Sent] { sent.withLock { $0 } }

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws
        -> (HTTPResponse, HTTPBody?)
    {
        var data = Data()
        if let body { data = try await Data(collecting: body, upTo: 64 << 20) }
        let attempt = sent.withLock { sent in
            sent.append(Sent(request: request, body: data, operationID: operationID))
            return sent.filter { $0.operationID == operationID }.count
        }
        switch script(operationID, attempt) {
        case .respond(let status, var headers, let body):
            if headers[.contentType] == nil { headers[.contentType] = "application/json" }
            return (HTTPResponse(status: .init(code: status), headerFields: headers), HTTPBody(body))
        case .fail(let error):
            throw error
        }
    }
}

/// Waits that ``RetryPolicy`` asked for, recorded instead of slept.
final class RecordedSleeps: Sendable {
    private let storage = Mutex<[Duration]>([])

    var values: [Duration] { storage.withLock { $0 } }

    var policy: RetryPolicy {
        RetryPolicy(maximumAttempts: 4, baseDelay: .milliseconds(100), maximumDelay: .seconds(10)) { duration in
            self.storage.withLock { $0.append(duration) }
        }
    }
}

struct SimulatedNetworkFailure: Error {}
