import CohortCore

/// A well-formed participant id whose last digits are `number`, so tests can name ids by number.
func participantHex(_ number: Int) -> String {
    let digits = String(number, radix: 16)
    return "5e9b9c9b0f9c9a" + String(repeating: "0", count: 10 - digits.count) + digits
}

/// The parsed form of ``participantHex(_:)``.
func participant(_ number: Int) -> ParticipantID {
    ParticipantID(participantHex(number))!
}

/// A workspace id, project id or organisation id that is well formed, for placement tests.
let workspaceHex = "5e9b9c9b0f9c9a1111111111"
let projectHex = "5e9b9c9b0f9c9a2222222222"
let organisationHex = "5e9b9c9b0f9c9a3333333333"

/// The field messages of an error, or `nil` when its detail is not per-field.
func fieldMessages(_ error: CohortError) -> [String: [String]]? {
    if case .fields(let fields) = error.detail { fields } else { nil }
}
