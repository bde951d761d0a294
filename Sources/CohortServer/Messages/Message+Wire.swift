import CohortAPI
import CohortCore

extension Components.Schemas.Message {
    init(_ message: CohortCore.Message) {
        self.init(
            id: message.id.hex, senderId: message.senderID, body: message.body, sentAt: message.createdAt.rfc3339,
            _type: .message, channelId: message.channelID,
            data: .init(studyId: message.studyID?.hex, category: message.category))
    }
}

extension Components.Schemas.SandboxMessage {
    init(_ message: CohortCore.Message) {
        self.init(
            id: message.id.hex, senderId: message.senderID, recipientId: message.recipientID, body: message.body,
            sentAt: message.createdAt.rfc3339, _type: .message, channelId: message.channelID,
            data: .init(studyId: message.studyID?.hex, category: message.category), read: message.readAt != nil)
    }
}
