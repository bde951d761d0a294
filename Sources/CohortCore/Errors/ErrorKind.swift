/// One kind of error a client can get: its stable `error_code`, the HTTP status it is answered
/// with, and a short title.
///
/// The codes are part of the API (clients branch on them) and are listed in
/// `docs/compatibility.md`; never renumber one. A code is the status times 100 plus a serial.
public struct ErrorKind: Hashable, Sendable {
    public let code: Int
    public let status: Int
    public let title: String

    public init(code: Int, status: Int, title: String) {
        self.code = code
        self.status = status
        self.title = title
    }
}

extension ErrorKind {
    /// The body is not JSON (or not the form encoding it claims), or not an object.
    public static let malformedBody = ErrorKind(code: 40001, status: 400, title: "Malformed request body")
    /// A field is missing, of the wrong type, or out of range; `detail` maps fields to messages.
    public static let invalidInput = ErrorKind(code: 40002, status: 400, title: "Invalid input")
    /// Some participant ids are not 24 lowercase hex characters; `detail.participant_ids` names them.
    public static let invalidParticipantIDs = ErrorKind(code: 40003, status: 400, title: "Invalid participant ids")
    /// A list or a create names no scope, or more than one (workspace, project, organisation).
    public static let invalidScope = ErrorKind(code: 40004, status: 400, title: "Invalid scope")
    // 40005 ("Participant group is deleted") is retired: a deleted group takes writes, as on
    // Prolific (DECISIONS.md). It is not given to another kind.
    /// The request itself cannot be read as HTTP/1.1: its request line or a header is malformed
    /// or too large, or the bytes are not HTTP at all. The connection is closed after the answer.
    public static let malformedRequest = ErrorKind(code: 40007, status: 400, title: "Malformed request")
    /// A test participant's email belongs to a participant already.
    public static let emailTaken = ErrorKind(code: 40006, status: 400, title: "Email already registered")
    /// No `Authorization: Token ...` header, or a token nobody has.
    public static let notAuthenticated = ErrorKind(
        code: 40101, status: 401, title: "Authentication credentials were not provided or are not valid")
    /// The request's head or body did not arrive within the server's timeout.
    public static let requestTimeout = ErrorKind(code: 40801, status: 408, title: "Request timeout")
    /// No such resource, or one in a workspace the caller is not in: the two are answered alike.
    public static let notFound = ErrorKind(code: 40401, status: 404, title: "Not found")
    /// The path exists, the method does not.
    public static let methodNotAllowed = ErrorKind(code: 40501, status: 405, title: "Method not allowed")
    /// The body is over the server's limit.
    public static let payloadTooLarge = ErrorKind(code: 41301, status: 413, title: "Request body too large")
    /// The token sent more requests than the server's rate limit allows; `Retry-After` says when
    /// to try again.
    public static let tooManyRequests = ErrorKind(code: 42901, status: 429, title: "Too many requests")
    /// The body's content type is not one the operation reads.
    public static let unsupportedMediaType = ErrorKind(code: 41501, status: 415, title: "Unsupported media type")
    /// A fault of the server's own; never the answer to client input.
    public static let internalError = ErrorKind(code: 50001, status: 500, title: "Internal server error")
    /// The database went away while committing a write and did not come back in time to say
    /// whether the write was saved: read the resource back before retrying (PostgreSQL only).
    public static let outcomeUnknown = ErrorKind(code: 50401, status: 504, title: "Outcome unknown")
    /// The database cannot be reached; the request changed nothing and can be retried.
    public static let serviceUnavailable = ErrorKind(code: 50301, status: 503, title: "Service unavailable")

    /// Every kind above, for documentation and tests.
    public static let all: [ErrorKind] = [
        .malformedBody, .invalidInput, .invalidParticipantIDs, .invalidScope, .emailTaken,
        .malformedRequest, .invalidTransition, .insufficientBalance, .notADraft, .notEligible, .submissionLimit, .notRecruiting, .noPlaceLeft, .notAuthenticated, .notFound, .methodNotAllowed, .notAcceptable, .requestTimeout,
        .payloadTooLarge, .unsupportedMediaType, .tooManyRequests,
        .internalError, .serviceUnavailable, .outcomeUnknown,
    ]
}

extension ErrorKind {
    /// The client asked (`Accept`) for a representation other than JSON.
    public static let notAcceptable = ErrorKind(code: 40601, status: 406, title: "Not acceptable")
}

extension ErrorKind {
    /// A status the sandbox injects (a fault rule, `Prefer: code=`) that no kind above has.
    public static func injected(status: Int) -> ErrorKind {
        ErrorKind(code: status * 100 + 99, status: status, title: "Injected fault")
    }
}

extension ErrorKind {
    /// The action cannot be taken in the study's status; nothing changed.
    public static let invalidTransition = ErrorKind(code: 40010, status: 400, title: "Invalid status transition")
    /// The workspace's available balance does not cover what the study needs reserved.
    public static let insufficientBalance = ErrorKind(code: 40011, status: 400, title: "Insufficient balance")
    /// The resource cannot be changed or removed in its status (a published study).
    public static let notADraft = ErrorKind(code: 40012, status: 400, title: "Study is not a draft")
}

extension ErrorKind {
    /// The participant may not take a place: a filter of the study (a group, custom or previous
    /// studies list) leaves them out.
    public static let notEligible = ErrorKind(code: 40013, status: 400, title: "Participant not eligible")
    /// The participant has as many submissions in the study as it allows, or as many at once.
    public static let submissionLimit = ErrorKind(code: 40014, status: 400, title: "Submission limit reached")
    /// The study is not taking participants in its status (a draft, paused, completed).
    public static let notRecruiting = ErrorKind(code: 40015, status: 400, title: "Study is not recruiting")
    /// Every place of the study is taken.
    public static let noPlaceLeft = ErrorKind(code: 40016, status: 400, title: "No place left")
}
