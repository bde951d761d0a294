/// Which slice of a list to return: Prolific's `limit` and `offset`.
public struct PageRequest: Hashable, Sendable {
    /// At most this many items; `nil` returns every item from `offset` on.
    public let limit: Int?
    public let offset: Int

    public static let everything = PageRequest(uncheckedLimit: nil, offset: 0)

    private init(uncheckedLimit limit: Int?, offset: Int) {
        self.limit = limit
        self.offset = offset
    }

    /// The largest `limit` or `offset` accepted, as `openapi.yaml` declares.
    public static let maximum = Int(Int32.max)

    /// Validates the query values: `limit` from 1, `offset` from 0, both up to ``maximum``.
    public init(limit: Int?, offset: Int?) throws(CohortError) {
        var errors = FieldErrors()
        if let limit, limit < 1 { errors.add("limit", "Ensure this value is greater than or equal to 1.") }
        if let offset, offset < 0 { errors.add("offset", "Ensure this value is greater than or equal to 0.") }
        for (name, value) in [("limit", limit), ("offset", offset)] {
            if let value, value > Self.maximum {
                errors.add(name, "Ensure this value is less than or equal to \(Self.maximum).")
            }
        }
        try errors.throwIfAny()
        self.init(uncheckedLimit: limit, offset: offset ?? 0)
    }
}

/// One page of a list and the number of items over all pages.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let total: Int

    public init(items: [Item], total: Int) {
        self.items = items
        self.total = total
    }
}

extension Page: Equatable where Item: Equatable {}
