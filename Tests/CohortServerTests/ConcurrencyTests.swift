import Testing

/// `participant_count` equals the real membership whatever the interleaving of requests.
@Suite struct ConcurrencyTests {
    @Test func concurrentOverlappingAddsAndRemovesKeepTheCountExact() async throws {
        try await withServer { server in
            let id = try #require(try await server.createGroup(members: (0..<50).map(participant))["id"]?.string)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { tasks in
                for round in 0..<40 {
                    tasks.addTask {
                        let ids = (round..<(round + 30)).map(participant)
                        let method: HTTPMethodName = round.isMultiple(of: 3) ? .DELETE : .POST
                        return try await server.requestRepeatable(
                            method.nio, "/api/v1/participant-groups/\(id)/participants/",
                            json: #"{"participant_ids": \#(jsonList(ids))}"#
                        ).status
                    }
                }
                return try await tasks.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses)")
            let members = try await server.memberIDs(of: id)
            #expect(Set(members).count == members.count)
            #expect(try await server.group(id)["participant_count"]?.int == members.count)
        }
    }
}
