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

extension PageRequest {
    /// Prolific's `page` (from 1) and `page_size` (20 when only `page` is given), or the Go
    /// CLI's `limit` and `offset`; not both kinds at once.
    public init(page: Int?, pageSize: Int?, limit: Int?, offset: Int?) throws(CohortError) {
        guard page != nil || pageSize != nil else {
            try self.init(limit: limit, offset: offset)
            return
        }
        var errors = FieldErrors()
        if limit != nil || offset != nil { errors.add("page", "Give page and page_size, or limit and offset, not both.") }
        if let page, page < 1 { errors.add("page", "Ensure this value is greater than or equal to 1.") }
        if let pageSize, pageSize < 1 { errors.add("page_size", "Ensure this value is greater than or equal to 1.") }
        try errors.throwIfAny()
        let size = pageSize ?? Self.defaultPageSize
        let index = (page ?? 1) - 1
        let (offset, overflow) = index.multipliedReportingOverflow(by: size)
        guard !overflow, offset <= Self.maximum else { throw CohortError.invalid("page", "Invalid page.") }
        try self.init(limit: size, offset: offset)
    }

    /// Prolific's `page_size` when a `page` comes without one.
    public static let defaultPageSize = 20
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
