import CohortCore
import Hummingbird
import Synchronization

/// Answers 405, with an `Allow` header, when a known path is called with a method it lacks.
///
/// Hummingbird's router answers 404 for any unmatched method; Prolific (Django REST framework)
/// answers 405. This middleware turns the router's 404 into a 405 when the path matches a route,
/// whatever the method (`TRACE`, `QUERY`, ...). It reads the routes the router already has, so
/// there is no list of paths to keep in step.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = routes.methods(forPath: request.uri.path)
            guard !allowed.isEmpty else { throw error }
            throw Refusal(
                error: CohortError(.methodNotAllowed, "Method \"\(request.method.rawValue)\" not allowed."),
                headers: [.allow: allowed.map(\.rawValue).sorted().joined(separator: ", ")])
        }
    }
}

/// The router's paths and the methods each one has, filled in once every route is registered.
final class RouteTable: Sendable {
    private let entries = Mutex<[(path: RouterPath, methods: Set<HTTPRequest.Method>)]>([])

    /// Records the router's routes; HEAD counts wherever GET is.
    func load<Context>(from router: Router<Context>) {
        var table: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in router.routes {
            table[route.path.description, default: (route.path, [])].methods.insert(route.method)
            if route.method == .get { table[route.path.description]?.methods.insert(.head) }
        }
        entries.withLock { $0 = Array(table.values) }
    }

    /// The methods of the route matching `path`, empty when none does. Where several match, the
    /// one with the most literal segments wins, as in the router (`studies/predicted-recruitment-time`
    /// is not `studies/{id}`).
    func methods(forPath path: String) -> Set<HTTPRequest.Method> {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return entries.withLock { entries in
            var best: (literals: Int, methods: Set<HTTPRequest.Method>)?
            for entry in entries where entry.path.components.count == segments.count {
                guard zip(entry.path.components, segments).allSatisfy({ element, segment in element ~= segment }) else {
                    continue
                }
                let literals = zip(entry.path.components, segments).filter { $0.0.description == String($0.1) }.count
                if literals > best?.literals ?? -1 { best = (literals, entry.methods) }
            }
            return best?.methods ?? []
        }
    }
}
