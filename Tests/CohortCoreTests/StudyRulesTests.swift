import CohortCore
import Testing

/// The study rules without a server: drafts, updates after publishing, the status machine and
/// the money it moves, costs.
@Suite struct StudyRulesTests {
    static let workspace = WorkspaceID("5e9b9c9b0f9c9a1111111111")!
    static let otherWorkspace = WorkspaceID("5e9b9c9b0f9c9a2222222222")!
    static let group = GroupID("5e9b9c9b0f9c9a3333333333")!
    static let foreignGroup = GroupID("5e9b9c9b0f9c9a4444444444")!

    static var references: StudyReferences {
        StudyReferences(
            workspaceID: workspace, currency: .gbp,
            groups: [
                group: ParticipantGroup(
                    id: group, name: "g", description: nil, owner: .workspace(workspace), projectID: nil,
                    participantCount: 0, isDeleted: false, createdAt: Timestamp(secondsSince1970: 0)),
                foreignGroup: ParticipantGroup(
                    id: foreignGroup, name: "f", description: nil, owner: .workspace(otherWorkspace), projectID: nil,
                    participantCount: 0, isDeleted: false, createdAt: Timestamp(secondsSince1970: 0)),
            ])
    }

    static func input(_ change: (inout StudyInput) -> Void = { _ in }) -> StudyInput {
        var input = StudyInput()
        input.name = "Reaction times"
        input.description = "Press a key."
        input.externalStudyURL = "https://example.org/run"
        input.prolificIDOption = "url_parameters"
        input.totalAvailablePlaces = 10
        input.estimatedCompletionTime = 5
        input.reward = 100
        input.completionCodes = [code("DONE", [CodeActionInput(action: "MANUALLY_REVIEW")])]
        change(&input)
        return input
    }

    static func code(_ text: String?, _ actions: [CodeActionInput], actor: String? = nil) -> CompletionCodeInput {
        CompletionCodeInput(code: .set(text), codeType: "COMPLETED", actions: actions, actor: actor)
    }

    func fields(_ input: StudyInput) -> Set<String> {
        do {
            _ = try StudyRules.newContent(input, references: Self.references)
            return []
        } catch {
            guard case .fields(let fields) = error.detail else { return ["(not a field error)"] }
            return Set(fields.keys)
        }
    }

    @Test func aDraftGetsTheDocumentedDefaults() throws {
        let content = try StudyRules.newContent(Self.input(), references: Self.references)
        #expect(content.submissionsConfig == SubmissionsConfig(maxSubmissionsPerParticipant: 1, maxConcurrentSubmissions: -1))
        #expect(content.maximumAllowedTime == StudyRules.maximumAllowedTimeCeiling)
        #expect(content.filters == [])
        #expect(content.completionCodes == [CompletionCode(code: "DONE", codeType: "COMPLETED", actions: [.manuallyReview])])
    }

    @Test func theMinimumAllowedTimeIsTheDocumentsFormula() {
        // 2 + 2×5 + 2×√5 = 16.47…, rounded up.
        #expect(StudyRules.minimumAllowedTime(estimated: 5) == 17)
        #expect(StudyRules.minimumAllowedTime(estimated: 100) == 222)
        #expect(fields(Self.input { $0.maximumAllowedTime = 16 }) == ["maximum_allowed_time"])
        #expect(fields(Self.input { $0.maximumAllowedTime = 17 }).isEmpty)
    }

