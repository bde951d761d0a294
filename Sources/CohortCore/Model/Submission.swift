/// A participant's place in a study, from the moment they take it. Kept as a plain resource in
/// the study's workspace; its status machine is ``SubmissionTransitions``.
public struct Submission: PlainResource, Hashable {
    public static let recordKind = RecordKind("submission")

    public let id: SubmissionID
    public let workspaceID: WorkspaceID
    public let studyID: StudyID
    public let participantID: ParticipantID
    /// When the place was taken.
    public let createdAt: Timestamp
    public var status: SubmissionStatus
    /// When the participant went to the study (a sandbox take starts it at once).
    public var startedAt: Timestamp?
    /// When the participant came back with a code, or without one.
    public var completedAt: Timestamp?
    /// The code the participant came back with; `NOCODE` for none.
    public var enteredCode: String?
    /// When the researcher asked the participant to return the place.
    public var returnRequested: Timestamp?
    /// Cents paid to the participant as bonuses, one entry per payment.
    public var bonusPayments: [Int]
    /// Cents of reward paid (the reward, a screen-out's fixed reward, or a share of it), once the
    /// submission is approved or paid.
    public var rewardPaidCents: Int
    /// When the participant took longer than the study's maximum allowed time.
    public var timedOutAt: Timestamp?

    public init(
        id: SubmissionID, workspaceID: WorkspaceID, studyID: StudyID, participantID: ParticipantID, createdAt: Timestamp,
        status: SubmissionStatus = .active, startedAt: Timestamp? = nil
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.studyID = studyID
        self.participantID = participantID
        self.createdAt = createdAt
        self.status = status
        self.startedAt = startedAt
        self.completedAt = nil
        self.enteredCode = nil
        self.returnRequested = nil
        self.bonusPayments = []
        self.rewardPaidCents = 0
        self.timedOutAt = nil
    }

    /// Lists filter on the study, the participant and the status.
    public var listFields: Set<RecordField> {
        [
            RecordField(Self.studyField, studyID.hex), RecordField(Self.participantField, participantID.hex),
            RecordField(Self.statusField, status.rawValue), Self.inStudy(studyID, status),
        ]
    }

    /// The field that finds a study's submissions in one status with one indexed lookup (its
    /// due deadlines, a bulk approval by participant).
    public static func inStudy(_ study: StudyID, _ status: SubmissionStatus) -> RecordField {
        RecordField(studyStatusField, "\(study.hex) \(status.rawValue)")
    }
    public static let studyStatusField = "study_status"

    public static let studyField = "study"
    public static let participantField = "participant"
    public static let statusField = "status"

    /// The code Prolific records for a participant who came back without one.
    public static let noCode = "NOCODE"
}

public typealias SubmissionID = ID<Submission>
extension Submission: NamedEntity { public static let entityName = "Submission" }

/// Prolific's `SubmissionDetailStatus`, without `UNKNOWN` (nothing is ever in it).
public enum SubmissionStatus: String, Codable, Hashable, Sendable, CaseIterable {
    case reserved = "RESERVED"
    case active = "ACTIVE"
    case awaitingReview = "AWAITING REVIEW"
    case approved = "APPROVED"
    case rejected = "REJECTED"
    case returned = "RETURNED"
    case timedOut = "TIMED-OUT"
    case screenedOut = "SCREENED OUT"
    case partiallyApproved = "PARTIALLY APPROVED"

    /// Whether the submission holds one of the study's places: a returned or timed-out one has
    /// given it back, and a rejected one too, so that the study recruits a replacement (docs/compatibility.md).
    public var holdsPlace: Bool { self != .returned && self != .timedOut && self != .rejected }

    /// Whether the participant is still taking part (a limit on concurrent submissions counts these).
    public var isInProgress: Bool { self == .reserved || self == .active }
}
