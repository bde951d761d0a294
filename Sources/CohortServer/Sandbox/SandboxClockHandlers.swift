import CohortAPI
import CohortCore

extension APIHandler {
    func getSandboxClock(_ input: Operations.GetSandboxClock.Input) async throws -> Operations.GetSandboxClock.Output {
        .ok(.init(body: .json(.init(now: try Self.sandbox(sandbox).clock.now().rfc3339))))
    }

    func setSandboxClock(_ input: Operations.SetSandboxClock.Input) async throws -> Operations.SetSandboxClock.Output {
        let clock = try Self.sandbox(sandbox).clock
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let now: Timestamp
        switch (body.advanceSeconds, body.now) {
        case (let seconds?, nil):
            now = try clock.advance(by: Int64(seconds))
        case (nil, let text?):
            guard let time = Timestamp(rfc3339: text) else {
                throw CohortError.invalid("now", "Give an RFC 3339 time, such as 2030-01-01T00:00:00Z.")
            }
            now = try clock.set(to: time)
        default:
            throw CohortError(.invalidInput, "Give exactly one of advance_seconds and now.")
        }
        return .ok(.init(body: .json(.init(now: now.rfc3339))))
    }
}
