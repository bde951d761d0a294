import Testing

/// What a server acknowledged is still there after it stops and another starts on the same file.
@Suite struct PersistenceTests {
    @Test func dataSurvivesARestart() async throws {
        let database = try await TestServer.newDatabase()
        let (group, workspace) = try await withServer(database: database) { server in
            let workspace = try await server.firstWorkspaceID()
            let group = try #require(
                try await server.createGroup(name: "Kept", members: [participant(1), participant(2)])["id"]?.string)
            _ = try await server.request(
                .DELETE, "/api/v1/participant-groups/\(group)/participants/",
                json: #"{"participant_ids": ["\#(participant(1))"]}"#)
            return (group, workspace)
        }
        try await withServer(database: database) { server in
            #expect(try await server.firstWorkspaceID() == workspace)
            let restored = try await server.group(group)
            #expect(restored["name"]?.string == "Kept")
            #expect(restored["participant_count"]?.int == 1)
            #expect(try await server.memberIDs(of: group) == [participant(2)])
        }
        await TestServer.dropDatabase(database)
    }
}
