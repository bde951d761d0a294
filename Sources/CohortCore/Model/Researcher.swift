/// A person who calls the API with a token. Each researcher belongs to one organisation and to the
/// workspaces they created or were added to.
public struct Researcher: Hashable, Sendable {
    public let id: ResearcherID
    public var email: String
    public var name: String
    public let organisationID: OrganisationID

    public init(id: ResearcherID, email: String, name: String, organisationID: OrganisationID) {
        self.id = id
        self.email = email
        self.name = name
        self.organisationID = organisationID
    }
}

extension Researcher {
    /// The name as Prolific's user answers it (`first_name`, `last_name`): the first word, and the
    /// rest ("" when the name is one word, as a name made from an email is).
    public var firstAndLastName: (first: String, last: String) {
        let words = name.split(whereSeparator: \.isWhitespace)
        guard let first = words.first else { return ("", "") }
        return (String(first), words.dropFirst().joined(separator: " "))
    }
}

/// An organisation holds workspaces and organisation-level participant groups.
public enum Organisation {}

/// A participant, known here only by id (and by email for test participants).
public enum Participant {}
