// The submission schemas, written by hand for their nullable fields: Prolific's answers carry
// `"completed_at": null` and the like, where generated types leave a nil field out. Decoding is
// synthesized (a missing field and `null` both read as nil).

/// `#/components/schemas/Submission`: the answer to `transition-submission`.
public struct WireSubmission: Codable, Hashable, Sendable {
    public var id: String
    public var studyId: String
    public var participant: String
    public var status: Components.Schemas.SubmissionStatus
    public var startedAt: String
    public var completedAt: String?
    public var enteredCode: String?

    public init(
        id: String, studyId: String, participant: String, status: Components.Schemas.SubmissionStatus,
        startedAt: String, completedAt: String? = nil, enteredCode: String? = nil
    ) {
        self.id = id
        self.studyId = studyId
        self.participant = participant
        self.status = status
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.enteredCode = enteredCode
    }

    enum CodingKeys: String, CodingKey {
        case id, participant, status
        case studyId = "study_id"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case enteredCode = "entered_code"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(studyId, forKey: .studyId)
        try container.encode(participant, forKey: .participant)
        try container.encode(status, forKey: .status)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encodeNullable(completedAt, forKey: .completedAt)
        try container.encodeNullable(enteredCode, forKey: .enteredCode)
    }
}

/// `#/components/schemas/SubmissionDetail`: one submission, with its bonuses and return request.
public struct WireSubmissionDetail: Codable, Hashable, Sendable {
    public var id: String
    public var studyId: String
    public var participant: String
    public var status: Components.Schemas.SubmissionStatus
    public var startedAt: String
    public var completedAt: String?
    public var enteredCode: String?
    public var parentStudyId: String?
    public var bonusPayments: [Int]
    public var returnRequested: String?

    public init(
        id: String, studyId: String, participant: String, status: Components.Schemas.SubmissionStatus,
        startedAt: String, completedAt: String? = nil, enteredCode: String? = nil, parentStudyId: String? = nil,
        bonusPayments: [Int], returnRequested: String? = nil
    ) {
        self.id = id
        self.studyId = studyId
        self.participant = participant
        self.status = status
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.enteredCode = enteredCode
        self.parentStudyId = parentStudyId
        self.bonusPayments = bonusPayments
        self.returnRequested = returnRequested
    }

    enum CodingKeys: String, CodingKey {
        case id, participant, status
        case studyId = "study_id"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case enteredCode = "entered_code"
        case parentStudyId = "parent_study_id"
        case bonusPayments = "bonus_payments"
        case returnRequested = "return_requested"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(studyId, forKey: .studyId)
        try container.encode(participant, forKey: .participant)
        try container.encode(status, forKey: .status)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encodeNullable(completedAt, forKey: .completedAt)
        try container.encodeNullable(enteredCode, forKey: .enteredCode)
        try container.encodeNullable(parentStudyId, forKey: .parentStudyId)
        try container.encode(bonusPayments, forKey: .bonusPayments)
        try container.encodeNullable(returnRequested, forKey: .returnRequested)
    }
}

/// `#/components/schemas/SubmissionShort`: a submission in a list.
public struct WireSubmissionShort: Codable, Hashable, Sendable {
    public var id: String
    public var participantId: String
    public var status: Components.Schemas.SubmissionStatus
    public var startedAt: String
    public var completedAt: String?
    public var hasSiblings: Bool
    public var studyCode: String?
    public var returnRequested: String?

    public init(
        id: String, participantId: String, status: Components.Schemas.SubmissionStatus, startedAt: String,
        completedAt: String? = nil, hasSiblings: Bool, studyCode: String? = nil, returnRequested: String? = nil
    ) {
        self.id = id
        self.participantId = participantId
        self.status = status
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.hasSiblings = hasSiblings
        self.studyCode = studyCode
        self.returnRequested = returnRequested
    }

    enum CodingKeys: String, CodingKey {
        case id, status
        case participantId = "participant_id"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case hasSiblings = "has_siblings"
        case studyCode = "study_code"
        case returnRequested = "return_requested"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(participantId, forKey: .participantId)
        try container.encode(status, forKey: .status)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encodeNullable(completedAt, forKey: .completedAt)
        try container.encode(hasSiblings, forKey: .hasSiblings)
        try container.encodeNullable(studyCode, forKey: .studyCode)
        try container.encodeNullable(returnRequested, forKey: .returnRequested)
    }
}

/// `#/components/schemas/ReturnRequestedResponse`: the answer to `request-submission-return`.
public struct WireReturnRequested: Codable, Hashable, Sendable {
    public var id: String
    public var status: Components.Schemas.SubmissionStatus
    public var participant: String
    public var returnRequested: String?

    public init(id: String, status: Components.Schemas.SubmissionStatus, participant: String, returnRequested: String? = nil) {
        self.id = id
        self.status = status
        self.participant = participant
        self.returnRequested = returnRequested
    }

    enum CodingKeys: String, CodingKey {
        case id, status, participant
        case returnRequested = "return_requested"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encode(participant, forKey: .participant)
        try container.encodeNullable(returnRequested, forKey: .returnRequested)
    }
}

/// `#/components/schemas/SandboxPlace`: a place taken in the sandbox; `start_url` null for a
/// study without a URL.
public struct WireSandboxPlace: Codable, Hashable, Sendable {
    public var submission: WireSubmissionDetail
    public var startUrl: String?

    public init(submission: WireSubmissionDetail, startUrl: String? = nil) {
        self.submission = submission
        self.startUrl = startUrl
    }

    enum CodingKeys: String, CodingKey {
        case submission
        case startUrl = "start_url"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(submission, forKey: .submission)
        try container.encodeNullable(startUrl, forKey: .startUrl)
    }
}

/// `#/components/schemas/MessageData`: what a message is about; each null when not given.
public struct WireMessageData: Codable, Hashable, Sendable {
    public var studyId: String?
    public var category: String?

    public init(studyId: String? = nil, category: String? = nil) {
        self.studyId = studyId
        self.category = category
    }

    enum CodingKeys: String, CodingKey {
        case category
        case studyId = "study_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNullable(studyId, forKey: .studyId)
        try container.encodeNullable(category, forKey: .category)
    }
}
