/// A study's create or PATCH body as the client sent it (Prolific's `CreateStudy` / `BaseStudy`):
/// `nil` is a field left out, `Change` tells a nullable field left out from one set to `null`.
/// ``StudyRules`` validates it.
public struct StudyInput: Sendable {
    public var name: String?
    public var internalName: Change<String?> = .keep
    public var description: String?
    public var externalStudyURL: String?
    public var prolificIDOption: String?
    public var completionCodes: [CompletionCodeInput]?
    public var totalAvailablePlaces: Double?
    public var estimatedCompletionTime: Double?
    public var maximumAllowedTime: Double?
    public var reward: Double?
    public var deviceCompatibility: [String]?
    public var peripheralRequirements: [String]?
    public var filters: Change<[StudyFilterInput]?> = .keep
    public var filterSetID: Change<String?> = .keep
    public var filterSetVersion: Change<Int?> = .keep
    public var naivetyDistributionRate: Change<Double?> = .keep
    public var project: String?
    public var submissionsConfig: SubmissionsConfigInput?
    public var studyLabels: [String]?
    public var contentWarnings: [String]?
    public var contentWarningDetails: String?
    public var metadata: Change<String?> = .keep
    public var credentialPoolID: Change<String?> = .keep
    public var hasCredentials: Bool?
    public var dataCollectionMethod: Change<String?> = .keep
    public var dataCollectionID: Change<String?> = .keep
    public var annotatorsPerTask: Change<Int?> = .keep
    public var accessDetails: Change<[AccessDetailInput]?> = .keep
    public var isExternalStudyURLSecure: Bool?
    /// Legacy single code (`completion_code`) and its action (`completion_code_action`).
    public var completionCode: String?
    public var completionCodeAction: String?
    /// Legacy `eligibility_requirements` (Mephisto), each as its `_cls` and ids.
    public var eligibilityRequirements: [EligibilityRequirementInput]?

    public init() {}
}

public struct CompletionCodeInput: Sendable, Hashable {
    /// `.keep`: the required `code` was left out.
    public var code: Change<String?>
    public var codeType: String?
    public var actions: [CodeActionInput]?
    public var actor: String?

    public init(code: Change<String?>, codeType: String?, actions: [CodeActionInput]?, actor: String?) {
        self.code = code
        self.codeType = codeType
        self.actions = actions
        self.actor = actor
    }
}

public struct CodeActionInput: Sendable, Hashable {
    public var action: String?
    public var participantGroup: String?
    public var returnReason: String?
    public var fixedScreenOutReward: Double?
    public var slots: Double?

    public init(
        action: String?, participantGroup: String? = nil, returnReason: String? = nil,
        fixedScreenOutReward: Double? = nil, slots: Double? = nil
    ) {
        self.action = action
        self.participantGroup = participantGroup
        self.returnReason = returnReason
        self.fixedScreenOutReward = fixedScreenOutReward
        self.slots = slots
    }
}

public struct StudyFilterInput: Sendable, Hashable {
    public var filterID: String?
    public var selectedValues: [String]?
    /// `selected_range` was sent (possibly with neither bound).
    public var hasSelectedRange: Bool
    public var lower: RangeBound?
    public var upper: RangeBound?
    public var selectedFilters: [StudyFilterInput]?
    /// `weightings` as JSON text.
    public var weightings: String?

    public init(
        filterID: String?, selectedValues: [String]? = nil, hasSelectedRange: Bool = false, lower: RangeBound? = nil,
        upper: RangeBound? = nil, selectedFilters: [StudyFilterInput]? = nil, weightings: String? = nil
    ) {
        self.filterID = filterID
        self.selectedValues = selectedValues
        self.hasSelectedRange = hasSelectedRange
        self.lower = lower
        self.upper = upper
        self.selectedFilters = selectedFilters
        self.weightings = weightings
    }
}

public struct SubmissionsConfigInput: Sendable, Hashable {
    public var maxSubmissionsPerParticipant: Change<Int?>
    public var maxConcurrentSubmissions: Change<Int?>
    public var autoRejectionCategories: [String]?

    public init(maxSubmissionsPerParticipant: Change<Int?>, maxConcurrentSubmissions: Change<Int?>, autoRejectionCategories: [String]?) {
        self.maxSubmissionsPerParticipant = maxSubmissionsPerParticipant
        self.maxConcurrentSubmissions = maxConcurrentSubmissions
        self.autoRejectionCategories = autoRejectionCategories
    }
}

public struct AccessDetailInput: Sendable, Hashable {
    public var externalURL: String?
    public var totalAllocation: Double?

    public init(externalURL: String?, totalAllocation: Double?) {
        self.externalURL = externalURL
        self.totalAllocation = totalAllocation
    }
}

/// One of Mephisto's legacy `eligibility_requirements`: its `_cls` and the ids in its attributes.
public struct EligibilityRequirementInput: Sendable, Hashable {
    public var kind: String?
    public var ids: [String]

    public init(kind: String?, ids: [String]) {
        self.kind = kind
        self.ids = ids
    }
}

/// A `publish-study` body.
public struct StudyTransitionInput: Sendable {
    public var action: String
    public var publishAt: String?

    public init(action: String, publishAt: String?) {
        self.action = action
        self.publishAt = publishAt
    }
}
