import CohortAPI
import CohortCore
import Hummingbird
import NIOCore

/// `GET /api/v1/participant-groups/{id}/`, written by hand: the busiest read, served without the
/// generated handler's conversions and Foundation's encoder, which cost half of its time
/// (docs/performance.md). It answers what the generated handler answered, in the shape
/// `openapi.yaml` gives (schemathesis checks it like every operation).
struct GroupReadRoute {
    let cohort: Cohort

    static let operation = "GET /api/v1/participant-groups/{id}/"

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/api/v1/participant-groups/{id}/") { request, context in
            try AcceptHeader.requireJSON(request.headers)
            let (group, feeders) = try await cohort.studies.groupWithFeeders(
                try context.parameters.require("id"), caller: try RequestScope.caller())
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: try ParticipantGroupJSON.bytes(WireParticipantGroup(group, feeders: feeders))))
        }
    }
}
