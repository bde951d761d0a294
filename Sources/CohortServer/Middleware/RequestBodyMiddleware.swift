import CohortCore
import HTTPTypes
import Hummingbird
import NIOCore

/// Reads the whole body before the handler runs and makes it what the handlers may trust:
///
/// - over the limit: 413, before any of it is read when `Content-Length` says so (a chunked body
///   is counted as it arrives);
/// - a body without `Content-Type` is `application/octet-stream` (RFC 9110 §8.3), which no
///   operation reads, so it is refused with 415 as Prolific refuses it, rather than read as JSON;
/// - JSON: duplicate keys resolved as Prolific's parser resolves them, NUL refused
///   (``JSONBodyNormaliser``); a form body with a NUL is refused the same way.
struct RequestBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let declaredLength = request.headers[.contentLength]
        // No Content-Length and no Transfer-Encoding: HTTP/1.1 says there is no body (RFC 9112 §6.3).
        if declaredLength == nil, request.headers[.transferEncoding] == nil { return try await next(request, context) }
        if let declared = declaredLength.flatMap({ Int($0) }), declared > maxBytes {
            throw tooLarge
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBytes)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
        // Hummingbird takes the end of the stream for the end of the body: never act on a short one.
        if let declared = declaredLength.flatMap({ Int($0) }), body.readableBytes != declared {
            throw HTTPRequestBodyError(reason: .truncated, detail: "The request body ended before it was complete.")
        }
        guard body.readableBytes > 0 else { return try await next(request, context) }
        if let notes = RequestNotes.current { Self.note(body, in: notes) }
        guard let contentType = request.headers[.contentType], !contentType.isEmpty else {
            var head = request.head
            head.headerFields[.contentType] = "application/octet-stream"
            return try await next(Request(head: head, body: request.body), context)
        }
        switch MediaType(contentType) {
        case .json:
            if let normalised = try body.withUnsafeReadableBytes({ bytes throws(CohortError) in
                try JSONBodyNormaliser.normalise(bytes)
            }) {
                request.body = RequestBody(buffer: ByteBuffer(bytes: normalised))
            }
        case .form:
            try FormBody.refuseNUL(body)
        case .other:
            break
        }
        return try await next(request, context)
    }

    /// For the sandbox's journal: the body's first bytes as text, redacted as logs are.
    private static func note(_ body: ByteBuffer, in notes: RequestNotes) {
        let limit = RequestJournal.bodyLimit
        let text = String(decoding: body.readableBytesView.prefix(limit), as: UTF8.self)
        let truncated = body.readableBytes > limit
        notes.update { notes in
            notes.body = LogRedaction.redact(text)
            notes.bodyTruncated = truncated
        }
    }

    private var tooLarge: CohortError {
        CohortError(.payloadTooLarge, "The request body is larger than the \(maxBytes) bytes this server accepts.")
    }

    /// The body kinds this middleware looks into.
    enum MediaType {
        case json, form, other

        init(_ contentType: String) {
            let essence = contentType.split(separator: ";", maxSplits: 1).first?
                .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if essence == "application/json" || essence.hasSuffix("+json") {
                self = .json
            } else if essence == "application/x-www-form-urlencoded" {
                self = .form
            } else {
                self = .other
            }
        }
    }
}

/// `application/x-www-form-urlencoded` bodies, as far as the middleware checks them.
enum FormBody {
    /// Refuses a field whose name or value holds an encoded NUL (`%00`), naming the field.
    static func refuseNUL(_ body: ByteBuffer) throws(CohortError) {
        let text = String(buffer: body)
        for pair in text.split(separator: "&") where pair.range(of: "%00", options: .caseInsensitive) != nil {
            let name = pair.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            let field = name.removingPercentEncoding.flatMap { $0.contains("\0") ? nil : $0 } ?? "non_field_errors"
            throw CohortError(.invalidInput, .fields([field: [JSONBodyNormaliser.nulMessage]]))
        }
    }
}

import Foundation
