/// One step of a group edit, as a store carries it out. ``GroupEdit/operations(on:)`` decides
/// which steps an edit takes and in which order; a store only performs them, and reports the
/// memberships each one added or removed (``changedMembers(_:)`` counts them).
public enum GroupOperation: Hashable, Sendable {
    case rename(String)
    /// `nil` clears the description.
    case describe(String?)
    /// Adds the ids that are not members yet, at the edit's time.
    case addMembers([ParticipantID])
    case removeMembers([ParticipantID])
    /// Removes every member not in the list.
    case keepOnlyMembers([ParticipantID])
    case markDeleted

    /// How the operation moves `participant_count`: +1 or -1 per membership it changed, 0 when it
    /// changes none.
    public var countDirection: Int {
        switch self {
        case .addMembers: 1
        case .removeMembers, .keepOnlyMembers: -1
        case .rename, .describe, .markDeleted: 0
        }
    }

    /// The memberships an edit changed (added plus removed), from the rows each operation changed.
    public static func changedMembers(_ performed: [(GroupOperation, rows: Int)]) -> Int {
        performed.reduce(0) { $0 + ($1.0.countDirection == 0 ? 0 : $1.rows) }
    }
}
