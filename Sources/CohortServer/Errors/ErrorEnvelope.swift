import CohortCore
import Foundation
import Hummingbird

/// Prolific's error body: `{"error": {"status", "error_code", "title", "detail"}}`.
struct ErrorEnvelope: Encodable {
    let error: Body

    struct Body: Encodable {
        let status: Int
        let errorCode: Int
        let title: String
        let detail: CohortError.Detail

        enum CodingKeys: String, CodingKey {
            case status
            case errorCode = "error_code"
            case title, detail
        }
    }

    init(_ error: CohortError) {
        self.error = Body(status: error.kind.status, errorCode: error.kind.code, title: error.kind.title, detail: error.detail)
    }

    /// The response carrying `error`, with any extra headers (such as `Allow`).
    static func response(for error: CohortError, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return Response(
            status: HTTPResponse.Status(code: error.kind.status), headers: headers,
            body: ResponseBody(byteBuffer: body(for: error)))
    }

    /// The envelope's JSON alone, for answers written below the router (``HTTP1ConnectionGuard``).
    static func body(for error: CohortError) -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and integers cannot fail.
        let data = (try? encoder.encode(ErrorEnvelope(error))) ?? Data(#"{"error":{}}"#.utf8)
        return ByteBuffer(bytes: data)
    }
}

extension CohortError.Detail: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .message(let message): try container.encode(message)
        case .messages(let messages): try container.encode(messages)
        case .fields(let fields): try container.encode(fields)
        }
    }
}
