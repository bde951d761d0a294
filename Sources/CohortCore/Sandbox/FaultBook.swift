import Synchronization

/// The sandbox's fault rules, in the order they were added, and the seeded generator their
/// probabilities draw from: the same seed and the same requests fire the same faults.
public final class FaultBook: Sendable {
    private struct State {
        var rules: [FaultRule] = []
        var generator: SeededGenerator
    }

    private let state: Mutex<State>

    public init(seed: UInt64) {
        state = Mutex(State(generator: SeededGenerator(seed: seed)))
    }

    public func add(_ rule: FaultRule) {
        state.withLock { $0.rules.append(rule) }
    }

    public var rules: [FaultRule] { state.withLock { $0.rules } }

    /// Whether any rule is in force: most requests of a sandbox meet none, and skip the rest.
    public var hasRules: Bool { state.withLock { !$0.rules.isEmpty } }

    /// Whether there was such a rule.
    public func remove(id: String) -> Bool {
        state.withLock { state in
            guard let index = state.rules.firstIndex(where: { $0.id == id }) else { return false }
            state.rules.remove(at: index)
            return true
        }
    }

    public func removeAll() {
        state.withLock { $0.rules.removeAll() }
    }

    /// The first rule, in the order added, that matches the request and fires (a rule below
    /// probability 1 draws once per matching request); its count goes down, and it goes when
    /// the count runs out. `nil`: no fault for this request.
    public func fault(operationID: String?, path: String, method: String) -> FaultRule? {
        fault(operationID: { operationID }, path: path, method: method)
    }

    /// The same, working out which operation the request is only when a rule names one.
    public func fault(operationID: () -> String?, path: String, method: String) -> FaultRule? {
        var operation: String??
        return state.withLock { state in
            for index in state.rules.indices {
                let rule = state.rules[index]
                guard rule.method == nil || rule.method == method else { continue }
                switch rule.target {
                case .operation(let wanted):
                    if operation == nil { operation = .some(operationID()) }
                    guard wanted == operation ?? nil else { continue }
                case .path(let pattern): guard pattern.matches(path) else { continue }
                }
                if rule.probability < 1, state.generator.nextUnitInterval() >= rule.probability { continue }
                state.rules[index].fired += 1
                if let remaining = rule.remaining {
                    state.rules[index].remaining = remaining - 1
                }
                let fired = state.rules[index]
                if fired.remaining == 0 { state.rules.remove(at: index) }
                return fired
            }
            return nil
        }
    }
}
