/// A study: what a researcher recruits participants for. Kept as a plain resource (a stored
/// document); its rules are ``StudyRules``.
public struct Study: PlainResource, Hashable {
    public static let recordKind = RecordKind("study")

    public let id: StudyID
    public let workspaceID: WorkspaceID
    public let projectID: ProjectID
    public let createdAt: Timestamp
    public let createdBy: ResearcherID
    /// The workspace's currency, which its rewards and costs are in (a workspace's never changes).
    public let currency: CurrencyCode
    public var status: StudyStatus
    /// What the researcher wrote: every field of Prolific's `BaseStudy`.
    public var content: StudyContent
    /// When a `SCHEDULE_PUBLISH` study goes live.
    public var publishAt: Timestamp?
    /// When it first went live.
    public var publishedAt: Timestamp?
    /// Cents held in the workspace's wallet for this study's places (``Wallet``).
    public var reservedCents: Int
    /// Places taken by submissions that count (not returned or timed out).
    public var placesTaken: Int
    public var numberOfSubmissions: Int
    /// Its submissions by status (``SubmissionTally``); absent until the first is made.
    public var tally: SubmissionTally?
    /// When the researcher stopped it: a stopped study does not recruit again by itself when a
    /// place comes free, only when places are added.
    public var stoppedAt: Timestamp?
    /// No submission of the study can time out or be approved automatically before this: the
    /// earliest such deadline, or earlier (``SubmissionDeadlines``). `nil`: none is pending.
    public var settleAfter: Timestamp?
    /// What approvals and screen-outs have paid, with the fee and VAT on each payment.
    public var spentOnRewards: CostBreakdown?
    /// What paid bonuses have cost, with the fee and VAT on each.
    public var spentOnBonuses: CostBreakdown?

    public init(
        id: StudyID, workspaceID: WorkspaceID, projectID: ProjectID, createdAt: Timestamp, createdBy: ResearcherID,
        currency: CurrencyCode, status: StudyStatus = .unpublished, content: StudyContent, publishAt: Timestamp? = nil,
        publishedAt: Timestamp? = nil, reservedCents: Int = 0, placesTaken: Int = 0, numberOfSubmissions: Int = 0
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.projectID = projectID
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.currency = currency
        self.status = status
        self.content = content
        self.publishAt = publishAt
        self.publishedAt = publishedAt
        self.reservedCents = reservedCents
        self.placesTaken = placesTaken
        self.numberOfSubmissions = numberOfSubmissions
    }

    /// Its submissions by status.
    public var submissions: SubmissionTally { tally ?? SubmissionTally() }

    /// Lists filter on the status and project; a group finds the studies that feed it
    /// (`feeds`) without reading every study.
    public var listFields: Set<RecordField> {
        var fields: Set<RecordField> = [
            RecordField(Self.statusField, status.rawValue), RecordField(Self.projectField, projectID.hex),
        ]
        for group in content.fedGroups { fields.insert(RecordField(Self.feedsField, group.hex)) }
        return fields
    }

    public static let statusField = "status"
    public static let projectField = "project"
    public static let feedsField = "feeds"
}

public typealias StudyID = ID<Study>
extension Study: NamedEntity { public static let entityName = "Study" }

/// Prolific's `StudyStatus`.
public enum StudyStatus: String, Codable, Hashable, Sendable, CaseIterable {
    case unpublished = "UNPUBLISHED"
    case scheduled = "SCHEDULED"
    case publishing = "PUBLISHING"
    case active = "ACTIVE"
    case awaitingReview = "AWAITING REVIEW"
    case paused = "PAUSED"
    case completed = "COMPLETED"
}

