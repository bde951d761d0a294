import CohortAPI
import CohortCore
import Foundation
import OpenAPIRuntime

/// The sandbox's operations that go through the generated server: fault rules, the journal,
/// reset. (Seed and export are served by ``SandboxStateRoutes``, byte for byte; their generated
/// handlers below answer the same state in the generated encoder's form.)
extension APIHandler {
    func resetSandbox(_ input: Operations.ResetSandbox.Input) async throws -> Operations.ResetSandbox.Output {
        try await Self.sandbox(sandbox).reset()
        return .noContent(.init())
    }

    func seedSandbox(_ input: Operations.SeedSandbox.Input) async throws -> Operations.SeedSandbox.Output {
        guard case .json(let state) = input.body else { throw Self.jsonOnly }
        try await Self.sandbox(sandbox).seed(try StateFile.decode(try JSONEncoder().encode(state)))
        return .noContent(.init())
    }

    func exportSandbox(_ input: Operations.ExportSandbox.Input) async throws -> Operations.ExportSandbox.Output {
        let file = StateFile(try await Self.sandbox(sandbox).cohort.snapshots.export())
        let state = try JSONDecoder().decode(Components.Schemas.SandboxState.self, from: try file.encoded())
        return .ok(.init(body: .json(state)))
    }

    func listSandboxFaults(_ input: Operations.ListSandboxFaults.Input) async throws -> Operations.ListSandboxFaults.Output {
        .ok(.init(body: .json(.init(results: try Self.sandbox(sandbox).faults.rules.map(Self.wire)))))
    }

    func addSandboxFault(_ input: Operations.AddSandboxFault.Input) async throws -> Operations.AddSandboxFault.Output {
        let session = try Self.sandbox(sandbox)
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let draft = FaultDraft(
            operationID: body.operationId, path: body.path, method: body.method, status: body.status,
            latencyMilliseconds: body.latencyMs, drop: body.drop, probability: body.probability, count: body.count)
        let rule = try draft.make(id: ObjectID.generate(at: session.clock.now()).hex, knownOperations: session.operations.operationIDs)
        session.faults.add(rule)
        return .created(.init(body: .json(Self.wire(rule))))
    }

    func removeSandboxFault(_ input: Operations.RemoveSandboxFault.Input) async throws -> Operations.RemoveSandboxFault.Output {
        guard try Self.sandbox(sandbox).faults.remove(id: input.path.id) else {
            throw CohortError.notFound("Fault rule", input.path.id)
        }
        return .noContent(.init())
    }

    func listSandboxRequests(_ input: Operations.ListSandboxRequests.Input) async throws
        -> Operations.ListSandboxRequests.Output
    {
        let session = try Self.sandbox(sandbox)
        var filter = JournalFilter(method: input.query.method, status: input.query.status)
        if let path = input.query.path {
            guard let pattern = PathPattern(path) else {
                throw CohortError.invalid("path", "Give a path starting with /, with * for one segment and ** (last) for the rest.")
            }
            filter.path = pattern
        }
        if let since = input.query.since {
            guard let time = Timestamp(rfc3339: since) else {
                throw CohortError.invalid("since", "Give an RFC 3339 time, such as 2030-01-01T00:00:00Z.")
            }
            filter.since = time
        }
        let entries = session.journal.entries(filter).map { entry in
            Components.Schemas.SandboxRequest(
                time: entry.time.rfc3339, method: entry.method, path: entry.path, query: entry.query, body: entry.body,
                bodyTruncated: entry.bodyTruncated, status: entry.status, durationMs: entry.durationMilliseconds,
                researcherId: entry.researcherID, fault: entry.fault)
        }
        return .ok(.init(body: .json(.init(results: entries))))
    }

    static func wire(_ rule: FaultRule) -> Components.Schemas.SandboxFault {
        var operation: String?
        var path: String?
        switch rule.target {
        case .operation(let id): operation = id
        case .path(let pattern): path = pattern.description
        }
        return .init(
            id: rule.id, operationId: operation, path: path, method: rule.method, status: rule.status,
            latencyMs: rule.latencyMilliseconds, drop: rule.drop, probability: rule.probability, count: rule.count,
            remaining: rule.remaining, fired: rule.fired)
    }

    /// The sandbox; its operations are routed only with `--sandbox`, so this is a guard.
    static func sandbox(_ session: SandboxSession?) throws -> SandboxSession {
        guard let session else { throw CohortError(.notFound, "The sandbox is off: start the server with --sandbox.") }
        return session
    }
}
