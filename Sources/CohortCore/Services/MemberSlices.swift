/// A group's membership read slice by slice, in order, so that a million members can be sent
/// while only one slice is in memory. Each slice is its own short read, continuing after the
/// previous slice's last member: members who join meanwhile come at the end, members who leave
/// meanwhile are not sent twice or skipped past.
public struct MemberSlices: AsyncSequence, Sendable {
    public typealias Element = [Membership]
    public typealias Failure = any Error

    /// The group's member count when the listing was opened.
    public let participantCount: Int
    let first: [Membership]
    /// At most this many members in all (the request's `limit`); nil for all of them.
    let limit: Int?
    let sliceSize: Int
    let fetch: @Sendable (_ after: MemberCursor, _ limit: Int) async throws -> [Membership]

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(slices: self, pending: first, remaining: limit.map { $0 - first.count })
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let slices: MemberSlices
        var pending: [Membership]?
        var remaining: Int?
        var cursor: MemberCursor?
        var finished = false

        public mutating func next() async throws -> [Membership]? {
            if let slice = pending {
                pending = nil
                return deliver(slice, asked: slices.limit.map { Swift.min($0, slices.sliceSize) } ?? slices.sliceSize)
            }
            guard !finished, let cursor else { return nil }
            let asked = remaining.map { Swift.min($0, slices.sliceSize) } ?? slices.sliceSize
            guard asked > 0 else { return nil }
            let slice = try await slices.fetch(cursor, asked)
            remaining = remaining.map { $0 - slice.count }
            return deliver(slice, asked: asked)
        }

        private mutating func deliver(_ slice: [Membership], asked: Int) -> [Membership]? {
            if slice.count < asked || remaining == 0 { finished = true }
            guard let last = slice.last else { return nil }
            cursor = MemberCursor(after: last)
            return slice
        }
    }

    /// Whether any member follows `cursor`: whether a page that ended there has a next one.
    public func hasMembers(after cursor: MemberCursor) async throws -> Bool {
        try await !fetch(cursor, 1).isEmpty
    }
}

extension ParticipantGroups {
    /// Opens a listing of the members: from `offset`, or after `cursor`, at most `limit`. The
    /// first slice is read here, so that an unknown group fails before anything is sent.
    public func memberSlices(
        _ rawID: String, after cursor: MemberCursor?, offset: Int, limit: Int?, sliceSize: Int = 5_000,
        caller: Researcher
    ) async throws -> MemberSlices {
        let id = try GroupID.parse(rawID)
        let first = limit.map { min($0, sliceSize) } ?? sliceSize
        guard let opened = try await store.memberSlice(of: id, after: cursor, offset: offset, limit: first, visibleTo: caller.id)
        else { throw CohortError.notFound("Participant group", rawID) }
        let store = self.store
        return MemberSlices(
            participantCount: opened.participantCount, first: opened.members, limit: limit, sliceSize: sliceSize,
            fetch: { cursor, limit in
                try await store.memberSlice(of: id, after: cursor, offset: 0, limit: limit, visibleTo: caller.id)?.members ?? []
            })
    }
}
