import Foundation
import Testing

/// Prolific's submission and message answers carry every field of their schema, `null` where
/// there is no value (`"completed_at": null` on a submission still running), as a client that
/// reads `body["completed_at"]` strictly expects; none is left out.
@Suite struct SubmissionNullFieldsTests {
    /// The keys of a JSON object (or of each object in `results`), with whether each is null.
    static func fields(_ text: String, in key: String? = nil) throws -> [String: Bool] {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        if let key { object = try #require(object[key] as? [String: Any]) }
        return object.mapValues { $0 is NSNull }
    }

    @Test func everyNullableFieldIsWrittenAsNull() async throws {
        try await withServer(configure: sandboxForSubmissions) { server in
            let study = try await server.publishedStudy()
            let person = try await server.makeParticipants(1)[0]
            let taken = try await server.take(study, person)
            let submission = try #require(try taken.json["submission"]?["id"]?.string)
            let detail = try Self.fields(taken.text, in: "submission")
            for field in ["completed_at", "entered_code", "parent_study_id", "return_requested"] {
                #expect(detail[field] == true, "\(field) in \(taken.text)")
            }

            let listed = try await server.request(.GET, "/api/v1/submissions/?study=\(study)")
            let first = try #require(
                (try JSONSerialization.jsonObject(with: Data(listed.text.utf8)) as? [String: Any])?["results"] as? [[String: Any]])
            for field in ["completed_at", "study_code", "return_requested"] {
                #expect(first.first?[field] is NSNull, "\(field) in \(listed.text)")
            }
            let single = try await server.request(.GET, "/api/v1/submissions/\(submission)/")
            #expect(try Self.fields(single.text)["parent_study_id"] == true, "\(single.text)")

            let me = try #require(try await server.request(.GET, "/api/v1/users/me/").json["id"]?.string)
            let written = try await server.adminRequest(
                .POST, "/_cohort/participants/\(person)/messages",
                json: #"{"recipient_id": "\#(me)", "body": "A question.", "study_id": "\#(study)"}"#)
            #expect(try Self.fields(written.text, in: "data")["category"] == true, "\(written.text)")
        }
    }
}
