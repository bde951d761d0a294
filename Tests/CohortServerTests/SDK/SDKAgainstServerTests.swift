import CohortClient
import Foundation
import Testing

/// The SDK against a real Cohort server: every call, paging, batching and errors.
@Suite struct SDKAgainstServerTests {
    func client(_ server: TestServer, token: String? = nil, batchSize: Int = 1_000, pageSize: Int = 200) -> ProlificClient {
        ProlificClient(
            configuration: ClientConfiguration(
                baseURL: URL(string: server.baseURL)!, token: token ?? server.token, batchSize: batchSize, pageSize: pageSize))
    }

    @Test func studiesFromDraftToCompletedWithTheWallet() async throws {
        try await withServer { server in
            let client = client(server, pageSize: 2)
            let workspace = try await server.firstWorkspaceID()
            let project = try await client.createProject(in: workspace, title: "Studies").short.id
            var body = StudyBody()
            body.name = "Typed"
            body.description = "Made with the SDK"
            body.externalStudyUrl = "https://experiment.example.org/"
            body.prolificIdOption = "url_parameters"
            body.totalAvailablePlaces = 4
            body.estimatedCompletionTime = 10
            body.reward = 200
            body.project = project
            body.completionCodes = [CompletionCode(code: "DONE", codeType: "COMPLETED", actions: [CompletionCodeAction(action: "MANUALLY_REVIEW")])]
            let draft = try await client.createStudy(body)
            #expect(draft.status == "UNPUBLISHED")
            #expect(draft.totalAvailablePlaces == 4)
            #expect(try await client.study(draft.id) == draft)
            let cost = try await client.calculateStudyCost(reward: 200, places: 4)
            #expect(cost == draft.totalCost)
            let published = try await client.transitionStudy(draft.id, .publish)
            #expect(published.status == "ACTIVE")
            #expect(try await client.balance(ofWorkspace: workspace).availableBalance == 1_000_000 - cost)
            var more = StudyBody()
            more.totalAvailablePlaces = 5
            #expect(try await client.updateStudy(draft.id, more).totalAvailablePlaces == 5)
            let copy = try await client.duplicateStudy(draft.id)
            #expect(copy.filters?.last?.filterId == "previous_studies_blocklist")
            #expect(try await client.studies().all().map(\.id) == [draft.id, copy.id])
            #expect(try await client.studies(state: .active).all().map(\.id) == [draft.id])
            #expect(try await client.studies(inProject: project).all().count == 2)
            #expect(try await client.studyCost(draft.id, projected: true).rewards?.rewards?.amount == 1000)
            #expect(try await client.transitionStudy(draft.id, .stop).status == "COMPLETED")
            try await client.deleteStudy(copy.id, inProject: project)
            do {
                _ = try await client.study(copy.id)
                Issue.record("a deleted study was found")
            } catch let error as ProlificError {
                #expect(error.status == 404)
            }
            do {
                try await client.deleteStudy(draft.id)
                Issue.record("a published study was deleted")
            } catch let error as ProlificError {
                #expect(error.errorCode == 40012)
            }
        }
    }

    @Test func usersWorkspacesAndProjects() async throws {
        try await withServer { server in
            let client = client(server, pageSize: 1)
            let me = try await client.me()
            #expect(me.email == "researcher@cohort.local")
            let created = try await client.createWorkspace(title: "Second", description: "d", currencyCode: "USD")
            #expect(created.currencyCode == "USD")
            let all = try await client.workspaces().all()
            #expect(all.count == 2)
            #expect(all.last?.id == created.short.id)
            let renamed = try await client.updateWorkspace(created.short.id, title: "Second, renamed")
            #expect(try await client.workspace(created.short.id) == renamed)
            let project = try await client.createProject(in: created.short.id, title: "P", type: ._public)
            #expect(project.short.publicDetails?.status == .enabled)
            let updated = try await client.updateProject(project.short.id, publicDetails: .init(title: "Join"))
            #expect(updated.short.publicDetails?.title == "Join")
            #expect(try await client.project(project.short.id) == updated)
            #expect(try await client.projects(in: created.short.id).all().map(\.id) == [project.short.id])
            let participant = try await client.createTestParticipant(email: "sdk@example.org")
            #expect(participant.count == 24)
        }
    }

    @Test func groupsAreListedPageByPageInEveryScope() async throws {
        try await withServer { server in
            let client = client(server, pageSize: 2)
            let workspace = try await server.firstWorkspaceID()
            var made: [String] = []
            for index in 0..<5 {
                made.append(try await client.createGroup(name: "g\(index)", in: .workspace(workspace)).id)
            }
            #expect(try await client.groups(in: .workspace(workspace)).all().map(\.id) == made)
            try await client.deleteGroup(made[1])
            #expect(try await client.groups(in: .workspace(workspace), active: true).all().count == 4)
            #expect(try await client.groups(in: .workspace(workspace), active: false).all().map(\.id) == [made[1]])
            let project = try await client.createProject(in: workspace, title: "P")
            let viaProject = try await client.createGroup(name: "p", in: .project(project.short.id))
            #expect(try await client.groups(in: .project(project.short.id)).all().map(\.id) == [viaProject.id])
            let organisation = try await client.workspace(workspace).organisationId
            let orgGroup = try await client.createGroup(name: "o", in: .organisation(organisation))
            #expect(try await client.groups(in: .organisation(organisation)).all().map(\.id) == [orgGroup.id])
            #expect(try await client.group(made[1]).isDeleted)
        }
    }

