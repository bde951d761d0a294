import CohortCore
import NIOCore

/// Writes memberships as JSON straight into a buffer: a million of them go through here for one
/// streamed list, and the generic encoder's per-value work showed there. The output is what the
/// generated `ParticipantGroupMembership` encodes to, keys sorted.
enum MembershipJSON {
    static func append(_ membership: Membership, to buffer: inout ByteBuffer) {
        buffer.writeStaticString(#"{"datetime_created":""#)
        buffer.writeString(membership.addedAt.rfc3339)
        buffer.writeStaticString(#"","participant_id":""#)
        buffer.writeString(membership.participantID.hex)
        buffer.writeStaticString(#""}"#)
    }
}
