import CohortAPI
import CohortCore

extension APIHandler {
    func getUser(_ input: Operations.GetUser.Input) async throws -> Operations.GetUser.Output {
        let caller = try RequestScope.caller()
        let (first, last) = caller.firstAndLastName
        return .ok(
            .init(
                body: .json(
                    .init(id: caller.id.hex, email: caller.email, name: caller.name, firstName: first, lastName: last))))
    }

    func createTestParticipantForResearcher(_ input: Operations.CreateTestParticipantForResearcher.Input) async throws
        -> Operations.CreateTestParticipantForResearcher.Output
    {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let id = try await cohort.testParticipants.create(email: body.email, caller: caller)
        return .created(.init(body: .json(.init(participantId: id.hex))))
    }
}
