import CohortCore
import Foundation
import Synchronization

/// The sandbox of one server process (`--sandbox`): its clock, the state a reset returns to, its
/// fault rules and its request journal. Nothing of it is in the database but the state itself,
/// so several processes on one PostgreSQL database each have their own (docs/sandbox.md).
final class SandboxSession: Sendable {
    let cohort: Cohort
    let clock: SandboxClock
    let faults: FaultBook
    let journal: RequestJournal
    /// Which operation a request is, for fault rules that name one.
    let operations: OperationIndex
    private let startup = Mutex<StateSnapshot?>(nil)

    init(cohort: Cohort, clock: SandboxClock, faults: FaultBook, journal: RequestJournal, operations: OperationIndex) {
        self.cohort = cohort
        self.clock = clock
        self.faults = faults
        self.journal = journal
        self.operations = operations
    }

    /// Loads the state file at `path` as the start-up state (`--seed`); a malformed one stops
    /// the start with what is wrong in it.
    func seed(fromFile path: String) async throws {
        do {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            try await seed(try StateFile.decode(bytes))
        } catch let error as CohortError {
            throw SeedFileError(path: path, reason: error.detail.text)
        } catch let error as CocoaError {
            throw SeedFileError(path: path, reason: error.localizedDescription)
        }
    }

    /// Takes the state as it is now as the one ``reset()`` returns to: once, when the server has
    /// set it up (the bootstrap researcher, or the seed file's state).
    func recordStartupState() async throws {
        let state = try await cohort.snapshots.export()
        startup.withLock { $0 = state }
    }

    /// Back to the start-up state: every table, every fault rule, the journal. The one path
    /// every piece of sandbox state goes through; the clock alone is not rewound.
    func reset() async throws {
        guard let state = startup.withLock({ $0 }) else {
            throw CohortError(.serviceUnavailable, "The server has not finished starting.")
        }
        try await cohort.snapshots.load(state)
        faults.removeAll()
        journal.removeAll()
    }

    /// Replaces the whole state with a seed's; the start-up state a reset returns to stays.
    func seed(_ file: StateFile) async throws {
        try await cohort.snapshots.load(try file.snapshot(now: clock.now()))
    }
}

/// `--seed FILE` could not be loaded.
struct SeedFileError: Error, CustomStringConvertible {
    let path: String
    let reason: String

    var description: String { "the seed file \(path) was not loaded: \(reason)" }
}

extension CohortError.Detail {
    /// Every message, each field's after its name, on one line.
    var text: String {
        switch self {
        case .message(let message): message
        case .messages(let messages): messages.joined(separator: " ")
        case .fields(let fields): fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.joined(separator: " "))" }
            .joined(separator: "; ")
        }
    }
}
