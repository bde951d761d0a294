import Foundation

/// Messages for the person at the terminal, on standard error so that standard output stays
/// the command's result alone.
enum Diagnostics {
    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
