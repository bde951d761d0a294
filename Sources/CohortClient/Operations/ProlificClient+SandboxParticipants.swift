import Foundation

public typealias SandboxPlace = WireSandboxPlace
public typealias SandboxMessage = Components.Schemas.SandboxMessage

/// The participant's side, which Prolific has no API for: on a Cohort sandbox only, with its
/// admin token (docs/sandbox.md, "Participants").
extension ProlificClient {
    /// `count` fresh participant ids (1 to 10,000).
    public func makeSandboxParticipants(count: Int) async throws -> [String] {
        try await call { try await client.makeSandboxParticipants(body: .json(.init(count: count))).created.body.json.results.map(\.id) }
    }

    /// The participant takes a place in a study and starts it; `startURL` is the study's URL for them.
    public func takeSandboxPlace(study: String, participant: String) async throws -> SandboxPlace {
        try await call {
            try await client.takeSandboxPlace(path: .init(id: study), body: .json(.init(participantId: participant))).created.body.json
        }
    }

    /// The participant comes back with `code` (nil: none, `NOCODE`).
    public func completeSandboxSubmission(_ id: String, code: String?) async throws -> SubmissionDetail {
        try await call {
            try await client.completeSandboxSubmission(path: .init(id: id), body: .json(.init(code: code))).ok.body.json
        }
    }

    /// The participant returns their place.
    public func returnSandboxSubmission(_ id: String) async throws -> SubmissionDetail {
        try await call { try await client.returnSandboxSubmission(path: .init(id: id)).ok.body.json }
    }

    /// Every message to and from a participant, oldest first.
    public func sandboxMessages(ofParticipant participant: String) async throws -> [SandboxMessage] {
        try await call { try await client.getSandboxParticipantMessages(path: .init(id: participant)).ok.body.json.results }
    }

    /// The participant writes to a researcher about a study.
    public func sendSandboxMessage(from participant: String, to researcher: String, body: String, study: String)
        async throws -> SandboxMessage
    {
        try await call {
            try await client.sendSandboxParticipantMessage(
                path: .init(id: participant), body: .json(.init(recipientId: researcher, body: body, studyId: study))
            ).created.body.json
        }
    }

    /// Marks a message read by its recipient.
    public func readSandboxMessage(_ id: String) async throws -> SandboxMessage {
        try await call { try await client.readSandboxMessage(path: .init(id: id)).ok.body.json }
    }
}
