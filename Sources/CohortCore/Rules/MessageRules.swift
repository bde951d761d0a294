/// What messages say and where they may go (lifecycle.md §3.6).
public enum MessageRules {
    /// The longest body accepted, in characters.
    public static let maximumBody = 10_000
    /// `excluded_sender_ids` takes at most this many ids.
    public static let maximumExcluded = 10
    /// `get-messages` "can only fetch up to the last 30 days of messages".
    public static let maximumAgeSeconds: Int64 = 30 * 24 * 3600

    public static let categories = ["payment-timing", "payment-issues", "technical-issues", "feedback", "rejections", "other"]

    /// The body as sent, or a 400: blank and over-long bodies are refused.
    public static func body(_ text: String?) throws(CohortError) -> String {
        guard let text, !text.trimmingWhitespace().isEmpty else {
            throw CohortError.invalid("body", "This field may not be blank.")
        }
        guard text.count <= maximumBody else {
            throw CohortError.invalid("body", "Ensure this field has no more than \(maximumBody) characters.")
        }
        return text
    }

    /// The message a return request sends: Prolific "constructs a message around the reasons
    /// provided".
    public static func returnRequest(reasons: [String], submission: Submission, from sender: String, at now: Timestamp) -> Message {
        let body =
            "The researcher has asked you to return your submission to this study, for the following reason(s): "
            + reasons.joined(separator: "; ") + ". Please return it from your submissions page."
        return Message(
            id: .generate(), workspaceID: submission.workspaceID, createdAt: now, senderID: sender,
            recipientID: submission.participantID.hex, body: body, studyID: submission.studyID)
    }

    /// The message a rejection sends: the researcher's own words.
    public static func rejection(_ text: String, submission: Submission, from sender: String, at now: Timestamp) -> Message {
        Message(
            id: .generate(), workspaceID: submission.workspaceID, createdAt: now, senderID: sender,
            recipientID: submission.participantID.hex, body: text, studyID: submission.studyID)
    }

    /// `request_return_reasons`: at least one, none blank.
    public static func returnReasons(_ reasons: [String]?) throws(CohortError) -> [String] {
        guard let reasons, !reasons.isEmpty else {
            throw CohortError.invalid("request_return_reasons", "Give at least one reason.")
        }
        guard reasons.allSatisfy({ !$0.trimmingWhitespace().isEmpty }) else {
            throw CohortError.invalid("request_return_reasons", "A reason may not be blank.")
        }
        return reasons
    }
}
