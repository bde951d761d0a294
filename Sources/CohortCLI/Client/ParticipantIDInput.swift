import ArgumentParser
import CohortCore
import Foundation

/// Participant ids given as arguments or with `--file`, checked before anything is sent.
struct ParticipantIDInput: ParsableArguments {
    @Argument(help: "Participant ids (24 lowercase hexadecimal characters each).")
    var ids: [String] = []

    @Option(
        help: ArgumentHelp(
            "A file of participant ids: one a line, or a CSV with a participant_id column; - reads standard input.",
            discussion: "Blank lines and a header line are skipped.",
            valueName: "path"))
    var file: String?

    /// Whether any ids were given, as arguments or as a file (which may hold none).
    var isGiven: Bool { !ids.isEmpty || file != nil }

    /// For the commands that need ids: `--file` with an empty file is fine, nothing at all is not.
    func require() throws {
        guard isGiven else { throw ValidationError("Give participant ids as arguments or with --file.") }
    }

    func validate() throws {
        if !ids.isEmpty, file != nil {
            throw ValidationError("Give participant ids as arguments or with --file, not both.")
        }
    }

    /// The ids, each once, in the order given. Every invalid one is reported, with its line or
    /// argument position, in one error: fixing a file one complaint at a time is no fun.
    func load() throws -> [String] {
        let entries: [ParticipantIDList.Entry]
        let source: String
        if let file {
            source = file == "-" ? "standard input" : file
            entries = try ParticipantIDList.entries(csv: try InputText.read(file))
        } else {
            source = "the arguments"
            entries = ids.enumerated().map { .init(location: "argument \($0.offset + 1)", text: $0.element) }
        }
        return try ParticipantIDList.validated(entries, source: source)
    }
}
