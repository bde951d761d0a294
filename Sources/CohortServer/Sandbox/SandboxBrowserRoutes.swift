import CohortCore
import Hummingbird

/// `GET /_cohort/take/{id}` and `GET /submissions/complete`, written by hand: the generated code
/// percent-encodes header values, which turns a `Location` URL into a relative path and mangles a
/// `Set-Cookie`. `openapi.yaml` describes both; the generated handlers stay, unreachable, for the
/// protocol (``APIHandler/takeSandboxPlaceInBrowser(_:)``).
struct SandboxBrowserRoutes {
    let cohort: Cohort

    static let operations: Set<String> = ["GET /_cohort/take/{id}", "GET /submissions/complete"]

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/_cohort/take/{id}") { request, context in
            guard let participant = request.uri.queryParameters["participant_id"].map(String.init) else {
                throw CohortError.invalid("participant_id", "This parameter is required.")
            }
            let (submission, study) = try await cohort.participation.take(
                study: try context.parameters.require("id"), participant: participant)
            var headers: HTTPFields = [.setCookie: "\(APIHandler.sessionCookie)=\(submission.id.hex); Path=/; HttpOnly; SameSite=Lax"]
            guard let url = Participation.startURL(study, submission: submission) else {
                headers[.contentType] = "text/html; charset=utf-8"
                let page = SandboxPages.page(
                    title: "Place taken",
                    text: "Participant \(submission.participantID.hex) has taken a place in study \(study.id.hex) (session \(submission.id.hex)). The study has no URL to go to.")
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
            }
            headers[.location] = url
            return Response(status: .found, headers: headers)
        }
        router.get("/submissions/complete") { request, _ in
            let page = try await APIHandler.completeInBrowser(
                cohort, code: request.uri.queryParameters["cc"].map(String.init), cookie: request.headers[.cookie])
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
        }
    }
}
