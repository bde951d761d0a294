import Foundation

/// Writes a command's result on standard output in the chosen format.
struct Printer {
    let format: OutputFormat

    /// One object: JSON's object, a CSV header and row, or a table of fields and values.
    func print<Value: Tabular>(_ value: Value) throws {
        switch format {
        case .json: try write(Self.json(value))
        case .csv: write(Self.csv([value]))
        case .table: write(Self.fieldTable(value))
        }
    }

    /// A list: a JSON array, a CSV header and rows, or a table with a header row.
    func print<Value: Tabular>(_ values: [Value]) throws {
        switch format {
        case .json: try write(Self.json(values))
        case .csv: write(Self.csv(values))
        case .table: write(Self.table(header: Value.columns, rows: values.map(\.cells)))
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// The API's JSON, made readable: indented, keys sorted, `/` left alone.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func csv<Value: Tabular>(_ values: [Value]) -> String {
        ([CSV.line(Value.columns)] + values.map { CSV.line($0.cells) }).joined(separator: "\n")
    }

    /// Columns padded to their widest cell; line breaks inside a cell shown as spaces.
    static func table(header: [String], rows: [[String]]) -> String {
        let rows = ([header] + rows).map { $0.map(Self.oneLine) }
        var widths = header.map { _ in 0 }
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.rightPadded(to: widths[index])
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }

    /// One object as a column of field names and a column of values.
    static func fieldTable<Value: Tabular>(_ value: Value) -> String {
        let width = Value.columns.map(\.count).max() ?? 0
        return zip(Value.columns, value.cells).map { name, cell in
            (name.rightPadded(to: width) + "  " + oneLine(cell)).trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }

    private static func oneLine(_ cell: String) -> String {
        cell.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
