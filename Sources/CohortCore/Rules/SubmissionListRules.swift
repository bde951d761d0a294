/// The filters and orderings of the submission lists (lifecycle.md §3.2, "Lists"), applied to a
/// study's submissions. Pure.
public enum SubmissionListRules {
    /// What `get-submissions` and `get-study-submissions` ask for, as sent.
    public struct Query: Hashable, Sendable {
        public var status: String?
        /// The boolean filters by their query names (`completed`, `returned`, ...), as sent.
        public var flags: [String: String]
        public var submittedFrom: String?
        public var submittedBefore: String?
        public var ordering: String?

        public init(
            status: String? = nil, flags: [String: String] = [:], submittedFrom: String? = nil,
            submittedBefore: String? = nil, ordering: String? = nil
        ) {
            self.status = status
            self.flags = flags
            self.submittedFrom = submittedFrom
            self.submittedBefore = submittedBefore
            self.ordering = ordering
        }
    }

    /// The flags and what each one tests.
    static let flagTests: [String: @Sendable (Submission) -> Bool] = [
        "completed": { $0.completedAt != nil },
        "returned": { $0.status == .returned },
        "awaiting_review": { $0.status == .awaitingReview },
        "approved": { $0.status == .approved },
        "active": { $0.status == .active },
        "timeout": { $0.status == .timedOut },
        "rejected": { $0.status == .rejected },
        "screened_out": { $0.status == .screenedOut },
        "completeoractive": { $0.completedAt != nil || $0.status == .active },
    ]

    public static let flagNames = flagTests.keys.sorted()

    /// The orderings each list takes (without the `-` for descending).
    public static let listOrderings = ["started_at", "submission_reward", "study_name"]
    public static let studyOrderings = ["started_at", "completed_at", "status", "ip", "time_taken", "participant_id", "study_code"]

    /// The submissions that pass every filter, in the order asked for (creation order by
    /// default), or a 400 naming every parameter that is not understood.
    public static func apply(_ query: Query, to submissions: [Submission], orderings: [String]) throws(CohortError) -> [Submission] {
        var errors = FieldErrors()
        var tests: [@Sendable (Submission) -> Bool] = []
        if let raw = query.status {
            let name = raw.uppercased().replacingUnderscores()
            if name == "UNKNOWN" {
                tests.append { _ in false }
            } else if let status = SubmissionStatus(rawValue: name) {
                tests.append { $0.status == status }
            } else {
                errors.add("status", "'\(raw)' is not a submission status.")
            }
        }
        for (name, value) in query.flags.sorted(by: { $0.key < $1.key }) {
            guard let test = flagTests[name] else { continue }
            switch value.lowercased() {
            case "1", "true", "yes", "t": tests.append(test)
            case "0", "false", "no", "f": tests.append { !test($0) }
            default: errors.add(name, "Give 1/true/yes/t or 0/false/no/f.")
            }
        }
        for (name, raw, after) in [("submitted_from", query.submittedFrom, true), ("submitted_before", query.submittedBefore, false)] {
            guard let raw else { continue }
            guard let day = dayStart(raw) else {
                errors.add(name, "Give a date as DD/MM/YYYY, such as 31/12/2024.")
                continue
            }
            if after {
                tests.append { ($0.completedAt.map { $0 >= day }) ?? false }
            } else {
                tests.append { ($0.completedAt.map { $0 < day }) ?? false }
            }
        }
        var key: String?
        var descending = false
        if let ordering = query.ordering, !ordering.isEmpty {
            descending = ordering.hasPrefix("-")
            let name = descending ? String(ordering.dropFirst()) : ordering
            if orderings.contains(name) { key = name } else {
                errors.add("ordering", StudyRules.choiceMessage(ordering, orderings))
            }
        }
        try errors.throwIfAny()
        let kept = submissions.filter { submission in tests.allSatisfy { $0(submission) } }
        guard let key else { return kept }
        let ordered = kept.enumerated().sorted { lhs, rhs in
            let order = compare(lhs.element, rhs.element, by: key)
            if order != 0 { return descending ? order > 0 : order < 0 }
            return lhs.offset < rhs.offset
        }
        return ordered.map(\.element)
    }

    private static func compare(_ lhs: Submission, _ rhs: Submission, by key: String) -> Int {
        func order<T: Comparable>(_ a: T?, _ b: T?) -> Int {
            switch (a, b) {
            case (nil, nil): 0
            case (nil, _): -1
            case (_, nil): 1
            case let (a?, b?): a < b ? -1 : (a == b ? 0 : 1)
            }
        }
        switch key {
        case "started_at": return order(lhs.startedAt ?? lhs.createdAt, rhs.startedAt ?? rhs.createdAt)
        case "completed_at": return order(lhs.completedAt, rhs.completedAt)
        case "status": return order(lhs.status.rawValue, rhs.status.rawValue)
        case "time_taken": return order(timeTaken(lhs), timeTaken(rhs))
        case "participant_id": return order(lhs.participantID.hex, rhs.participantID.hex)
        case "study_code": return order(lhs.enteredCode, rhs.enteredCode)
        default: return 0  // The same for every submission of one study: reward, study name, ip (none kept).
        }
    }

    /// Seconds from start to completion.
    public static func timeTaken(_ submission: Submission) -> Int64? {
        guard let completed = submission.completedAt else { return nil }
        return completed.secondsSince1970 - (submission.startedAt ?? submission.createdAt).secondsSince1970
    }

    /// Midnight UTC at the start of a `DD/MM/YYYY` day.
    static func dayStart(_ text: String) -> Timestamp? {
        let parts = text.split(separator: "/")
        guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4,
            let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day), year >= 1970
        else { return nil }
        return Timestamp(rfc3339: String(format4(year)) + "-" + two(month) + "-" + two(day) + "T00:00:00Z")
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private static func format4(_ value: Int) -> String { String(value) }
}

extension String {
    /// `AWAITING_REVIEW` → `AWAITING REVIEW`; `TIMED-OUT` stays as it is.
    func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
