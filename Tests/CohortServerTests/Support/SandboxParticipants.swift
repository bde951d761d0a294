import AsyncHTTPClient
import CohortServer
import Foundation
import NIOHTTP1
import Testing

/// The sandbox's participant side, as a test drives it (docs/sandbox.md, "Participants").
extension TestServer {
    static let sandboxAdmin = "admin-token-for-the-submission-tests"

    func adminRequest(_ method: HTTPMethod, _ path: String, json: String? = nil) async throws -> TestResponse {
        try await request(method, path, json: json, token: .some(Self.sandboxAdmin))
    }

    func makeParticipants(_ count: Int) async throws -> [String] {
        let response = try await adminRequest(.POST, "/_cohort/participants", json: #"{"count": \#(count)}"#)
        try #require(response.status == 201, "making participants: \(response.text)")
        return try #require(try response.json["results"]?.array?.compactMap { $0["id"]?.string })
    }

    /// Takes a place; answers the whole response (a refusal is a test's subject too).
    func take(_ study: String, _ participant: String) async throws -> TestResponse {
        try await adminRequest(.POST, "/_cohort/studies/\(study)/submissions", json: #"{"participant_id": "\#(participant)"}"#)
    }

    /// Takes a place, which must be given; answers the submission id.
    func taken(_ study: String, _ participant: String) async throws -> String {
        let response = try await take(study, participant)
        try #require(response.status == 201, "taking a place: \(response.text)")
        return try #require(try response.json["submission"]?["id"]?.string)
    }

    func complete(_ submission: String, code: String?) async throws -> TestResponse {
        let code = code.map { "\"\($0)\"" } ?? "null"
        return try await adminRequest(.POST, "/_cohort/submissions/\(submission)/complete", json: #"{"code": \#(code)}"#)
    }

    func advanceClock(seconds: Int) async throws {
        let response = try await adminRequest(.POST, "/_cohort/clock", json: #"{"advance_seconds": \#(seconds)}"#)
        try #require(response.status == 200, "advancing the clock: \(response.text)")
    }

    /// Publishes a study made from `fields` and answers its id.
    func publishedStudy(_ fields: [String: String] = [:]) async throws -> String {
        let id = try #require(try await createStudy(fields)["id"]?.string)
        let published = try await request(.POST, "/api/v1/studies/\(id)/transition/", json: #"{"action": "PUBLISH"}"#)
        try #require(published.status == 200, "publishing: \(published.text)")
        return id
    }
}

func sandboxForSubmissions(_ configuration: inout ServerConfiguration) {
    configuration.sandbox = .init(adminToken: TestServer.sandboxAdmin)
}

extension TestServer {
    /// A GET whose redirect is answered, not followed (a take link's 302), with no token.
    func getWithoutFollowing(_ path: String) async throws -> TestResponse {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            let response = try await client.execute(HTTPClientRequest(url: baseURL + path), timeout: .seconds(60))
            let bytes = try await response.body.collect(upTo: 1024 * 1024)
            try await client.shutdown()
            return TestResponse(status: Int(response.status.code), headers: response.headers, body: Data(buffer: bytes))
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