/// The fields a researcher sets on a study, validated (``StudyRules``). Money is integer cents of
/// the workspace's currency; times are whole minutes.
public struct StudyContent: Codable, Hashable, Sendable {
    public var name: String
    public var internalName: String?
    public var description: String
    public var externalStudyURL: String?
    public var prolificIDOption: ProlificIDOption
    public var completionCodes: [CompletionCode]
    public var totalAvailablePlaces: Int
    public var estimatedCompletionTime: Int
    public var maximumAllowedTime: Int
    public var reward: Int
    public var deviceCompatibility: [String]
    public var peripheralRequirements: [String]
    /// `nil` when the study takes its filters from a filter set.
    public var filters: [StudyFilter]?
    public var filterSetID: String?
    public var filterSetVersion: Int?
    public var naivetyDistributionRate: Double?
    public var submissionsConfig: SubmissionsConfig
    public var studyLabels: [String]
    public var contentWarnings: [String]
    public var contentWarningDetails: String?
    public var metadata: String?
    public var credentialPoolID: String?
    public var hasCredentials: Bool
    public var dataCollectionMethod: String?
    public var dataCollectionID: String?
    public var annotatorsPerTask: Int?
    public var accessDetails: [AccessDetail]?
    public var isExternalStudyURLSecure: Bool

    public init(
        name: String, internalName: String? = nil, description: String, externalStudyURL: String?,
        prolificIDOption: ProlificIDOption, completionCodes: [CompletionCode], totalAvailablePlaces: Int,
        estimatedCompletionTime: Int, maximumAllowedTime: Int, reward: Int, deviceCompatibility: [String] = [],
        peripheralRequirements: [String] = [], filters: [StudyFilter]? = [], filterSetID: String? = nil,
        filterSetVersion: Int? = nil, naivetyDistributionRate: Double? = nil,
        submissionsConfig: SubmissionsConfig = SubmissionsConfig(), studyLabels: [String] = [],
        contentWarnings: [String] = [], contentWarningDetails: String? = nil, metadata: String? = nil,
        credentialPoolID: String? = nil, hasCredentials: Bool = false, dataCollectionMethod: String? = nil,
        dataCollectionID: String? = nil, annotatorsPerTask: Int? = nil, accessDetails: [AccessDetail]? = nil,
        isExternalStudyURLSecure: Bool = false
    ) {
        self.name = name
        self.internalName = internalName
        self.description = description
        self.externalStudyURL = externalStudyURL
        self.prolificIDOption = prolificIDOption
        self.completionCodes = completionCodes
        self.totalAvailablePlaces = totalAvailablePlaces
        self.estimatedCompletionTime = estimatedCompletionTime
        self.maximumAllowedTime = maximumAllowedTime
        self.reward = reward
        self.deviceCompatibility = deviceCompatibility
        self.peripheralRequirements = peripheralRequirements
        self.filters = filters
        self.filterSetID = filterSetID
        self.filterSetVersion = filterSetVersion
        self.naivetyDistributionRate = naivetyDistributionRate
        self.submissionsConfig = submissionsConfig
        self.studyLabels = studyLabels
        self.contentWarnings = contentWarnings
        self.contentWarningDetails = contentWarningDetails
        self.metadata = metadata
        self.credentialPoolID = credentialPoolID
        self.hasCredentials = hasCredentials
        self.dataCollectionMethod = dataCollectionMethod
        self.dataCollectionID = dataCollectionID
        self.annotatorsPerTask = annotatorsPerTask
        self.accessDetails = accessDetails
        self.isExternalStudyURLSecure = isExternalStudyURLSecure
    }

    /// Every group a code of this study adds to or removes from, once each.
    /// The fixed reward and slots of its `FIXED_SCREEN_OUT_PAYMENT` code, if it has one.
    public var fixedScreenOut: (reward: Int, slots: Int)? {
        for code in completionCodes {
            for case .fixedScreenOutPayment(let reward, let slots) in code.actions { return (reward, slots) }
        }
        return nil
    }

    public var fedGroups: [GroupID] {
        var seen = Set<GroupID>()
        var groups: [GroupID] = []
        for code in completionCodes {
            for action in code.actions {
                if let group = action.participantGroup, seen.insert(group).inserted { groups.append(group) }
            }
        }
        return groups
    }
}

