import Crypto

/// A participant's n-th place in a study (n from 0, counting every earlier submission there),
/// inserted in the transaction that takes the place. Its id is derived from the study, the
/// participant and n, so two takes by one participant at once claim the same id and the second
/// insert conflicts: its retry reads their submissions again and meets the per-participant
/// limits. Takes by different participants never touch the same claim.
public struct PlaceClaim: PlainResource, Hashable {
    public static let recordKind = RecordKind("place_claim")

    public let id: PlaceClaimID
    public let workspaceID: WorkspaceID
    public let createdAt: Timestamp
    public let submissionID: SubmissionID

    public init(study: StudyID, participant: ParticipantID, ordinal: Int, submission: SubmissionID, workspaceID: WorkspaceID, at: Timestamp) {
        self.id = Self.id(study: study, participant: participant, ordinal: ordinal)
        self.workspaceID = workspaceID
        self.createdAt = at
        self.submissionID = submission
    }

    /// The first 12 bytes of SHA-256 over the three, as an ObjectId's 24 hex characters.
    static func id(study: StudyID, participant: ParticipantID, ordinal: Int) -> PlaceClaimID {
        let digest = SHA256.hash(data: Array("\(study.hex):\(participant.hex):\(ordinal)".utf8))
        let hex = digest.prefix(12).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        return PlaceClaimID(ObjectID(hex)!)
    }

    public var listFields: Set<RecordField> { [] }
}

public typealias PlaceClaimID = ID<PlaceClaim>
extension PlaceClaim: NamedEntity { public static let entityName = "Place claim" }
