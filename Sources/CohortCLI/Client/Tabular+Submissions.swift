import CohortClient

/// `participant_id` first after the id, so that a list in CSV can be given back to `--file`.
extension SubmissionSummary: Tabular {
    static let columns = ["id", "participant_id", "status", "started_at", "completed_at", "study_code", "return_requested"]

    var cells: [String] {
        [id, participantId, status.rawValue, startedAt, completedAt ?? "", studyCode ?? "", returnRequested ?? ""]
    }
}

extension SubmissionDetail: Tabular {
    static let columns = [
        "id", "study_id", "participant", "status", "started_at", "completed_at", "entered_code", "bonus_payments",
        "return_requested",
    ]

    var cells: [String] {
        [
            id, studyId, participant, status.rawValue, startedAt, completedAt ?? "", enteredCode ?? "",
            bonusPayments.map(String.init).joined(separator: " "), returnRequested ?? "",
        ]
    }
}

extension Submission: Tabular {
    static let columns = ["id", "study_id", "participant", "status", "started_at", "completed_at", "entered_code"]

    var cells: [String] { [id, studyId, participant, status.rawValue, startedAt, completedAt ?? "", enteredCode ?? ""] }
}

extension BulkBonus: Tabular {
    static let columns = ["id", "study", "amount", "fees", "vat", "total_amount"]

    var cells: [String] { [id, study, String(amount), String(fees), String(vat), String(totalAmount)] }
}

extension Message: Tabular {
    static let columns = ["id", "sender_id", "sent_at", "study_id", "body"]

    var cells: [String] { [id, senderId, sentAt, data.studyId ?? "", body] }
}
