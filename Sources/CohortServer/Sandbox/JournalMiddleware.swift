import CohortCore
import Foundation
import Hummingbird

/// Records every public request in the sandbox's journal, with what inner layers noted
/// (``RequestNotes``): outside the error envelope, so that it sees the status the client gets.
/// `/_cohort/` calls are not journaled. The query is redacted as logs are: no token gets in.
struct JournalMiddleware<Context: RequestContext>: RouterMiddleware {
    let journal: RequestJournal
    let clock: any CohortClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard !SandboxAdminMiddleware<Context>.isSandbox(request.uri.path) else { return try await next(request, context) }
        let notes = RequestNotes()
        let time = clock.now()
        let started = ContinuousClock.now
        do {
            let response = try await RequestNotes.$current.withValue(notes) { try await next(request, context) }
            // A dropped connection got no status at all.
            let dropped = response.headers[HTTP1ConnectionGuard.dropConnection] != nil
            record(request, status: dropped ? 0 : Int(response.status.code), notes: notes, time: time, since: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500
            record(request, status: status, notes: notes, time: time, since: started)
            throw error
        }
    }

    /// The query as sent, unless it holds a token once percent-decoded: then decoded and redacted.
    static func redacted(query: String) -> String {
        let decoded = query.removingPercentEncoding ?? query
        let redacted = LogRedaction.redact(decoded)
        return redacted == decoded ? LogRedaction.redact(query) : redacted
    }

    private func record(_ request: Request, status: Int, notes: RequestNotes, time: Timestamp, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let noted = notes.value
        journal.append(
            JournalEntry(
                time: time, method: request.method.rawValue, path: request.uri.path,
                query: Self.redacted(query: request.uri.query ?? ""), body: noted.body, bodyTruncated: noted.bodyTruncated,
                status: status, durationMilliseconds: (milliseconds * 1000).rounded() / 1000,
                researcherID: noted.researcherID, fault: noted.fault))
    }
}
