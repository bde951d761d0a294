extension KeyedEncodingContainer {
    /// Writes `value`, or `null` when it is nil: Prolific's responses carry every field,
    /// where synthesized `Codable` would leave a nil field out.
    mutating func encodeNullable<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}
