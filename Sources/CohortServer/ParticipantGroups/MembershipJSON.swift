import CohortCore
import NIOCore

/// Writes memberships as JSON straight into a buffer: a million of them go through here for one
/// streamed list, and the generic encoder's per-value work showed there. The output is what the
/// generated `ParticipantGroupMembership` encodes to, keys sorted.
struct MembershipJSON {
    /// The last timestamp written: members added in one request share it, so a list of a
    /// million formats a handful of dates rather than a million.
    private var lastSeconds: Int64?
    private var lastText = ""

    mutating func append(_ membership: Membership, to buffer: inout ByteBuffer) {
        let seconds = membership.addedAt.secondsSince1970
        if seconds != lastSeconds {
            lastSeconds = seconds
            lastText = membership.addedAt.rfc3339
        }
        buffer.writeStaticString(#"{"datetime_created":""#)
        buffer.writeString(lastText)
        buffer.writeStaticString(#"","participant_id":""#)
        buffer.writeString(membership.participantID.hex)
        buffer.writeStaticString(#""}"#)
    }
}
