import CohortCore
import Testing

/// The sandbox's rules, without a server: what a valid state file is, how fault rules fire, what
/// the journal keeps.
@Suite struct SandboxRulesTests {
    static let organisation = OrganisationID("64a000000000000000000001")!
    static let ada = ResearcherID("64a000000000000000000011")!
    static let workspace = WorkspaceID("64a000000000000000000021")!
    static let group = GroupID("64a000000000000000000041")!
    static let at = Timestamp(secondsSince1970: 1_900_000_000)

    static var valid: StateSnapshot {
        StateSnapshot(
            organisations: [.init(id: organisation, name: "Lab", createdAt: at)],
            researchers: [.init(researcher: Researcher(id: ada, email: "ada@example.org", name: "Ada", organisationID: organisation), createdAt: at)],
            tokens: [.init(digest: APIToken("t").digest, researcherID: ada, createdAt: at)],
            workspaces: [
                Workspace(
                    id: workspace, organisationID: organisation, title: "W", description: "", ownerID: ada,
                    naivetyDistributionRate: nil, currencyCode: .gbp, createdAt: at)
            ],
            workspaceMembers: [.init(workspaceID: workspace, researcherID: ada, role: Member.workspaceAdmin)],
            groups: [
                ParticipantGroup(
                    id: group, name: "G", description: nil, owner: .workspace(workspace), projectID: nil,
                    participantCount: 99, isDeleted: false, createdAt: at)
            ],
            memberships: [
                .init(groupID: group, membership: Membership(participantID: ParticipantID("5f0000000000000000000002")!, addedAt: at)),
                .init(groupID: group, membership: Membership(participantID: ParticipantID("5f0000000000000000000001")!, addedAt: at)),
            ])
    }

    @Test func aValidSnapshotGetsItsCountsFromItsMembershipsAndACanonicalOrder() throws {
        let checked = try SnapshotRules.checked(Self.valid)
        #expect(checked.groups[0].participantCount == 2)
        #expect(checked.memberships.map(\.membership.participantID.hex) == ["5f0000000000000000000001", "5f0000000000000000000002"])
    }

    @Test func everyBrokenReferenceIsNamedByItsPlace() throws {
        var broken = Self.valid
        broken.researchers = [
            .init(
                researcher: Researcher(id: Self.ada, email: "ada@example.org", name: "Ada", organisationID: OrganisationID("64a0000000000000000000ff")!),
                createdAt: Self.at)
        ]
        broken.memberships.append(
            .init(groupID: GroupID("64a0000000000000000000ee")!, membership: Membership(participantID: ParticipantID("5f0000000000000000000003")!, addedAt: Self.at)))
        broken.workspaceMembers.append(broken.workspaceMembers[0])
        do {
            _ = try SnapshotRules.checked(broken)
            Issue.record("a snapshot with broken references was accepted")
        } catch {
            guard case .fields(let fields) = error.detail else { Issue.record("not field errors: \(error)"); return }
            #expect(fields["researchers[0].organisation_id"] != nil)
            #expect(fields["memberships[2].group_id"] != nil)
            #expect(fields["workspace_members[1]"] != nil)
        }
    }

    @Test func duplicateIdsAndEmailsAreRefused() throws {
        var twice = Self.valid
        twice.researchers.append(twice.researchers[0])
        #expect(throws: CohortError.self) { try SnapshotRules.checked(twice) }
    }

    @Test func aPathPatternMatchesBySegment() {
        let pattern = PathPattern("/api/v1/participant-groups/*/participants/")!
        #expect(pattern.matches("/api/v1/participant-groups/abc/participants"))
        #expect(!pattern.matches("/api/v1/participant-groups/abc"))
        #expect(!pattern.matches("/api/v1/participant-groups/abc/participants/x"))
        #expect(PathPattern("/api/v1/**")!.matches("/api/v1/workspaces/x/projects/"))
        #expect(PathPattern("/api/v1/{id}/")!.matches("/api/v1/x"))
        #expect(PathPattern("/api/**/x") == nil)
        #expect(PathPattern("api") == nil)
    }

    static func rule(_ draft: FaultDraft, id: String = "r") throws -> FaultRule {
        try draft.make(id: id, knownOperations: ["get-participant-groups"])
    }

    @Test func aRuleWithACountFiresThatManyTimesThenGoes() throws {
        let book = FaultBook(seed: 1)
        book.add(try Self.rule(FaultDraft(operationID: "get-participant-groups", status: 503, count: 2)))
        for _ in 0..<2 {
            #expect(book.fault(operationID: "get-participant-groups", path: "/x", method: "GET")?.status == 503)
        }
        #expect(book.fault(operationID: "get-participant-groups", path: "/x", method: "GET") == nil)
        #expect(book.rules.isEmpty)
    }

