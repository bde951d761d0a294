import CohortAPI
import CohortCore

extension APIHandler {
    func getMessages(_ input: Operations.GetMessages.Input) async throws -> Operations.GetMessages.Output {
        let messages = try await cohort.messages.list(
            with: input.query.userId, createdAfter: input.query.createdAfter, excludedSenders: input.query.excludedSenderIds,
            caller: try RequestScope.caller())
        return .ok(.init(body: .json(.init(results: messages.map(Components.Schemas.Message.init)))))
    }

    func getUnreadMessages(_ input: Operations.GetUnreadMessages.Input) async throws -> Operations.GetUnreadMessages.Output {
        let messages = try await cohort.messages.unread(caller: try RequestScope.caller())
        return .ok(.init(body: .json(.init(results: messages.map(Components.Schemas.Message.init)))))
    }

    func sendMessage(_ input: Operations.SendMessage.Input) async throws -> Operations.SendMessage.Output {
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        try await cohort.messages.send(
            to: [body.recipientId], body: body.body, study: body.studyId, caller: try RequestScope.caller())
        return .noContent(.init())
    }

    func bulkMessageParticipants(_ input: Operations.BulkMessageParticipants.Input) async throws
        -> Operations.BulkMessageParticipants.Output
    {
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        try await cohort.messages.send(to: body.ids, body: body.body, study: body.studyId, caller: try RequestScope.caller())
        return .noContent(.init())
    }

    func sendMessageToParticipantGroup(_ input: Operations.SendMessageToParticipantGroup.Input) async throws
        -> Operations.SendMessageToParticipantGroup.Output
    {
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        try await cohort.messages.send(
            toGroup: body.participantGroupId, body: body.body, study: body.studyId, caller: try RequestScope.caller())
        return .noContent(.init())
    }
}
