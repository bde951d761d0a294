/// Parsing of participant id lists from requests.
public enum ParticipantIDs {
    /// How many bad entries an error names before it summarises the rest.
    static let reportedLimit = 50

    /// Parses `raw` into ids, dropping repeats (the first occurrence keeps its place).
    ///
    /// Every entry must be 24 lowercase hex characters; otherwise nothing is accepted and the
    /// error's `detail` is `{"participant_ids": [...]}` with one message per bad entry.
    public static func parse(_ raw: [String], field: String = "participant_ids") throws(CohortError) -> [ParticipantID] {
        var ids = [ParticipantID]()
        ids.reserveCapacity(raw.count)
        var seen = Set<ParticipantID>(minimumCapacity: raw.count)
        var problems = [String]()
        var badCount = 0
        for (index, text) in raw.enumerated() {
            guard let id = ParticipantID(text) else {
                badCount += 1
                if problems.count < reportedLimit { problems.append(message(for: text, at: index)) }
                continue
            }
            if badCount == 0, seen.insert(id).inserted { ids.append(id) }
        }
        if badCount > problems.count {
            problems.append("... and \(badCount - problems.count) more invalid participant ids.")
        }
        guard problems.isEmpty else {
            throw CohortError(.invalidParticipantIDs, .fields([field: problems]))
        }
        return ids
    }

    private static func message(for text: String, at index: Int) -> String {
        let shown = text.count > 40 ? String(text.prefix(40)) + "..." : text
        return "Item \(index): '\(shown)' is not a valid participant id (24 lowercase hexadecimal characters)."
    }
}
