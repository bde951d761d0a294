/// Bonuses set up for a study's participants (`create-bonus-payments`), paid by
/// `pay-bonus-payments`, every time it is called (the document: "not idempotent").
public struct BulkBonus: PlainResource, Hashable {
    public static let recordKind = RecordKind("bulk_bonus")

    public let id: BulkBonusID
    public let workspaceID: WorkspaceID
    public let createdAt: Timestamp
    public let studyID: StudyID
    /// One per CSV line, in its order.
    public let entries: [Entry]
    /// The amount with the fee and VAT on it, as it will be taken from the wallet.
    public let cost: CostBreakdown
    /// How many times it was paid.
    public var timesPaid: Int

    public struct Entry: Codable, Hashable, Sendable {
        public let submissionID: SubmissionID
        public let cents: Int

        public init(submissionID: SubmissionID, cents: Int) {
            self.submissionID = submissionID
            self.cents = cents
        }
    }

    public init(
        id: BulkBonusID, workspaceID: WorkspaceID, createdAt: Timestamp, studyID: StudyID, entries: [Entry], cost: CostBreakdown
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.createdAt = createdAt
        self.studyID = studyID
        self.entries = entries
        self.cost = cost
        self.timesPaid = 0
    }

    public var listFields: Set<RecordField> { [RecordField(Self.studyField, studyID.hex)] }
    public static let studyField = "study"
}

public typealias BulkBonusID = ID<BulkBonus>
extension BulkBonus: NamedEntity { public static let entityName = "Bulk bonus payment" }
