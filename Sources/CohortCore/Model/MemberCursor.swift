/// A position in a group's membership, for keyset paging: the members after it come next.
///
/// Members are ordered by when they joined, then by participant id, so the last member of a page
/// pins where the next page starts, however deep, at the cost of one index seek. Clients see it
/// as an opaque `after` token.
public struct MemberCursor: Hashable, Sendable {
    public let addedAt: Timestamp
    public let participantID: ParticipantID

    public init(addedAt: Timestamp, participantID: ParticipantID) {
        self.addedAt = addedAt
        self.participantID = participantID
    }

    public init(after membership: Membership) {
        self.init(addedAt: membership.addedAt, participantID: membership.participantID)
    }

    /// `m1.<seconds>.<participant id>` in base64url: opaque to clients, versioned for us.
    public var token: String {
        Base64URL.encode(Array("m1.\(addedAt.secondsSince1970).\(participantID.hex)".utf8))
    }

    /// Reads a token made by ``token``; anything else is a 400 naming the `after` parameter.
    public init(token: String) throws(CohortError) {
        let invalid = CohortError.invalid("after", "Invalid cursor: use the one a previous page's links gave.")
        guard let bytes = Base64URL.decode(token) else { throw invalid }
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: ".")
        guard parts.count == 3, parts[0] == "m1", let seconds = Int64(parts[1]), let participant = ParticipantID(parts[2])
        else { throw invalid }
        self.init(addedAt: Timestamp(secondsSince1970: seconds), participantID: participant)
    }
}
