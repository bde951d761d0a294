import CohortCore
import Hummingbird

/// Answers 405, with an `Allow` header, for a method a known path does not have.
///
/// Hummingbird's router answers 404 for any unmatched method; Prolific (Django REST framework)
/// answers 405. Registering the refusal for each missing method keeps that behaviour without
/// a list of paths to maintain: it reads the routes the router already has.
enum MethodNotAllowed {
    static let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]

    struct Refusal: Error {
        let error: CohortError
        let headers: HTTPFields
    }

    static func register<Context: RequestContext>(on router: Router<Context>) {
        var allowed: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in router.routes {
            allowed[route.path.description, default: (route.path, [])].methods.insert(route.method)
        }
        for (_, entry) in allowed {
            var methods = entry.methods
            if methods.contains(.get) { methods.insert(.head) }
            let allow = methods.map(\.rawValue).sorted().joined(separator: ", ")
            for method in Self.methods where !entry.methods.contains(method) {
                if method == .head && entry.methods.contains(.get) {
                    continue
                }
                router.on(entry.path, method: method) { request, _ -> Response in
                    throw Refusal(
                        error: CohortError(.methodNotAllowed, "Method \"\(request.method.rawValue)\" not allowed."),
                        headers: [.allow: allow])
                }
            }
        }
    }
}
