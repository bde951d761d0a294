extension ProlificClient {
    /// The researcher the token belongs to.
    public func me() async throws -> User {
        try await call { try await client.getUser().ok.body.json }
    }

    /// Creates a test participant with `email`; returns their participant id.
    public func createTestParticipant(email: String) async throws -> String {
        try await call {
            try await client.createTestParticipantForResearcher(body: .json(.init(email: email))).created.body.json
                .participantId
        }
    }
}
