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