    @Test func everyMissingRequiredFieldIsNamed() {
        #expect(
            fields(StudyInput()) == [
                "name", "description", "prolific_id_option", "total_available_places", "estimated_completion_time", "reward",
                "external_study_url", "completion_codes",
            ])
    }

    @Test func codesAreUniqueAndTheirActionsCompatible() {
        #expect(fields(Self.input { $0.completionCodes = [Self.code("A", [.init(action: "MANUALLY_REVIEW")]), Self.code("A", [.init(action: "MANUALLY_REVIEW")])] }) == ["completion_codes[1].code"])
        #expect(fields(Self.input { $0.completionCodes = [Self.code("A", [.init(action: "MANUALLY_REVIEW"), .init(action: "AUTOMATICALLY_APPROVE")])] }) == ["completion_codes[0].actions"])
        #expect(fields(Self.input { $0.completionCodes = [Self.code("A", [.init(action: "DYNAMIC_PAYMENT")])] }) == ["completion_codes[0].actions[0].action"])
        #expect(fields(Self.input { $0.completionCodes = [Self.code("A", [.init(action: "DYNAMIC_PAYMENT")], actor: "researcher")] }).isEmpty)
        #expect(fields(Self.input { $0.completionCodes = [Self.code(nil, [])] }).isEmpty)
        #expect(fields(Self.input { $0.completionCodes = [Self.code(nil, []), Self.code("B", [.init(action: "MANUALLY_REVIEW")])] }) == ["completion_codes"])
        #expect(fields(Self.input { $0.completionCodes = [Self.code("A", [.init(action: "FIXED_SCREEN_OUT_PAYMENT", fixedScreenOutReward: 100, slots: 5)])] }) == ["completion_codes"])
        #expect(fields(Self.input { $0.completionCodes = [Self.code("A", [.init(action: "FIXED_SCREEN_OUT_PAYMENT", fixedScreenOutReward: 50, slots: 5)])] }).isEmpty)
    }

    @Test func aCodesGroupMustBeInTheStudysWorkspace() {
        let add = { (group: GroupID) in Self.input { $0.completionCodes = [Self.code("A", [.init(action: "MANUALLY_REVIEW"), .init(action: "ADD_TO_PARTICIPANT_GROUP", participantGroup: group.hex)])] } }
        #expect(fields(add(Self.group)).isEmpty)
        #expect(fields(add(Self.foreignGroup)) == ["completion_codes[0].actions[1].participant_group"])
        #expect(fields(add(GroupID("5e9b9c9b0f9c9a5555555555")!)) == ["completion_codes[0].actions[1].participant_group"])
        let content = try? StudyRules.newContent(add(Self.group), references: Self.references)
        #expect(content?.fedGroups == [Self.group])
    }

    @Test func filterShapesAreChecked() {
        func filters(_ list: [StudyFilterInput]) -> Set<String> { fields(Self.input { $0.filters = .set(list) }) }
        #expect(filters([.init(filterID: "age", hasSelectedRange: true, lower: .number(18))]).isEmpty)
        #expect(filters([.init(filterID: "age", hasSelectedRange: true)]) == ["filters[0].selected_range"])
        #expect(filters([.init(filterID: "age", hasSelectedRange: true, lower: .number(65), upper: .number(18))]) == ["filters[0].selected_range"])
        #expect(filters([.init(filterID: "handedness", selectedValues: [])]) == ["filters[0].selected_values"])
        #expect(filters([.init(filterID: "handedness")]) == ["filters[0]"])
        #expect(filters([.init(filterID: "or", selectedFilters: [.init(filterID: "handedness", selectedValues: ["0"]), .init(filterID: StudyFilterRules.groupAllowlist, selectedValues: [Self.group.hex])])]).isEmpty)
        #expect(filters([.init(filterID: "or", selectedFilters: [.init(filterID: StudyFilterRules.groupBlocklist, selectedValues: [Self.foreignGroup.hex])])]) == ["filters[0].selected_filters[0].selected_values"])
        #expect(filters([.init(filterID: StudyFilterRules.customBlocklist, selectedValues: ["nope"])]) == ["filters[0].selected_values"])
        var deep = StudyFilterInput(filterID: "handedness", selectedValues: ["0"])
        for _ in 0..<StudyFilterRules.maximumDepth { deep = StudyFilterInput(filterID: "and", selectedFilters: [deep]) }
        #expect(!filters([deep]).isEmpty)
        #expect(fields(Self.input { $0.filters = .set([.init(filterID: "handedness", selectedValues: ["0"])]); $0.filterSetID = .set("set") }) == ["filter_set_id"])
    }

    @Test func theMinimumRewardRateDependsOnTheCurrency() throws {
        // 50p for 5 minutes is £6 an hour; $8 is the floor in dollars.
        #expect(fields(Self.input { $0.reward = 50 }).isEmpty)
        #expect(fields(Self.input { $0.reward = 49 }) == ["reward"])
        let dollars = StudyReferences(workspaceID: Self.workspace, currency: .usd)
        #expect(throws: CohortError.self) { try StudyRules.newContent(Self.input { $0.reward = 60 }, references: dollars) }
    }

    @Test func aPublishedStudyTakesOnlyTheDocumentedChanges() throws {
        let content = try StudyRules.newContent(Self.input(), references: Self.references)
        var rename = StudyInput()
        rename.name = "Other"
        #expect(throws: CohortError.self) { try StudyRules.updatedContent(content, status: .active, rename, references: Self.references) }
        #expect(try StudyRules.updatedContent(content, status: .unpublished, rename, references: Self.references).name == "Other")
        var fewer = StudyInput()
        fewer.totalAvailablePlaces = 9
        #expect(throws: CohortError.self) { try StudyRules.updatedContent(content, status: .active, fewer, references: Self.references) }
        var more = StudyInput()
        more.totalAvailablePlaces = 12
        more.internalName = .set("wave 2")
        let updated = try StudyRules.updatedContent(content, status: .paused, more, references: Self.references)
        #expect(updated.totalAvailablePlaces == 12)
        #expect(updated.internalName == "wave 2")
    }

    static func study(_ status: StudyStatus = .unpublished) throws -> Study {
        Study(
            id: StudyID("5e9b9c9b0f9c9a6666666666")!, workspaceID: workspace, projectID: ProjectID("5e9b9c9b0f9c9a7777777777")!,
            createdAt: Timestamp(secondsSince1970: 0), createdBy: ResearcherID("5e9b9c9b0f9c9a8888888888")!, currency: .gbp,
            status: status,
            content: try StudyRules.newContent(input(), references: references))
    }

    @Test func publishingHoldsTheCostAndStoppingReleasesWhatIsNotTaken() throws {
        let now = Timestamp(secondsSince1970: 1000)
        let wallet = Wallet(workspaceID: Self.workspace, createdAt: now, totalCents: 10_000)
        let (active, held) = try StudyTransitions.apply(.publish, publishAt: nil, to: try Self.study(), wallet: wallet, now: now, settings: .standard)
        #expect(active.status == .active)
        #expect(active.publishedAt == now)
        #expect(held.reservedCents == 1400)
        #expect(held.availableCents == 8600)
        var taken = active
        taken.placesTaken = 3
        let (stopped, released) = try StudyTransitions.apply(.stop, publishAt: nil, to: taken, wallet: held, now: now, settings: .standard)
        #expect(stopped.status == .completed)
        // Three places at 100 with fee and VAT stay held: 300 + 100 + 20.
        #expect(released.reservedCents == 420)
        #expect(stopped.reservedCents == 420)
    }

    @Test func onlyTheDocumentedTransitionsAreTaken() throws {
        let now = Timestamp(secondsSince1970: 1000)
        let wallet = Wallet(workspaceID: Self.workspace, createdAt: now, totalCents: 1_000_000)
        let allowed: [StudyStatus: Set<StudyTransitions.Action>] = [
            .unpublished: [.publish, .schedulePublish], .scheduled: [.cancelPublish], .active: [.pause, .stop],
            .paused: [.start, .stop], .awaitingReview: [], .completed: [], .publishing: [],
        ]
        for (status, actions) in allowed {
            for action in StudyTransitions.Action.allCases {
                let study = try Self.study(status)
                let result = Result { try StudyTransitions.apply(action, publishAt: Timestamp(secondsSince1970: 2000), to: study, wallet: wallet, now: now, settings: .standard) }
                if actions.contains(action) {
                    #expect((try? result.get()) != nil, "\(action) from \(status)")
                } else {
                    #expect(throws: CohortError.self, "\(action) from \(status)") { try result.get() }
                }
            }
        }
        #expect(throws: CohortError.self) {
            try StudyTransitions.apply(.publish, publishAt: nil, to: try Self.study(), wallet: Wallet(workspaceID: Self.workspace, createdAt: now, totalCents: 1399), now: now, settings: .standard)
        }
        #expect(try StudyTransitions.Action(parsing: "pause") == .pause)
    }

    @Test func aScheduledStudyIsDueOnceItsTimeHasCome() throws {
        var study = try Self.study(.scheduled)
        study.publishAt = Timestamp(secondsSince1970: 500)
        #expect(StudyTransitions.due(study, now: Timestamp(secondsSince1970: 499)) == nil)
        let due = try #require(StudyTransitions.due(study, now: Timestamp(secondsSince1970: 500)))
        #expect(due.status == .active)
        #expect(due.publishedAt == Timestamp(secondsSince1970: 500))
    }

    @Test func costsRoundEachPartToTheCent() {
        let cost = CostBreakdown(paying: 1000, settings: .standard)
        #expect(cost == CostBreakdown(rewards: 1000, fees: 333, tax: 67))
        #expect(CostBreakdown(paying: 3000, settings: MoneySettings(feePercent: 25, vatPercent: 10)).total == 3825)
        // A balance split back into its parts adds up to itself.
        #expect(CostBreakdown(splitting: 1400, settings: .standard) == CostBreakdown(rewards: 1000, fees: 333, tax: 67))
        #expect(CostBreakdown(splitting: 1_000_001, settings: .standard).total == 1_000_001)
        #expect(throws: CohortError.self) { try StudyCosts.calculate(reward: 1.5, places: 2, settings: .standard) }
        let fast = StudyCosts.predictedHours(places: 100, reward: 200, estimatedMinutes: 10, filterCount: 0, currency: .gbp)
        let slow = StudyCosts.predictedHours(places: 100, reward: 100, estimatedMinutes: 10, filterCount: 3, currency: .gbp)
        #expect(fast.precise < slow.precise)
        #expect(fast.lower < fast.precise && fast.precise < fast.upper)
    }

    @Test func legacyRequirementsBecomeFilters() throws {
        let content = try StudyRules.newContent(
            Self.input {
                $0.eligibilityRequirements = [
                    EligibilityRequirementInput(kind: EligibilityRequirements.groupKind, ids: [Self.group.hex]),
                    EligibilityRequirementInput(kind: "web.eligibility.models.AgeRangeEligibilityRequirement", ids: []),
                ]
                $0.completionCodes = nil
                $0.completionCode = "OLD"
            }, references: Self.references)
        #expect(content.filters == [.select(id: StudyFilterRules.groupAllowlist, values: [Self.group.hex], weightings: nil)])
        #expect(content.completionCodes == [CompletionCode(code: "OLD", codeType: "COMPLETED", actions: [.manuallyReview])])
    }
}
