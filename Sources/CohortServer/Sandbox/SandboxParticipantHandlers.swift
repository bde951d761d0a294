import CohortAPI
import CohortCore

/// The participant's side (lifecycle.md §4): participants, places, completions, returns, and
/// their inbox. Sandbox only, with the admin token.
extension APIHandler {
    func makeSandboxParticipants(_ input: Operations.MakeSandboxParticipants.Input) async throws
        -> Operations.MakeSandboxParticipants.Output
    {
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let ids = try cohort.participation.makeParticipants(count: body.count)
        return .created(.init(body: .json(.init(results: ids.map { .init(id: $0.hex) }))))
    }

    func takeSandboxPlace(_ input: Operations.TakeSandboxPlace.Input) async throws -> Operations.TakeSandboxPlace.Output {
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let (submission, study) = try await cohort.participation.take(study: input.path.id, participant: body.participantId)
        return .created(
            .init(body: .json(.init(submission: .init(submission), startUrl: Participation.startURL(study, submission: submission)))))
    }

    func completeSandboxSubmission(_ input: Operations.CompleteSandboxSubmission.Input) async throws
        -> Operations.CompleteSandboxSubmission.Output
    {
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let submission = try await cohort.participation.complete(input.path.id, code: body.code)
        return .ok(.init(body: .json(.init(submission))))
    }

    func returnSandboxSubmission(_ input: Operations.ReturnSandboxSubmission.Input) async throws
        -> Operations.ReturnSandboxSubmission.Output
    {
        let submission = try await cohort.participation.returnPlace(input.path.id)
        return .ok(.init(body: .json(.init(submission))))
    }

    func getSandboxParticipantMessages(_ input: Operations.GetSandboxParticipantMessages.Input) async throws
        -> Operations.GetSandboxParticipantMessages.Output
    {
        guard let participant = ParticipantID(input.path.id) else { throw ParticipantID.notFound(input.path.id) }
        let messages = try await cohort.messages.messages(of: participant.hex)
        return .ok(.init(body: .json(.init(results: messages.map(Components.Schemas.SandboxMessage.init)))))
    }

    func sendSandboxParticipantMessage(_ input: Operations.SendSandboxParticipantMessage.Input) async throws
        -> Operations.SendSandboxParticipantMessage.Output
    {
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let message = try await cohort.messages.participantSends(
            from: input.path.id, to: body.recipientId, body: body.body, study: body.studyId, category: body.category)
        return .created(.init(body: .json(.init(message))))
    }

    func readSandboxMessage(_ input: Operations.ReadSandboxMessage.Input) async throws -> Operations.ReadSandboxMessage.Output {
        let message = try await cohort.messages.markRead(input.path.id)
        return .ok(.init(body: .json(.init(message))))
    }
}
