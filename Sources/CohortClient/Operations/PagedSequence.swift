import Foundation

/// A list that fetches its pages as it is iterated: by `limit` and `offset`, or, where the server
/// links the next page with an `after` cursor (Cohort's members lists), by that cursor.
public struct PagedSequence<Element: Sendable>: AsyncSequence, Sendable {
    public typealias Failure = any Error

    /// One page, whether the server says there is more, and the cursor its `next` link carries.
    public struct Page: Sendable {
        public let items: [Element]
        public let hasMore: Bool
        public let nextAfter: String?

        public init(items: [Element], hasMore: Bool, nextAfter: String? = nil) {
            self.items = items
            self.hasMore = hasMore
            self.nextAfter = nextAfter
        }
    }

    let pageSize: Int
    let fetch: @Sendable (_ limit: Int, _ offset: Int, _ after: String?) async throws -> Page

    public init(
        pageSize: Int, fetch: @escaping @Sendable (_ limit: Int, _ offset: Int, _ after: String?) async throws -> Page
    ) {
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
        var after: String?
        var finished = false

        public mutating func next() async throws -> Element? {
            while position == buffer.count {
                guard !finished else { return nil }
                let page = try await sequence.fetch(sequence.pageSize, offset, after)
                buffer = page.items
                position = 0
                offset += page.items.count
                after = page.nextAfter
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

    /// The `after` parameter of a `next` link, if it has one.
    static func after(in nextLink: String?) -> String? {
        guard let nextLink, let components = URLComponents(string: nextLink) else { return nil }
        return components.queryItems?.first { $0.name == "after" }?.value
    }
}
