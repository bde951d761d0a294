/// A study's submissions as the study counts them: how many are in each status, and the fixed
/// screen-out slots used. Kept on the study and moved in the same transaction as each
/// submission, so that its counts and status never need every submission read.
public struct SubmissionTally: Codable, Hashable, Sendable {
    /// By ``SubmissionStatus`` raw value.
    public private(set) var byStatus: [String: Int]
    public var screenOutsUsed: Int

    public init(byStatus: [String: Int] = [:], screenOutsUsed: Int = 0) {
        self.byStatus = byStatus
        self.screenOutsUsed = screenOutsUsed
    }

    public func count(_ status: SubmissionStatus) -> Int { byStatus[status.rawValue] ?? 0 }

    /// Every submission ever made in the study.
    public var total: Int { byStatus.values.reduce(0, +) }

    /// Places held: every submission but the returned, timed-out and rejected ones (``SubmissionStatus/holdsPlace``).
    public var placesTaken: Int { SubmissionStatus.allCases.filter(\.holdsPlace).reduce(0) { $0 + count($1) } }

    /// Submissions whose participant is still taking part.
    public var inProgress: Int { count(.reserved) + count(.active) }

    /// A submission moved from one status to another; `nil` for a new one.
    public mutating func move(from old: SubmissionStatus?, to new: SubmissionStatus) {
        if let old { byStatus[old.rawValue, default: 0] -= 1 }
        byStatus[new.rawValue, default: 0] += 1
    }
}
