import CohortAPI
import CohortCore
import Foundation
import OpenAPIRuntime

/// The participant's flow in a real browser, as Prolific's app runs it: a take link that sets the
/// session's cookie and goes to the study, and the completion redirect that reads it back. Served
/// by ``SandboxBrowserRoutes``; these generated handlers are unreachable (see there why).
extension APIHandler {
    /// The cookie that carries a participant's session from the take link to the completion.
    static let sessionCookie = "cohort_session"

    func takeSandboxPlaceInBrowser(_ input: Operations.TakeSandboxPlaceInBrowser.Input) async throws
        -> Operations.TakeSandboxPlaceInBrowser.Output
    {
        let (submission, study) = try await cohort.participation.take(study: input.path.id, participant: input.query.participantId)
        let cookie = "\(Self.sessionCookie)=\(submission.id.hex); Path=/; HttpOnly; SameSite=Lax"
        guard let url = Participation.startURL(study, submission: submission) else {
            let page = SandboxPages.page(
                title: "Place taken", text: "Participant \(submission.participantID.hex) has taken a place in study \(study.id.hex) (session \(submission.id.hex)). The study has no URL to go to.")
            return .ok(.init(headers: .init(setCookie: cookie), body: .html(HTTPBody(page))))
        }
        return .found(.init(headers: .init(location: url, setCookie: cookie)))
    }

    func completeSandboxSubmissionInBrowser(_ input: Operations.CompleteSandboxSubmissionInBrowser.Input) async throws
        -> Operations.CompleteSandboxSubmissionInBrowser.Output
    {
        let page = try await Self.completeInBrowser(cohort, code: input.query.cc, cookie: input.headers.cookie)
        return .ok(.init(body: .html(HTTPBody(page))))
    }

    /// Completes the submission of the session's cookie with `code`, and answers the page.
    static func completeInBrowser(_ cohort: Cohort, code: String?, cookie: String?) async throws -> String {
        guard let session = SandboxPages.cookie(sessionCookie, in: cookie) else {
            throw CohortError.invalid(
                "cookie", "No participant session: take a place through /_cohort/take/{study_id} in this browser first.")
        }
        let submission = try await cohort.participation.complete(session, code: code.flatMap { $0.isEmpty ? nil : $0 })
        return SandboxPages.page(
            title: "Submission complete",
            text: "Submission \(submission.id.hex) is \(submission.status.rawValue) (code \(submission.enteredCode ?? Submission.noCode)).")
    }
}

/// The sandbox's two small pages, and its cookie reading.
enum SandboxPages {
    static func page(title: String, text: String) -> String {
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>\(escape(title))</title></head>"
            + "<body><h1>\(escape(title))</h1><p id=\"status\">\(escape(text))</p></body></html>"
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// The value of cookie `name` in a `Cookie` header (`a=1; b=2`).
    static func cookie(_ name: String, in header: String?) -> String? {
        guard let header else { return nil }
        for pair in header.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}
