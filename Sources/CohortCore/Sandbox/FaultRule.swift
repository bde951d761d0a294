/// A sandbox fault rule (`POST /_cohort/faults`): requests it matches are answered with an error
/// status, delayed, or have their connection dropped, with a probability, until a count runs out.
public struct FaultRule: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        /// An `operationId` of Cohort's (and Prolific's) document.
        case operation(String)
        case path(PathPattern)
    }

    public let id: String
    public let target: Target
    /// Upper case; `nil`: any method.
    public let method: String?
    /// An error status (400 to 599), answered in Prolific's envelope.
    public let status: Int?
    /// Added before the request is answered (or dropped).
    public let latencyMilliseconds: Int
    /// Closes the connection without an answer.
    public let drop: Bool
    /// In (0, 1]; 1 fires every time without a draw.
    public let probability: Double
    /// How many times it fires before it goes; `nil`: until removed.
    public let count: Int?
    /// How many times it may still fire; `nil`: until removed.
    public internal(set) var remaining: Int?
    /// How many times it has fired.
    public internal(set) var fired: Int = 0

    /// The longest latency a rule may add: a minute.
    public static let maximumLatencyMilliseconds = 60_000
}

/// A fault rule as asked for, checked into a ``FaultRule`` by ``make(id:knownOperations:)``.
public struct FaultDraft: Sendable {
    public var operationID: String?
    public var path: String?
    public var method: String?
    public var status: Int?
    public var latencyMilliseconds: Int?
    public var drop: Bool?
    public var probability: Double?
    public var count: Int?

    public init(
        operationID: String? = nil, path: String? = nil, method: String? = nil, status: Int? = nil,
        latencyMilliseconds: Int? = nil, drop: Bool? = nil, probability: Double? = nil, count: Int? = nil
    ) {
        self.operationID = operationID
        self.path = path
        self.method = method
        self.status = status
        self.latencyMilliseconds = latencyMilliseconds
        self.drop = drop
        self.probability = probability
        self.count = count
    }

    /// The rule, or every field that is wrong.
    public func make(id: String, knownOperations: Set<String>) throws(CohortError) -> FaultRule {
        var errors = FieldErrors()
        var target: FaultRule.Target?
        switch (operationID, path) {
        case (let operation?, nil):
            if knownOperations.contains(operation) {
                target = .operation(operation)
            } else {
                errors.add("operation_id", "'\(operation)' is no operation of this server's openapi.yaml.")
            }
        case (nil, let path?):
            if let pattern = PathPattern(path) {
                target = .path(pattern)
            } else {
                errors.add("path", "Give a path starting with /, with * for one segment and ** (last) for the rest.")
            }
        default:
            errors.add("operation_id", "Give exactly one of operation_id and path.")
        }
        let method = method?.uppercased()
        if let method, !Self.methods.contains(method) {
            errors.add("method", "'\(method)' is not one of \(Self.methods.sorted().joined(separator: ", ")).")
        }
        if let status, !(400...599).contains(status) { errors.add("status", "Give an error status, 400 to 599.") }
        let latency = latencyMilliseconds ?? 0
        if !(0...FaultRule.maximumLatencyMilliseconds).contains(latency) {
            errors.add("latency_ms", "Give 0 to \(FaultRule.maximumLatencyMilliseconds) milliseconds.")
        }
        let drop = drop ?? false
        if drop, status != nil { errors.add("drop", "A dropped connection has no status: give one of status and drop.") }
        if status == nil, !drop, latency == 0 {
            errors.add("status", "Give a status, a latency_ms or drop: a rule must do something.")
        }
        let probability = probability ?? 1
        if !(probability > 0 && probability <= 1) { errors.add("probability", "Give a probability above 0, at most 1.") }
        if let count, count < 1 { errors.add("count", "Give a count of 1 or more, or leave it out for no limit.") }
        try errors.throwIfAny()
        guard let target else { throw CohortError(.invalidInput, "Give exactly one of operation_id and path.") }
        return FaultRule(
            id: id, target: target, method: method, status: status, latencyMilliseconds: latency, drop: drop,
            probability: probability, count: count, remaining: count)
    }

    static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
}
