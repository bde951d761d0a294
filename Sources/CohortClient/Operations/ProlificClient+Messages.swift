import Foundation

public typealias Message = Components.Schemas.Message

extension ProlificClient {
    /// The caller's messages with another user.
    public func messages(with user: String) async throws -> [Message] {
        try await call { try await client.getMessages(query: .init(userId: user)).ok.body.json.results }
    }

    /// Every message of the caller's since `time` (RFC 3339, at most 30 days back), leaving out
    /// these senders (at most 10).
    public func messages(createdAfter time: String, excludingSenders senders: [String] = []) async throws -> [Message] {
        try await call {
            try await client.getMessages(
                query: .init(
                    createdAfter: time, excludedSenderIds: senders.isEmpty ? nil : senders.joined(separator: ","))
            ).ok.body.json.results
        }
    }

    /// Messages to the caller not yet read.
    public func unreadMessages() async throws -> [Message] {
        try await call { try await client.getUnreadMessages().ok.body.json.results }
    }

    /// Sends a message about one of the caller's studies to a participant or a researcher.
    public func sendMessage(to recipient: String, body: String, study: String) async throws {
        _ = try await call {
            try await client.sendMessage(body: .json(.init(recipientId: recipient, body: body, studyId: study))).noContent
        }
    }

    /// Sends the same message to each of these participants.
    public func sendMessage(toParticipants ids: [String], body: String, study: String) async throws {
        _ = try await call {
            try await client.bulkMessageParticipants(body: .json(.init(ids: ids, body: body, studyId: study))).noContent
        }
    }

    /// Sends the message to each current member of a group.
    public func sendMessage(toGroup group: String, body: String, study: String? = nil) async throws {
        _ = try await call {
            try await client.sendMessageToParticipantGroup(
                body: .json(.init(participantGroupId: group, body: body, studyId: study))
            ).noContent
        }
    }
}
