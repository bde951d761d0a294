import Foundation

/// A text file a command reads, or standard input for `-`: UTF-8, with the byte-order mark Excel
/// writes at the start of a CSV taken off.
enum InputText {
    static func read(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CommandError("Cannot read \(path).")
            }
            data = contents
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw CommandError("\(path == "-" ? "Standard input" : path) is not UTF-8 text.")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }
}
