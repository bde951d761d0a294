import CohortAPI
import CohortCore
import Foundation
import OpenAPIRuntime

// The wire to the core's study input, as sent, and the core's study back to the wire.

extension StudyInput {
    init(_ body: WireStudyBody) throws {
        self.init()
        name = body.name
        internalName = body.internalName.change
        description = body.description
        externalStudyURL = body.externalStudyUrl
        prolificIDOption = body.prolificIdOption
        completionCodes = body.completionCodes?.map(CompletionCodeInput.init)
        totalAvailablePlaces = body.totalAvailablePlaces
        estimatedCompletionTime = body.estimatedCompletionTime
        maximumAllowedTime = body.maximumAllowedTime
        reward = body.reward
        deviceCompatibility = body.deviceCompatibility
        peripheralRequirements = body.peripheralRequirements
        filters = try body.filters.change.map { try $0?.map(StudyFilterInput.init) }
        filterSetID = body.filterSetId.change
        filterSetVersion = body.filterSetVersion.change
        naivetyDistributionRate = body.naivetyDistributionRate.change
        project = body.project
        submissionsConfig = body.submissionsConfig.map {
            SubmissionsConfigInput(
                maxSubmissionsPerParticipant: $0.maxSubmissionsPerParticipant.change,
                maxConcurrentSubmissions: $0.maxConcurrentSubmissions.change,
                autoRejectionCategories: $0.autoRejectionCategories)
        }
        studyLabels = body.studyLabels
        contentWarnings = body.contentWarnings
        contentWarningDetails = body.contentWarningDetails
        metadata = body.metadata.change
        credentialPoolID = body.credentialPoolId.change
        hasCredentials = body.hasCredentials
        dataCollectionMethod = body.dataCollectionMethod.change
        dataCollectionID = body.dataCollectionId.change
        annotatorsPerTask = body.dataCollectionMetadata.change.map { $0?.annotatorsPerTask }
        accessDetails = body.accessDetails.change.map {
            $0?.map { AccessDetailInput(externalURL: $0.externalUrl, totalAllocation: Double($0.totalAllocation)) }
        }
        isExternalStudyURLSecure = body.isExternalStudyUrlSecure
        completionCode = body.completionCode
        completionCodeAction = body.completionCodeAction
        eligibilityRequirements = body.eligibilityRequirements?.map(EligibilityRequirementInput.init)
    }
}

extension Change {
    /// The value a `Change<T?>` holds, mapped.
    func map<U>(_ transform: (Value) throws -> U) rethrows -> Change<U> {
        switch self {
        case .keep: .keep
        case .set(let value): .set(try transform(value))
        }
    }
}

extension CompletionCodeInput {
    init(_ wire: WireCompletionCode) {
        self.init(
            code: .set(wire.code), codeType: wire.codeType,
            actions: wire.actions.map {
                CodeActionInput(
                    action: $0.action, participantGroup: $0.participantGroup, returnReason: $0.returnReason,
                    fixedScreenOutReward: $0.fixedScreenOutReward.map(Double.init), slots: $0.slots.map(Double.init))
            }, actor: wire.actor)
    }
}

extension StudyFilterInput {
    init(_ wire: WireStudyFilter) throws {
        func bound(_ bound: WireStudyFilter.Bound?) -> RangeBound? {
            switch bound {
            case .number(let number)?: .number(number)
            case .text(let text)?: .text(text)
            case nil: nil
            }
        }
        let weightings = try wire.weightings.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        self.init(
            filterID: wire.filterId, selectedValues: wire.selectedValues, hasSelectedRange: wire.selectedRange != nil,
            lower: bound(wire.selectedRange?.lower), upper: bound(wire.selectedRange?.upper),
            selectedFilters: try wire.selectedFilters?.map(StudyFilterInput.init), weightings: weightings)
    }
}

extension EligibilityRequirementInput {
    /// Mephisto's shapes: `{"_cls", "attributes": [{"name": "white_list", "value": [ids]}]}` for
    /// custom lists, `{"_cls", "attributes": [{"id": group, "value": true}]}` for a group.
    init(_ object: OpenAPIObjectContainer) {
        let kind = object.value["_cls"] as? String
        var ids: [String] = []
        for attribute in object.value["attributes"] as? [Any?] ?? [] {
            guard let attribute = attribute as? [String: Any?] else { continue }
            if kind == EligibilityRequirements.groupKind, let id = attribute["id"] as? String {
                ids.append(id)
            } else if let values = attribute["value"] as? [Any?] {
                ids += values.compactMap { $0 as? String }
            }
        }
        self.init(kind: kind, ids: ids)
    }
}

