import CohortCore
import Foundation
import Hummingbird
import NIOCore

/// `POST /_cohort/reset`, `POST /_cohort/seed` and `GET /_cohort/export`, written by hand: their
/// body is the state file (``StateFile``, docs/seed.schema.json), not a generated type, so that an
/// export reads byte for byte the same for the same state. `openapi.yaml` describes them.
struct SandboxStateRoutes {
    let session: SandboxSession

    static let operations: Set<String> = ["POST /_cohort/reset", "POST /_cohort/seed", "GET /_cohort/export"]

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.post("/_cohort/reset") { _, _ in
            try await session.reset()
            return Response(status: .noContent)
        }
        router.post("/_cohort/seed") { request, _ in
            guard RequestBodyMiddleware<Context>.MediaType(request.headers[.contentType] ?? "") == .json else {
                throw CohortError(.unsupportedMediaType, "Send the state file as application/json.")
            }
            let body = try await request.body.collect(upTo: .max)
            try await session.seed(try StateFile.decode(Data(buffer: body)))
            return Response(status: .noContent)
        }
        router.get("/_cohort/export") { request, _ in
            try AcceptHeader.requireJSON(request.headers)
            let file = StateFile(try await session.cohort.snapshots.export())
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(data: try file.encoded())))
        }
    }
}
