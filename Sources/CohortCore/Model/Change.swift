/// What an update does to one field: leave it, or set it (possibly to nil, clearing it).
public enum Change<Value: Sendable & Hashable>: Sendable, Hashable {
    case keep
    case set(Value)

    /// `current` after this change.
    public func applied(to current: Value) -> Value {
        if case .set(let value) = self { return value }
        return current
    }
}
