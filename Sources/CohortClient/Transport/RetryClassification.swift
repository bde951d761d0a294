import HTTPTypes

/// Which requests may be sent again when their outcome is unknown (the connection broke, or the
/// server answered 504): those that leave the same state however often they run. Decided from the
/// method, as HTTP defines it, plus the POST and PATCH operations that are idempotent all the
/// same. A test classifies every operation in `openapi.yaml`, so a new POST or PATCH cannot be
/// added without deciding here.
public enum RetryClassification {
    /// RFC 9110, 9.2.2: repeating these changes nothing more than sending them once.
    public static let idempotentMethods: Set<HTTPRequest.Method> = [.get, .head, .options, .put, .delete]

    /// POST and PATCH operations that may be repeated: set operations and updates that write
    /// the values they are given.
    public static let repeatable: Set<String> = [
        "add-to-participant-group", "update-participant-group", "update-workspace", "update-project",
        // Absolute values (`total_available_places: N`), and answers computed from the body alone.
        "update-study", "calculate-study-cost", "post-study-predicted-recruitment-time",
        // The state after is the start-up state, or the file's, however often they run.
        "reset-sandbox", "seed-sandbox",
        // Marking a message read twice leaves it read.
        "read-sandbox-message",
    ]

    /// POST and PATCH operations that must not be repeated: each call makes something new.
    public static let notRepeatable: Set<String> = [
        "create-participant-group", "create-workspace", "create-project", "create-test-participant-for-researcher",
        "create-study", "duplicate-study",
        // A second PUBLISH of a study the first one published is refused (400): the caller would
        // be told the publish failed.
        "publish-study",
        // An advance moves the clock again each time.
        "set-sandbox-clock",
        // Each call adds another rule.
        "add-sandbox-fault",
        // Transitions pay, messages are sent again, bonuses are paid again (the document: not
        // idempotent), and each set-up, take or test study makes a new one.
        "transition-submission", "request-submission-return", "bulk-approve-submissions", "create-bonus-payments",
        "pay-bonus-payments", "send-message", "bulk-message-participants", "send-message-to-participant-group",
        "create-test-study",
        "make-sandbox-participants", "take-sandbox-place", "complete-sandbox-submission", "return-sandbox-submission",
        "send-sandbox-participant-message",
    ]

    public static func isRepeatable(_ method: HTTPRequest.Method, operationID: String) -> Bool {
        idempotentMethods.contains(method) || repeatable.contains(operationID)
    }
}
