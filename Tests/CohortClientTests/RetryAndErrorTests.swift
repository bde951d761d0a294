import CohortClient
import Foundation
import HTTPTypes
import Testing

/// How the SDK retries and reports errors, against a scripted transport.
@Suite struct RetryAndErrorTests {
    static let group = #"{"id": "6b0000000000000000000001", "name": "g", "participant_count": 0, "is_deleted": false}"#
    static let members = #"{"results": [{"participant_id": "5e9b9c9b0f9c9a0001b0b1f4", "datetime_created": "2020-04-20T12:00:00Z"}]}"#

    func client(_ transport: ScriptedTransport, sleeps: RecordedSleeps) -> ProlificClient {
        ProlificClient(
            configuration: ClientConfiguration(baseURL: URL(string: "http://cohort.test")!, token: "t", retry: sleeps.policy),
            transport: transport)
    }

    @Test func a503IsRetriedWithBackoffThenSucceeds() async throws {
        let sleeps = RecordedSleeps()
        let transport = ScriptedTransport { _, attempt in
            attempt < 3 ? .respond(status: 503, body: #"{"error": {"status": 503, "error_code": 50301, "title": "Service unavailable", "detail": "x"}}"#)
                : .respond(status: 200, body: Self.group)
        }
        let group = try await client(transport, sleeps: sleeps).group("6b0000000000000000000001")
        #expect(group.name == "g")
        #expect(transport.requests.count == 3)
        #expect(sleeps.values.count == 2)
        #expect(sleeps.values.allSatisfy { $0 <= .milliseconds(200) })
    }

    @Test func a429HonoursRetryAfterForAnyRequestEvenACreate() async throws {
        let sleeps = RecordedSleeps()
        let transport = ScriptedTransport { _, attempt in
            attempt == 1 ? .respond(status: 429, headers: [.retryAfter: "3"], body: "slow down")
                : .respond(status: 201, body: Self.group)
        }
        _ = try await client(transport, sleeps: sleeps).createGroup(name: "g", in: .workspace("6b0000000000000000000002"))
        #expect(transport.requests.count == 2)
        #expect(sleeps.values == [.seconds(3)])
    }

    @Test func networkFailuresAreRetriedOnlyWhereRepeatingIsSafe() async throws {
        let sleeps = RecordedSleeps()
        let transport = ScriptedTransport { operation, attempt in
            attempt == 1 ? .fail(SimulatedNetworkFailure()) : .respond(status: operation == "create-participant-group" ? 201 : 200, body: operation == "create-participant-group" ? Self.group : Self.members)
        }
        let client = client(transport, sleeps: sleeps)
        let members = try await client.addMembers(["5e9b9c9b0f9c9a0001b0b1f4"], to: "6b0000000000000000000001")
        #expect(members.count == 1)
        #expect(transport.requests.filter { $0.operationID == "add-to-participant-group" }.count == 2)
        await #expect(throws: SimulatedNetworkFailure.self) {
            try await client.createGroup(name: "g", in: .workspace("6b0000000000000000000002"))
        }
        #expect(transport.requests.filter { $0.operationID == "create-participant-group" }.count == 1)
    }

    /// A 504 says a write may or may not have happened: repeated where that is safe, never a create.
    @Test func anUnknownOutcomeIsRetriedOnlyWhereRepeatingIsSafe() async throws {
        let sleeps = RecordedSleeps()
        let unknown = #"{"error": {"status": 504, "error_code": 50401, "title": "Outcome unknown", "detail": "x"}}"#
        let transport = ScriptedTransport { operation, attempt in
            attempt == 1 ? .respond(status: 504, body: unknown) : .respond(status: 200, body: Self.members)
        }
        let client = client(transport, sleeps: sleeps)
        #expect(try await client.addMembers(["5e9b9c9b0f9c9a0001b0b1f4"], to: "6b0000000000000000000001").count == 1)
        #expect(transport.requests.filter { $0.operationID == "add-to-participant-group" }.count == 2)
        do {
            _ = try await client.createGroup(name: "g", in: .workspace("6b0000000000000000000002"))
            Issue.record("a create answered 504 must not be retried")
        } catch let error as ProlificError {
            guard case .api(504, 50401, _, _) = error else {
                Issue.record("\(error)")
                return
            }
        }
        #expect(transport.requests.filter { $0.operationID == "create-participant-group" }.count == 1)
    }

    @Test func retriesStopAtTheLimitWithTheServersError() async throws {
        let sleeps = RecordedSleeps()
        let transport = ScriptedTransport { _, _ in
            .respond(status: 503, body: #"{"error": {"status": 503, "error_code": 50301, "title": "Service unavailable", "detail": "down"}}"#)
        }
        await #expect {
            try await client(transport, sleeps: sleeps).me()
        } throws: { error in
            guard let error = error as? ProlificError, case .api(503, 50301, "Service unavailable", .message("down")) = error else {
                return false
            }
            return true
        }
        #expect(transport.requests.count == 4)
        #expect(sleeps.values.count == 3)
    }

    @Test func aBodyThatIsNotTheEnvelopeStillGivesAReadableError() async throws {
        let transport = ScriptedTransport { _, _ in
            .respond(status: 502, headers: [.contentType: "text/html"], body: "<html>Bad gateway</html>")
        }
        await #expect {
            try await client(transport, sleeps: RecordedSleeps()).me()
        } throws: { error in
            guard let error = error as? ProlificError, case .api(502, nil, let title, .message(let detail)) = error else {
                return false
            }
            return title == "Bad Gateway" && detail.contains("Bad gateway") && error.description.contains("502")
        }
    }

    @Test func everyRequestCarriesTheTokenAndProlificsPaths() async throws {
        let transport = ScriptedTransport { operation, _ in
            .respond(status: 200, body: operation == "remove-from-participant-group" ? Self.members : Self.group)
        }
        let client = client(transport, sleeps: RecordedSleeps())
        _ = try await client.group("6b0000000000000000000001")
        _ = try await client.removeMembers(["5e9b9c9b0f9c9a0001b0b1f4"], from: "6b0000000000000000000001")
        let requests = transport.requests
        #expect(requests.allSatisfy { $0.request.headerFields[.authorization] == "Token t" })
        #expect(requests[0].request.path == "/api/v1/participant-groups/6b0000000000000000000001/")
        #expect(requests[1].request.method == .delete)
        #expect(requests[1].request.path == "/api/v1/participant-groups/6b0000000000000000000001/participants/")
        let body = try JSONSerialization.jsonObject(with: requests[1].body) as? [String: [String]]
        #expect(body == ["participant_ids": ["5e9b9c9b0f9c9a0001b0b1f4"]])
    }
}
