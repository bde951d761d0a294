/// An entity whose ids clients send: what its name is in an error, so that every id is parsed
/// and every miss reported the same way, on the id type (`GroupID.parse(text)`).
public protocol NamedEntity {
    /// How an error names it: "Participant group 'x' was not found."
    static var entityName: String { get }
}

extension ID where Entity: NamedEntity {
    /// The id in a path, a query or a reference. Text that cannot be an id names nothing that
    /// exists, so it is simply not found (404), as Prolific answers.
    public static func parse(_ text: String) throws(CohortError) -> ID {
        guard let id = ID(text) else { throw notFound(text) }
        return id
    }

    /// What answers for a missing entity and for another tenant's entity alike.
    public static func notFound(_ text: String) -> CohortError {
        CohortError.notFound(Entity.entityName, text)
    }

    public var notFound: CohortError { Self.notFound(hex) }
}

extension ParticipantGroup: NamedEntity { public static let entityName = "Participant group" }
extension Workspace: NamedEntity { public static let entityName = "Workspace" }
extension Project: NamedEntity { public static let entityName = "Project" }
extension Organisation: NamedEntity { public static let entityName = "Organisation" }
extension Researcher: NamedEntity { public static let entityName = "Researcher" }
extension Participant: NamedEntity { public static let entityName = "Participant" }
