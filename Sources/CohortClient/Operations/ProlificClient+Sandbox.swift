import Foundation

extension ProlificClient {
    /// A Cohort sandbox's clock (`cohort serve --sandbox`), as RFC 3339; the client's token must be
    /// the sandbox's admin token. Prolific has no such operation.
    public func sandboxClock() async throws -> String {
        try await call { try await client.getSandboxClock().ok.body.json.now }
    }

    /// Moves a sandbox's clock forward by `seconds`; returns its time after.
    public func advanceSandboxClock(bySeconds seconds: Int) async throws -> String {
        try await call { try await client.setSandboxClock(body: .json(.init(advanceSeconds: seconds))).ok.body.json.now }
    }

    /// Sets a sandbox's clock to `time` (RFC 3339, not before its time now); returns its time after.
    public func setSandboxClock(to time: String) async throws -> String {
        try await call { try await client.setSandboxClock(body: .json(.init(now: time))).ok.body.json.now }
    }
}

public typealias SandboxFault = Components.Schemas.SandboxFault
public typealias NewSandboxFault = Components.Schemas.NewSandboxFault
public typealias SandboxRequest = Components.Schemas.SandboxRequest

extension ProlificClient {
    /// Returns a sandbox to its start-up state: every table, fault rule and journal entry.
    public func resetSandbox() async throws {
        _ = try await call { try await client.resetSandbox().noContent }
    }

    /// Replaces a sandbox's whole state with a state file's (docs/seed.schema.json).
    public func seedSandbox(stateFile: Data) async throws {
        let state = try JSONDecoder().decode(Components.Schemas.SandboxState.self, from: stateFile)
        _ = try await call { try await client.seedSandbox(body: .json(state)).noContent }
    }

    /// A sandbox's whole state as a state file: keys sorted and indented, as the server writes it.
    public func exportSandbox() async throws -> Data {
        let state = try await call { try await client.exportSandbox().ok.body.json }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(state) + Data("\n".utf8)
    }

    public func sandboxFaults() async throws -> [SandboxFault] {
        try await call { try await client.listSandboxFaults().ok.body.json.results }
    }

    /// Adds a fault rule; returns it with its id.
    public func addSandboxFault(_ rule: NewSandboxFault) async throws -> SandboxFault {
        try await call { try await client.addSandboxFault(body: .json(rule)).created.body.json }
    }

    public func removeSandboxFault(id: String) async throws {
        _ = try await call { try await client.removeSandboxFault(path: .init(id: id)).noContent }
    }

    /// The request journal, oldest first, filtered by whichever of these are given.
    public func sandboxRequests(path: String? = nil, method: String? = nil, status: Int? = nil, since: String? = nil)
        async throws -> [SandboxRequest]
    {
        try await call {
            try await client.listSandboxRequests(query: .init(path: path, method: method, status: status, since: since))
                .ok.body.json.results
        }
    }
}