    @Test func aMethodLimitsARuleAndTheFirstMatchingRuleApplies() throws {
        let book = FaultBook(seed: 1)
        book.add(try Self.rule(FaultDraft(path: "/api/v1/**", method: "post", status: 500), id: "post"))
        book.add(try Self.rule(FaultDraft(path: "/api/v1/**", status: 429), id: "any"))
        #expect(book.fault(operationID: nil, path: "/api/v1/x", method: "POST")?.id == "post")
        #expect(book.fault(operationID: nil, path: "/api/v1/x", method: "GET")?.id == "any")
        #expect(book.fault(operationID: nil, path: "/health", method: "GET") == nil)
    }

    /// The same seed fires the same requests; the share that fires is near the probability.
    @Test func aProbabilityDrawsFromTheSeededGenerator() throws {
        func firings(seed: UInt64) throws -> [Bool] {
            let book = FaultBook(seed: seed)
            book.add(try Self.rule(FaultDraft(path: "/**", status: 503, probability: 0.3)))
            return (0..<2_000).map { _ in book.fault(operationID: nil, path: "/a", method: "GET") != nil }
        }
        let first = try firings(seed: 42)
        #expect(try firings(seed: 42) == first)
        #expect(try firings(seed: 43) != first)
        let share = Double(first.filter { $0 }.count) / Double(first.count)
        #expect((0.25...0.35).contains(share), "fired \(share) of the time at probability 0.3")
    }

    @Test func aRuleThatDoesNothingOrIsMalformedIsRefusedNamingTheField() {
        func refused(_ draft: FaultDraft) -> Set<String> {
            do {
                _ = try Self.rule(draft)
                return []
            } catch let error as CohortError {
                if case .fields(let fields) = error.detail { return Set(fields.keys) }
                return ["?"]
            } catch {
                return ["?"]
            }
        }
        #expect(refused(FaultDraft(path: "/x")) == ["status"])
        #expect(refused(FaultDraft(operationID: "nope", status: 500)) == ["operation_id"])
        #expect(refused(FaultDraft(operationID: "get-participant-groups", path: "/x", status: 500)) == ["operation_id"])
        #expect(refused(FaultDraft(path: "/x", status: 200)) == ["status"])
        #expect(refused(FaultDraft(path: "/x", status: 500, drop: true)) == ["drop"])
        #expect(refused(FaultDraft(path: "/x", status: 500, probability: 0)) == ["probability"])
        #expect(refused(FaultDraft(path: "/x", status: 500, count: 0)) == ["count"])
        #expect(refused(FaultDraft(path: "/x", latencyMilliseconds: 120_000)) == ["latency_ms"])
    }

    @Test func theJournalKeepsTheLastEntriesAndFilters() {
        let journal = RequestJournal(capacity: 3)
        for index in 0..<5 {
            journal.append(
                JournalEntry(
                    time: Timestamp(secondsSince1970: Int64(index)), method: index % 2 == 0 ? "GET" : "POST",
                    path: "/api/v1/\(index)", query: "", body: nil, bodyTruncated: false, status: 200 + index,
                    durationMilliseconds: 1, researcherID: nil, fault: nil))
        }
        #expect(journal.entries().map(\.path) == ["/api/v1/2", "/api/v1/3", "/api/v1/4"])
        #expect(journal.entries(JournalFilter(method: "get")).map(\.path) == ["/api/v1/2", "/api/v1/4"])
        #expect(journal.entries(JournalFilter(status: 203)).map(\.path) == ["/api/v1/3"])
        #expect(journal.entries(JournalFilter(since: Timestamp(secondsSince1970: 4))).count == 1)
        #expect(journal.entries(JournalFilter(path: PathPattern("/api/v1/3"))).count == 1)
        journal.removeAll()
        #expect(journal.entries().isEmpty)
    }

    /// (Deterministic ids are process-wide: the server tests check them in separate processes.)
    @Test func theSeededGeneratorRepeatsForASeedAndDiffersAcrossSeeds() {
        var one = SeededGenerator(seed: 9)
        var two = SeededGenerator(seed: 9)
        var other = SeededGenerator(seed: 10)
        let first = (0..<10).map { _ in one.next() }
        #expect((0..<10).map { _ in two.next() } == first)
        #expect((0..<10).map { _ in other.next() } != first)
    }
}
