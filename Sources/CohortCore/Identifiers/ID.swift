/// An id of one kind of entity: an ``ObjectID`` that the compiler keeps apart from ids of other
/// kinds, so a workspace id cannot be passed where a group id is expected.
public struct ID<Entity>: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let objectID: ObjectID

    public init(_ objectID: ObjectID) {
        self.objectID = objectID
    }

    /// Parses `text`; `nil` unless it is a well-formed ``ObjectID``.
    public init?(_ text: some StringProtocol) {
        self.init(String(text))
    }

    /// Parses `text`, as above, without generic code across modules.
    public init?(_ text: String) {
        guard let objectID = ObjectID(text) else { return nil }
        self.objectID = objectID
    }

    /// A new id. Ids sort by the second they were made in; within a second, by a counter that
    /// wraps, so creation order is kept by the stores, not read from ids.
    public static func generate() -> ID { ID(ObjectID.generate()) }

    public var hex: String { objectID.hex }
    public var description: String { objectID.hex }

    public static func < (lhs: ID, rhs: ID) -> Bool { lhs.objectID < rhs.objectID }
}

public typealias GroupID = ID<ParticipantGroup>
public typealias WorkspaceID = ID<Workspace>
public typealias ProjectID = ID<Project>
public typealias OrganisationID = ID<Organisation>
public typealias ResearcherID = ID<Researcher>
public typealias ParticipantID = ID<Participant>
