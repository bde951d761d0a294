import Foundation

/// RFC 4180 CSV, as spreadsheets and Prolific's exports write it.
enum CSV {
    /// One record and the line it starts on (1-based): a quoted field may span lines.
    struct Record {
        let line: Int
        let fields: [String]
    }

    /// The records of `text`. Fields may be quoted (`"a, b"`, `"say ""hi"""`); lines may end in
    /// `\n` or `\r\n`. An unterminated quote runs to the end of the text.
    static func records(_ text: String) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var characters = text.unicodeScalars.makeIterator()
        var pending = characters.next()

        func endRecord() {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields))
            fields = []
            field = ""
        }

        while let scalar = pending {
            pending = characters.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.unicodeScalars.append("\"")
                        pending = characters.next()
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.allSatisfy(\.isWhitespace):
                field = ""
                quoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\r" where pending == "\n":
                break
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    /// `fields` as one line, quoting those that need it.
    static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",")
    }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
