import Synchronization

/// One request as the sandbox's journal keeps it (`GET /_cohort/requests`). Never a token: the
/// `Authorization` header is not kept, and the query and body are redacted before they get here.
public struct JournalEntry: Hashable, Sendable {
    public let time: Timestamp
    public let method: String
    public let path: String
    /// As sent, without the `?`; empty when there was none.
    public let query: String
    /// The body as text, at most the journal's body limit; `nil` when there was none (or it was
    /// not read, as for a request refused before its body).
    public let body: String?
    public let bodyTruncated: Bool
    /// As the client got it; 0 when the connection was dropped (a fault rule's `drop`).
    public let status: Int
    public let durationMilliseconds: Double
    /// The researcher whose token the request carried, when it was valid.
    public let researcherID: String?
    /// The fault rule applied (its id, or `prefer` for a `Prefer: code=` header).
    public let fault: String?

    public init(
        time: Timestamp, method: String, path: String, query: String, body: String?, bodyTruncated: Bool, status: Int,
        durationMilliseconds: Double, researcherID: String?, fault: String?
    ) {
        self.time = time
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.bodyTruncated = bodyTruncated
        self.status = status
        self.durationMilliseconds = durationMilliseconds
        self.researcherID = researcherID
        self.fault = fault
    }
}

/// Which journal entries a listing wants; each given condition must hold.
public struct JournalFilter: Sendable {
    public var path: PathPattern?
    public var method: String?
    public var status: Int?
    public var since: Timestamp?

    public init(path: PathPattern? = nil, method: String? = nil, status: Int? = nil, since: Timestamp? = nil) {
        self.path = path
        self.method = method
        self.status = status
        self.since = since
    }

    func admits(_ entry: JournalEntry) -> Bool {
        (path?.matches(entry.path) ?? true) && (method.map { $0.uppercased() == entry.method } ?? true)
            && (status.map { $0 == entry.status } ?? true) && (since.map { entry.time >= $0 } ?? true)
    }
}

/// The last `capacity` requests, oldest first: a ring, so that a full journal takes a request
/// in constant time.
public final class RequestJournal: Sendable {
    public let capacity: Int
    private struct Ring {
        var slots: [JournalEntry] = []
        /// Where the oldest entry is, once the ring is full.
        var start = 0
    }

    private let ring = Mutex(Ring())

    public static let defaultCapacity = 1_000
    /// The most of a request's body an entry keeps, in bytes.
    public static let bodyLimit = 64 * 1024

    public init(capacity: Int = defaultCapacity) {
        self.capacity = capacity
    }

    public func append(_ entry: JournalEntry) {
        guard capacity > 0 else { return }
        ring.withLock { ring in
            if ring.slots.count < capacity {
                ring.slots.append(entry)
            } else {
                ring.slots[ring.start] = entry
                ring.start = (ring.start + 1) % capacity
            }
        }
    }

    public func entries(_ filter: JournalFilter = .init()) -> [JournalEntry] {
        ring.withLock { ring in
            (ring.slots[ring.start...] + ring.slots[..<ring.start]).filter(filter.admits)
        }
    }

    public func removeAll() {
        ring.withLock { $0 = Ring() }
    }
}