    @Test func largeIDListsGoInBatchesWithProgress() async throws {
        try await withServer { server in
            let client = client(server, batchSize: 3, pageSize: 4)
            let workspace = try await server.firstWorkspaceID()
            let ids = (0..<10).map(participant)
            let reports = Reports()
            let group = try await client.createGroup(
                name: "batched", in: .workspace(workspace), participantIDs: ids, progress: reports.record)
            #expect(group.participantCount == 10)
            #expect(reports.values == [[3, 10], [6, 10], [9, 10], [10, 10]])
            #expect(try await client.members(of: group.id).all().map(\.participantId).sorted() == ids)

            let summary = try await client.addMembersSummarised((30..<37).map(participant), to: group.id)
            #expect(summary == MembershipSummary(participantCount: 17, changed: 7))
            let removedSummary = try await client.removeMembersSummarised((30..<37).map(participant), from: group.id)
            #expect(removedSummary == MembershipSummary(participantCount: 10, changed: 7))

            let more = (10..<17).map(participant)
            let afterAdd = try await client.addMembers(more, to: group.id)
            #expect(afterAdd.count == 17)
            let afterRemove = try await client.removeMembers(Array(ids[0..<5]), from: group.id)
            #expect(Set(afterRemove.map(\.participantId)) == Set(ids[5...] + more))
            let replaced = try await client.replaceMembers(of: group.id, with: (20..<27).map(participant))
            #expect(replaced.participantCount == 7)
            #expect(Set(try await client.members(of: group.id).all().map(\.participantId)) == Set((20..<27).map(participant)))
            let renamed = try await client.updateGroup(group.id, name: "renamed", description: .value("now described"))
            #expect(renamed.name == "renamed" && renamed.description == "now described")
            let cleared = try await client.updateGroup(group.id, description: .null)
            #expect(cleared.name == "renamed" && cleared.description == nil)
        }
    }

    @Test func serverErrorsArriveTyped() async throws {
        try await withServer { server in
            let client = client(server)
            await #expect {
                try await client.group("5e9b9c9b0f9c9a0001b0b1f4")
            } throws: { error in
                guard let error = error as? ProlificError, case .api(404, 40401, let title, _) = error else { return false }
                return title == "Not found"
            }
            let workspace = try await server.firstWorkspaceID()
            let group = try await client.createGroup(name: "g", in: .workspace(workspace))
            await #expect {
                try await client.addMembers(["nope"], to: group.id)
            } throws: { error in
                guard let error = error as? ProlificError, case .api(400, 40003, _, .fields(let fields)) = error else {
                    return false
                }
                return fields["participant_ids"]?.first?.contains("nope") == true
            }
            let stranger = self.client(server, token: "not-a-token")
            await #expect { try await stranger.me() } throws: { ($0 as? ProlificError)?.status == 401 }
            let anonymous = ProlificClient(configuration: ClientConfiguration(baseURL: URL(string: server.baseURL)!))
            await #expect { try await anonymous.me() } throws: { error in
                if case .configuration = error as? ProlificError { return true }
                return false
            }
        }
    }

    @Test func configurationComesFromTheEnvironment() throws {
        let configured = try ClientConfiguration.fromEnvironment(
            environment: ["PROLIFIC_URL": "http://127.0.0.1:9999", "PROLIFIC_TOKEN": "abc"])
        #expect(configured.baseURL.absoluteString == "http://127.0.0.1:9999")
        #expect(configured.token == "abc")
        let defaults = try ClientConfiguration.fromEnvironment(environment: [:])
        #expect(defaults.baseURL.absoluteString == "https://api.prolific.com")
        #expect(defaults.token == nil)
        let slashed = try ClientConfiguration.fromEnvironment(environment: ["PROLIFIC_URL": "http://127.0.0.1:9999/"])
        #expect(slashed.baseURL.absoluteString == "http://127.0.0.1:9999")
        let explicit = try ClientConfiguration.fromEnvironment(
            baseURL: URL(string: "http://example.org")!, token: "t", environment: ["PROLIFIC_TOKEN": "abc"])
        #expect(explicit.token == "t" && explicit.baseURL.host == "example.org")
        #expect(throws: ProlificError.self) { try ClientConfiguration.fromEnvironment(environment: ["PROLIFIC_URL": "ftp://x"]) }
    }
}

/// Collects progress reports from batched calls.
final class Reports: Sendable {
    private let storage = Mutex<[[Int]]>([])

    var values: [[Int]] { storage.withLock { $0 } }

    func record(_ sent: Int, _ total: Int) {
        storage.withLock { $0.append([sent, total]) }
    }
}

import Synchronization
