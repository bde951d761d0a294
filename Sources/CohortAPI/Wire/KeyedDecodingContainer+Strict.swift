/// A request field that may be left out, sent as `null`, or sent with a value: three different
/// things in a PATCH, which `Optional` alone cannot tell apart.
public enum PatchField<Value: Sendable & Hashable>: Sendable, Hashable {
    case absent
    case null
    case value(Value)

    /// The value, or nil when absent or null.
    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }
}

extension KeyedDecodingContainer {
    /// Nil when the key is left out; an explicit `null` is an error ("This field may not be null"),
    /// as Prolific answers for a field that is not nullable. Generated types would take it as absent.
    func decodeNonNull<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) {
            throw DecodingError.valueNotFound(
                T.self, .init(codingPath: codingPath + [key], debugDescription: "\(key.stringValue) may not be null."))
        }
        return try decode(T.self, forKey: key)
    }

    func decodePatchField<T: Decodable & Sendable & Hashable>(_ type: T.Type, forKey key: Key) throws -> PatchField<T> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(T.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    mutating func encode<T: Encodable>(_ field: PatchField<T>, forKey key: Key) throws {
        switch field {
        case .absent: break
        case .null: try encodeNil(forKey: key)
        case .value(let value): try encode(value, forKey: key)
        }
    }
}
