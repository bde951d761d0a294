import Foundation
import HTTPTypes
import NIOHTTP1
import OpenAPIRuntime

/// Turns every answer outside 2xx into a ``ProlificError``, reading Prolific's error envelope when
/// the body is one, so that callers get one typed error whatever the operation.
struct ErrorResponseMiddleware: ClientMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, baseURL)
        guard response.status.kind != .successful else { return (response, responseBody) }
        var data = Data()
        if let responseBody { data = try await Data(collecting: responseBody, upTo: 1 << 20) }
        // A transport may leave the reason phrase empty; the standard one reads better than none.
        let reason =
            response.status.reasonPhrase.isEmpty
            ? HTTPResponseStatus(statusCode: Int(response.status.code)).reasonPhrase : response.status.reasonPhrase
        throw Self.error(status: Int(response.status.code), reason: reason, body: data)
    }

    static func error(status: Int, reason: String, body: Data) -> ProlificError {
        if let envelope = try? JSONDecoder().decode(Envelope.self, from: body) {
            return .api(
                status: envelope.error.status ?? status, errorCode: envelope.error.errorCode,
                title: envelope.error.title ?? reason, detail: envelope.error.detail ?? .message(""))
        }
        let text = String(decoding: body.prefix(2_000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return .api(status: status, errorCode: nil, title: reason, detail: .message(text))
    }

    private struct Envelope: Decodable {
        let error: Body

        struct Body: Decodable {
            let status: Int?
            let errorCode: Int?
            let title: String?
            let detail: ProlificError.Detail?

            enum CodingKeys: String, CodingKey {
                case status, title, detail
                case errorCode = "error_code"
            }
        }
    }
}

extension ProlificError.Detail: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let message = try? container.decode(String.self) {
            self = .message(message)
        } else if let messages = try? container.decode([String].self) {
            self = .messages(messages)
        } else if let fields = try? container.decode([String: [String]].self) {
            self = .fields(fields)
        } else if let fields = try? container.decode([String: String].self) {
            self = .fields(fields.mapValues { [$0] })
        } else {
            self = .message("")
        }
    }
}
