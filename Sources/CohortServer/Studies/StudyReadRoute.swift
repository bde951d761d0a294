import CohortAPI
import CohortCore
import Hummingbird
import NIOCore

/// `GET /api/v1/studies/{id}/`, written by hand like ``GroupReadRoute``: every client polls it
/// while a study runs, and the generated handler's conversions and Foundation's encoder cost most
/// of its time (docs/performance.md). It answers what the generated handler answered, in the
/// shape `openapi.yaml` gives (schemathesis checks it like every operation).
struct StudyReadRoute {
    let cohort: Cohort

    static let operation = "GET /api/v1/studies/{id}/"

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/api/v1/studies/{id}/") { request, context in
            try AcceptHeader.requireJSON(request.headers)
            let study = try await cohort.studies.get(try context.parameters.require("id"), caller: try RequestScope.caller())
            let wire = WireStudy(study, money: cohort.money, baseURL: RequestScope.current?.url.origin)
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: try StudyJSON.bytes(wire)))
        }
    }
}
