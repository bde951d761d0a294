import CohortCore
import Foundation

/// Reading participant ids out of a file's text, and checking them.
enum ParticipantIDList {
    struct Entry: Equatable {
        /// "line 3" or "argument 2".
        let location: String
        let text: String
    }

    /// Header names of a participant-id column: `participant_id` as Cohort prints it, as Prolific's
    /// exports spell it ("Participant id"), and the URL parameter studies receive (`PROLIFIC_PID`).
    static let columnNames: Set<String> = ["participant_id", "participant_ids", "participantid", "prolific_pid"]
    /// Also taken for the header of a file with a single column; in a wider CSV `id` may well be
    /// some other id.
    static let singleColumnNames: Set<String> = ["id", "ids", "participant", "participants"]

    static func normalized(_ field: String) -> String {
        field.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    /// The candidate ids of a file: a plain list (one a line), or a CSV whose first line names a
    /// participant-id column. Blank lines and the header are left out; each entry keeps its line.
    static func entries(csv text: String) throws -> [Entry] {
        let records = CSV.records(text).filter { !$0.fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        guard let first = records.first else { return [] }
        let names = first.fields.map(normalized)
        var column: Int?
        if let index = names.firstIndex(where: columnNames.contains) {
            column = index
        } else if names.count == 1, singleColumnNames.contains(names[0]) {
            column = 0
        } else if names.count > 1 {
            throw CommandError("line \(first.line): a CSV file needs a header line naming its participant_id column.")
        }
        let rows = column == nil ? records[...] : records.dropFirst()
        return rows.map { record in
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            let location = "line \(record.line)"
            guard let column else {
                // A plain list has one id a line; a line with more is not an id.
                return Entry(location: location, text: fields.count == 1 ? fields[0] : CSV.line(fields))
            }
            return Entry(location: location, text: column < fields.count ? fields[column] : "")
        }
    }

    /// The ids of `entries`, each once, in order; or an error naming every entry that is not one.
    static func validated(_ entries: [Entry], source: String) throws -> [String] {
        let invalid = entries.filter { !ObjectID.isWellFormed($0.text) }
        guard invalid.isEmpty else {
            let lines = invalid.map { "  \($0.location): \(describe($0.text)) is not a participant id" }
            let count = invalid.count == 1 ? "1 invalid participant id" : "\(invalid.count) invalid participant ids"
            throw CommandError(
                "\(count) in \(source), so nothing was sent (a participant id is 24 lowercase hexadecimal characters):\n"
                    + lines.joined(separator: "\n"))
        }
        var seen = Set<String>()
        return entries.map(\.text).filter { seen.insert($0).inserted }
    }

    private static func describe(_ text: String) -> String {
        if text.isEmpty { return "an empty field" }
        return "'" + (text.count > 40 ? text.prefix(40) + "..." : text) + "'"
    }
}
