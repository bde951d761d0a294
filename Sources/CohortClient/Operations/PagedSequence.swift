/// A list that fetches its pages with `limit` and `offset` as it is iterated.
public struct PagedSequence<Element: Sendable>: AsyncSequence, Sendable {
    public typealias Failure = any Error

    /// One page, and whether the server says there is more.
    public struct Page: Sendable {
        public let items: [Element]
        public let hasMore: Bool

        public init(items: [Element], hasMore: Bool) {
            self.items = items
            self.hasMore = hasMore
        }
    }

    let pageSize: Int
    let fetch: @Sendable (_ limit: Int, _ offset: Int) async throws -> Page

    public init(pageSize: Int, fetch: @escaping @Sendable (_ limit: Int, _ offset: Int) async throws -> Page) {
        self.pageSize = Swift.max(1, pageSize)
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(sequence: self)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let sequence: PagedSequence
        var buffer: [Element] = []
        var position = 0
        var offset = 0
        var finished = false

        public mutating func next() async throws -> Element? {
            while position == buffer.count {
                guard !finished else { return nil }
                let page = try await sequence.fetch(sequence.pageSize, offset)
                buffer = page.items
                position = 0
                offset += page.items.count
                finished = !page.hasMore || page.items.isEmpty
            }
            defer { position += 1 }
            return buffer[position]
        }
    }

    /// Every element, fetched page by page.
    public func all() async throws -> [Element] {
        var elements: [Element] = []
        for try await element in self { elements.append(element) }
        return elements
    }

    /// Whether a page is followed by another: the `next` link when the server sends links, else
    /// the count, else a full page.
    static func hasMore(received: Int, limit: Int, offset: Int, total: Int?, nextLink: String??) -> Bool {
        if let nextLink { return nextLink != nil }
        if let total { return offset + received < total }
        return received == limit
    }
}
