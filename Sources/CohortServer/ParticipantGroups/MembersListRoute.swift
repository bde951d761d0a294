import CohortAPI
import CohortCore
import Foundation
import Hummingbird
import NIOCore

/// `GET /api/v1/participant-groups/{id}/participants/`, written by hand so that the JSON is
/// streamed as the members are read: a group of a million members is sent in bounded memory,
/// slice by slice, instead of being built whole first (which a generated handler's typed body
/// would require). The answer has the shape `openapi.yaml` gives: `results`, `meta`, `_links`.
///
/// Paging: `limit` with `offset`, or `limit` with `after`, the cursor the previous page's
/// `next` link carries (a keyset seek: as cheap deep in a large group as at its start). A page
/// asked for without `offset` links to the next by cursor.
struct MembersListRoute {
    let cohort: Cohort

    static let operation = "GET /api/v1/participant-groups/{id}/participants/"
    static let sliceSize = 5_000

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/api/v1/participant-groups/{id}/participants/") { request, context in
            try await respond(request, context: context)
        }
    }

    private func respond(_ request: Request, context: some RequestContext) async throws -> Response {
        let caller = try RequestScope.caller()
        let url = RequestScope.current?.url
        let group = try context.parameters.require("id")
        let query = try Query(request.uri.queryParameters)
        let slices = try await cohort.groups.memberSlices(
            group, after: query.after, offset: query.page.offset, limit: query.page.limit, sliceSize: Self.sliceSize,
            caller: caller)
        let body = ResponseBody { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(64 * 1024)
            buffer.writeStaticString(#"{"results":["#)
            var sent = 0
            var json = MembershipJSON()
            var last: Membership?
            for try await slice in slices {
                for membership in slice {
                    if sent > 0 { buffer.writeStaticString(",") }
                    json.append(membership, to: &buffer)
                    sent += 1
                }
                last = slice.last ?? last
                try await writer.write(buffer)
                buffer.clear()
            }
            var nextAfter: MemberCursor?? = nil
            if query.usesCursor {
                var next: MemberCursor?
                if let limit = query.page.limit, sent == limit, let last {
                    let cursor = MemberCursor(after: last)
                    if try await slices.hasMembers(after: cursor) { next = cursor }
                }
                nextAfter = .some(next)
            }
            let links = ListPage.links(for: query.page, total: slices.participantCount, url: url, nextAfter: nextAfter)
            buffer.writeStaticString(#"],"meta":{"count":"#)
            buffer.writeString(String(slices.participantCount))
            buffer.writeStaticString(#"},"_links":"#)
            buffer.writeBytes(try Self.encoder.encode(links))
            buffer.writeStaticString("}")
            try await writer.write(buffer)
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: body)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The query: `limit`, and `offset` or `after`, checked as every list checks them.
    struct Query {
        let page: PageRequest
        let after: MemberCursor?
        /// Whether the next page is linked by cursor: whenever no `offset` was asked for.
        let usesCursor: Bool

        init(_ parameters: Parameters) throws {
            var errors = FieldErrors()
            func integer(_ name: String) -> Int? {
                guard let text = parameters[name[...]] else { return nil }
                guard let value = Int(text) else {
                    errors.add(name, "A valid integer is required.")
                    return nil
                }
                return value
            }
            let limit = integer("limit")
            let offset = integer("offset")
            try errors.throwIfAny()
            let after = try parameters["after"].map { text throws(CohortError) in try MemberCursor(token: String(text)) }
            if after != nil && offset != nil {
                throw CohortError.invalid("after", "Give after or offset, not both.")
            }
            self.page = try PageRequest(limit: limit, offset: offset)
            self.after = after
            self.usesCursor = offset == nil
        }
    }
}