/// Prolific's `prolific_id_option`.
public enum ProlificIDOption: String, Codable, Hashable, Sendable, CaseIterable {
    case question
    case urlParameters = "url_parameters"
    case notRequired = "not_required"
}

/// One completion code and what happens when a submission ends with it.
public struct CompletionCode: Codable, Hashable, Sendable {
    /// `nil`: the participant is not asked for a code.
    public var code: String?
    /// One of Prolific's predefined names, or free text.
    public var codeType: String
    public var actions: [CodeAction]
    public var actor: CodeActor

    public init(code: String?, codeType: String, actions: [CodeAction], actor: CodeActor = .participant) {
        self.code = code
        self.codeType = codeType
        self.actions = actions
        self.actor = actor
    }
}

public enum CodeActor: String, Codable, Hashable, Sendable, CaseIterable {
    case participant
    case researcher
}

/// One action of a completion code, Prolific's `CreateStudyCompletionCodesItemsActionsItems`.
public enum CodeAction: Codable, Hashable, Sendable {
    case manuallyReview
    case automaticallyApprove
    case addToParticipantGroup(GroupID)
    case removeFromParticipantGroup(GroupID)
    case requestReturn(reason: String)
    case dynamicPayment
    case fixedScreenOutPayment(reward: Int, slots: Int)

    /// The `action` value on the wire.
    public var name: String {
        switch self {
        case .manuallyReview: "MANUALLY_REVIEW"
        case .automaticallyApprove: "AUTOMATICALLY_APPROVE"
        case .addToParticipantGroup: "ADD_TO_PARTICIPANT_GROUP"
        case .removeFromParticipantGroup: "REMOVE_FROM_PARTICIPANT_GROUP"
        case .requestReturn: "REQUEST_RETURN"
        case .dynamicPayment: "DYNAMIC_PAYMENT"
        case .fixedScreenOutPayment: "FIXED_SCREEN_OUT_PAYMENT"
        }
    }

    public var participantGroup: GroupID? {
        switch self {
        case .addToParticipantGroup(let group), .removeFromParticipantGroup(let group): group
        default: nil
        }
    }
}

/// Prolific's study filters: a select filter (`selected_values`), a range (`selected_range`), or
/// an `and` / `or` of others (`selected_filters`), nested.
public indirect enum StudyFilter: Codable, Hashable, Sendable {
    case select(id: String, values: [String], weightings: String?)
    case range(id: String, lower: RangeBound?, upper: RangeBound?, weightings: String?)
    case composite(and: Bool, filters: [StudyFilter])

    public var filterID: String {
        switch self {
        case .select(let id, _, _), .range(let id, _, _, _): id
        case .composite(let and, _): and ? "and" : "or"
        }
    }
}

/// A range filter's bound as sent: a number, or text (a date).
public enum RangeBound: Codable, Hashable, Sendable {
    case number(Double)
    case text(String)
}

/// Prolific's `submissions_config`.
public struct SubmissionsConfig: Codable, Hashable, Sendable {
    /// -1: up to `total_available_places`.
    public var maxSubmissionsPerParticipant: Int
    /// -1: unlimited.
    public var maxConcurrentSubmissions: Int
    public var autoRejectionCategories: [String]

    public init(maxSubmissionsPerParticipant: Int = 1, maxConcurrentSubmissions: Int = -1, autoRejectionCategories: [String] = []) {
        self.maxSubmissionsPerParticipant = maxSubmissionsPerParticipant
        self.maxConcurrentSubmissions = maxConcurrentSubmissions
        self.autoRejectionCategories = autoRejectionCategories
    }
}

/// One task URL of a study with several, and its places.
public struct AccessDetail: Codable, Hashable, Sendable {
    public var externalURL: String
    public var totalAllocation: Int

    public init(externalURL: String, totalAllocation: Int) {
        self.externalURL = externalURL
        self.totalAllocation = totalAllocation
    }
}
