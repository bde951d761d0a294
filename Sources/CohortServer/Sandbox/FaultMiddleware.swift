import CohortCore
import Hummingbird

/// Applies the sandbox's fault rules (``FaultBook``) and a request's own `Prefer: code=NNN` (as
/// Prism does) to public requests: a status in Prolific's envelope (`Retry-After` on a 429), an
/// added latency, or a dropped connection. Installed only with `--sandbox`; `/_cohort/` calls are
/// never faulted.
struct FaultMiddleware<Context: RequestContext>: RouterMiddleware {
    let faults: FaultBook
    let operations: OperationIndex

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard !SandboxAdminMiddleware<Context>.isSandbox(path) else { return try await next(request, context) }
        if let code = Preference.code(request.headers[Preference.header]), (400...599).contains(code) {
            RequestNotes.current?.update { $0.fault = "prefer" }
            throw Self.injected(status: code, because: "the request's Prefer: code=\(code)")
        }
        guard faults.hasRules else { return try await next(request, context) }
        let method = request.method.rawValue
        guard let rule = faults.fault(operationID: { operations.operation(method: method, path: path) }, path: path, method: method)
        else { return try await next(request, context) }
        RequestNotes.current?.update { $0.fault = rule.id }
        if rule.latencyMilliseconds > 0 { try await Task.sleep(for: .milliseconds(rule.latencyMilliseconds)) }
        if rule.drop { return Response(status: .ok, headers: [HTTP1ConnectionGuard.dropConnection: "1"]) }
        if let status = rule.status { throw Self.injected(status: status, because: "fault rule \(rule.id)") }
        return try await next(request, context)
    }

    /// The envelope of `status`: its usual kind where Cohort has one, with `Retry-After: 1` on a 429.
    static func injected(status: Int, because reason: String) -> Refusal {
        let kind = ErrorKind.all.first { $0.status == status } ?? ErrorKind.injected(status: status)
        let error = CohortError(kind, "Injected by the sandbox: \(reason).")
        return Refusal(error: error, headers: status == 429 ? [.retryAfter: "1"] : [:])
    }
}