extension WireStudy {
    init(_ study: Study, money: MoneySettings, baseURL: String?) {
        let content = study.content
        let currency = study.currency
        let hourly = StudyCosts.hourlyReward(content)
        let related = baseURL.map { "\($0)/api/v1/studies/\(study.id.hex)/submissions/" }
        self.init(
            id: study.id.hex, name: content.name, internalName: content.internalName, description: content.description,
            externalStudyUrl: content.externalStudyURL, prolificIdOption: content.prolificIDOption.rawValue,
            completionCodes: content.completionCodes.map(WireCompletionCode.init),
            totalAvailablePlaces: content.totalAvailablePlaces, estimatedCompletionTime: content.estimatedCompletionTime,
            maximumAllowedTime: content.maximumAllowedTime, reward: content.reward,
            deviceCompatibility: content.deviceCompatibility, peripheralRequirements: content.peripheralRequirements,
            filters: content.filters?.map(WireStudyFilter.init), filterSetId: content.filterSetID,
            filterSetVersion: content.filterSetVersion, naivetyDistributionRate: content.naivetyDistributionRate,
            project: study.projectID.hex, workspace: study.workspaceID.hex,
            submissionsConfig: WireSubmissionsConfig(content.submissionsConfig), studyLabels: content.studyLabels,
            contentWarnings: content.contentWarnings, contentWarningDetails: content.contentWarningDetails ?? "",
            metadata: content.metadata, credentialPoolId: content.credentialPoolID, hasCredentials: content.hasCredentials,
            dataCollectionMethod: content.dataCollectionMethod, dataCollectionId: content.dataCollectionID,
            dataCollectionMetadata: content.annotatorsPerTask.map { .init(annotatorsPerTask: $0) },
            accessDetails: content.accessDetails?.map { WireAccessDetail(externalUrl: $0.externalURL, totalAllocation: $0.totalAllocation) },
            isExternalStudyUrlSecure: content.isExternalStudyURLSecure, status: study.status.rawValue,
            isReadyToPublish: study.status == .unpublished, studyType: "SINGLE", dateCreated: study.createdAt.rfc3339,
            publishedAt: study.publishedAt?.rfc3339, publishAt: study.publishAt?.rfc3339, placesTaken: study.placesTaken,
            numberOfSubmissions: study.numberOfSubmissions,
            totalCost: StudyCosts.placesCost(content, settings: money).total, currencyCode: currency.rawValue,
            isUnderpaying: hourly < StudyRules.minimumHourlyReward(currency), averageRewardPerHour: hourly,
            estimatedRewardPerHour: hourly, researcher: study.createdBy.hex,
            links: Links(related: related.map { WireLink(href: $0, title: "Submissions") }))
    }
}

extension WireStudyShort {
    init(_ study: Study, money: MoneySettings) {
        self.init(
            id: study.id.hex, name: study.content.name, internalName: study.content.internalName,
            status: study.status.rawValue, studyType: "SINGLE", estimatedCompletionTime: study.content.estimatedCompletionTime,
            totalAvailablePlaces: study.content.totalAvailablePlaces, placesTaken: study.placesTaken,
            numberOfSubmissions: study.numberOfSubmissions, reward: study.content.reward,
            totalCost: StudyCosts.placesCost(study.content, settings: money).total,
            publishedAt: study.publishedAt?.rfc3339, publishAt: study.publishAt?.rfc3339,
            dateCreated: study.createdAt.rfc3339, credentialPoolId: study.content.credentialPoolID,
            isReadyToPublish: study.status == .unpublished)
    }
}

extension WireCompletionCode {
    init(_ code: CompletionCode) {
        self.init(code: code.code, codeType: code.codeType, actions: code.actions.map(WireCompletionCodeAction.init), actor: code.actor.rawValue)
    }
}

extension WireCompletionCodeAction {
    init(_ action: CodeAction) {
        switch action {
        case .addToParticipantGroup(let group), .removeFromParticipantGroup(let group):
            self.init(action: action.name, participantGroup: group.hex)
        case .requestReturn(let reason):
            self.init(action: action.name, returnReason: reason)
        case .fixedScreenOutPayment(let reward, let slots):
            self.init(action: action.name, fixedScreenOutReward: reward, slots: slots)
        default:
            self.init(action: action.name)
        }
    }
}

extension WireStudyFilter {
    init(_ filter: StudyFilter) {
        func bound(_ bound: RangeBound?) -> Bound? {
            switch bound {
            case .number(let number)?: .number(number)
            case .text(let text)?: .text(text)
            case nil: nil
            }
        }
        func weightings(_ json: String?) -> OpenAPIObjectContainer? {
            json.flatMap { try? JSONDecoder().decode(OpenAPIObjectContainer.self, from: Data($0.utf8)) }
        }
        switch filter {
        case .select(let id, let values, let json):
            self.init(filterId: id, selectedValues: values, weightings: weightings(json))
        case .range(let id, let lower, let upper, let json):
            self.init(filterId: id, selectedRange: Range(lower: bound(lower), upper: bound(upper)), weightings: weightings(json))
        case .composite(let and, let filters):
            self.init(filterId: and ? "and" : "or", selectedFilters: filters.map(WireStudyFilter.init))
        }
    }
}

extension WireSubmissionsConfig {
    init(_ config: SubmissionsConfig) {
        self.init(
            maxSubmissionsPerParticipant: .value(config.maxSubmissionsPerParticipant),
            maxConcurrentSubmissions: .value(config.maxConcurrentSubmissions),
            autoRejectionCategories: config.autoRejectionCategories)
    }
}

extension Components.Schemas.WorkspaceBalance {
    init(_ wallet: Wallet, currency: CurrencyCode, money: MoneySettings) {
        func breakdown(_ cents: Int) -> Components.Schemas.BalanceBreakdown {
            let parts = CostBreakdown(splitting: cents, settings: money)
            return .init(rewards: parts.rewards, fees: parts.fees, vat: parts.tax)
        }
        self.init(
            currencyCode: currency.rawValue, totalBalance: wallet.totalCents, balanceBreakdown: breakdown(wallet.totalCents),
            availableBalance: wallet.availableCents, availableBalanceBreakdown: breakdown(wallet.availableCents))
    }
}

extension Components.Schemas.StudyCostBreakdown {
    init(_ cost: CostBreakdown, currency: CurrencyCode) {
        self.init(
            rewards: .init(amount: cost.rewards, currency: currency.rawValue),
            fees: .init(amount: cost.fees, currency: currency.rawValue),
            tax: .init(amount: cost.tax, currency: currency.rawValue))
    }
}
