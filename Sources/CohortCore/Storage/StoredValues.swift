/// A stored value that is not what the schema promises: the database was changed outside Cohort.
/// Stores throw it rather than trap, and the server answers 500 and logs it.
public struct CorruptRow: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) {
        self.description = description
    }
}

extension ID {
    /// An id read back from a database, where only well-formed ids are ever written.
    public init(stored text: String) throws {
        guard let id = ID(text) else { throw CorruptRow(description: "malformed id '\(text)' in the database") }
        self = id
    }
}

extension TokenDigest {
    /// The digest as stores keep it: 64 lowercase hex characters.
    public var hex: String { Hex.encode(bytes) }

    /// A digest read back from a database.
    public init(storedHex text: String) throws {
        let utf8 = Array(text.utf8)
        guard utf8.count == 64 else { throw CorruptRow(description: "a token digest is not 64 hex characters") }
        self.init(
            try stride(from: 0, to: utf8.count, by: 2).map { index in
                guard let byte = UInt8(String(decoding: utf8[index..<index + 2], as: UTF8.self), radix: 16) else {
                    throw CorruptRow(description: "a token digest is not hex")
                }
                return byte
            })
    }
}

extension ParticipantGroup {
    /// A group from its stored columns, as every store keeps them: a group belongs to a workspace
    /// or, failing that, to an organisation.
    public init(
        storedID id: String, name: String, description: String?, workspaceID: String?, organisationID: String?,
        projectID: String?, participantCount: Int, isDeleted: Bool, createdAt: Int64
    ) throws {
        let owner: Owner
        if let workspaceID {
            owner = .workspace(try WorkspaceID(stored: workspaceID))
        } else if let organisationID {
            owner = .organisation(try OrganisationID(stored: organisationID))
        } else {
            throw CorruptRow(description: "group \(id) has neither a workspace nor an organisation")
        }
        self.init(
            id: try GroupID(stored: id), name: name, description: description, owner: owner,
            projectID: try projectID.map { try ProjectID(stored: $0) }, participantCount: participantCount,
            isDeleted: isDeleted, createdAt: Timestamp(secondsSince1970: createdAt))
    }
}
