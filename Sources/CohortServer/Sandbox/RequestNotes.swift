import Synchronization

/// What the layers inside a sandbox request tell the journal about it: who called, the body
/// they sent, the fault applied. Set by ``JournalMiddleware`` for the request's task.
final class RequestNotes: Sendable {
    struct Notes {
        var researcherID: String?
        var body: String?
        var bodyTruncated = false
        var fault: String?
    }

    private let notes = Mutex(Notes())

    @TaskLocal static var current: RequestNotes?

    var value: Notes { notes.withLock { $0 } }

    func update(_ change: (inout Notes) -> Void) {
        notes.withLock { change(&$0) }
    }
}
