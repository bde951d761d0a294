import Crypto

/// A message between a researcher and a participant (or another researcher), one per recipient.
/// Kept as a plain resource in the workspace of the study (or group) it is about; either party
/// finds it by the `party` field, and a recipient's unread ones by `unread`.
public struct Message: PlainResource, Hashable {
    public static let recordKind = RecordKind("message")

    public let id: MessageID
    public let workspaceID: WorkspaceID
    /// When it was sent.
    public let createdAt: Timestamp
    public let senderID: String
    public let recipientID: String
    public let body: String
    public let studyID: StudyID?
    /// A participant's own choice of category (`MessageDataCategory`), for messages they send.
    public let category: String?
    /// When the recipient read it.
    public var readAt: Timestamp?

    public init(
        id: MessageID, workspaceID: WorkspaceID, createdAt: Timestamp, senderID: String, recipientID: String, body: String,
        studyID: StudyID?, category: String? = nil
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.createdAt = createdAt
        self.senderID = senderID
        self.recipientID = recipientID
        self.body = body
        self.studyID = studyID
        self.category = category
        self.readAt = nil
    }

    /// The thread it belongs to: the same for both directions between two users (64 hex
    /// characters, as Prolific's example shows).
    public var channelID: String { Self.channel(senderID, recipientID) }

    public static func channel(_ one: String, _ other: String) -> String {
        let pair = [one, other].sorted().joined(separator: ":")
        return SHA256.hash(data: Array(pair.utf8)).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    public var listFields: Set<RecordField> {
        var fields: Set<RecordField> = [RecordField(Self.partyField, senderID), RecordField(Self.partyField, recipientID)]
        if readAt == nil { fields.insert(RecordField(Self.unreadField, recipientID)) }
        return fields
    }

    public static let partyField = "party"
    public static let unreadField = "unread"
}

public typealias MessageID = ID<Message>
extension Message: NamedEntity { public static let entityName = "Message" }
