import CohortAPI
import Foundation
import NIOCore

/// A participant group's JSON, written by hand for the busiest read there is (`GET` a group):
/// Foundation's encoder spent half of that request building and sorting a tree of nine values
/// (docs/performance.md). The bytes are those the generated encoder writes for
/// ``WireParticipantGroup``, keys sorted; a test holds the two to each other.
enum ParticipantGroupJSON {
    /// The group's JSON. Feeder studies are left to the encoder, whole group and all.
    static func bytes(_ group: WireParticipantGroup) throws -> ByteBuffer {
        guard group.feederStudies.isEmpty else { return ByteBuffer(bytes: try encoder.encode(group)) }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(256)
        write(group, into: &buffer)
        return buffer
    }

    /// The generated server's encoder settings (CohortApplication).
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static func write(_ group: WireParticipantGroup, into buffer: inout ByteBuffer) {
        buffer.writeStaticString(#"{"description":"#)
        JSONText.write(group.description, into: &buffer)
        buffer.writeStaticString(#","feeder_studies":[],"id":"#)
        JSONText.write(group.id, into: &buffer)
        buffer.writeStaticString(#","is_deleted":"#)
        buffer.writeStaticString(group.isDeleted ? "true" : "false")
        buffer.writeStaticString(#","name":"#)
        JSONText.write(group.name, into: &buffer)
        buffer.writeStaticString(#","organisation_id":"#)
        JSONText.write(group.organisationId, into: &buffer)
        buffer.writeStaticString(#","participant_count":"#)
        buffer.writeString(String(group.participantCount))
        buffer.writeStaticString(#","project_id":"#)
        JSONText.write(group.projectId, into: &buffer)
        buffer.writeStaticString(#","workspace_id":"#)
        JSONText.write(group.workspaceId, into: &buffer)
        buffer.writeStaticString("}")
    }
}
