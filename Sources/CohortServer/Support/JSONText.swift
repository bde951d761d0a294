import NIOCore

/// JSON text written straight into a buffer, for the responses written by hand
/// (``ParticipantGroupJSON``, ``StudyJSON``): the same bytes Foundation's encoder writes with `.sortedKeys` and
/// `.withoutEscapingSlashes`, which the tests compare.
enum JSONText {
    /// A JSON string: quote, backslash and control characters escaped (`\b \f \n \r \t`, others
    /// as `\u00XX`), everything else as its UTF-8.
    static func write(_ text: String, into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 0x08: buffer.writeStaticString("\\b")
                case 0x0C: buffer.writeStaticString("\\f")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                case 0x09: buffer.writeStaticString("\\t")
                default:
                    let digits: StaticString = "0123456789abcdef"
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(digits.utf8Start[Int(byte >> 4)])
                    buffer.writeInteger(digits.utf8Start[Int(byte & 0x0F)])
                }
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    /// A string, or `null`.
    static func write(_ text: String?, into buffer: inout ByteBuffer) {
        if let text { write(text, into: &buffer) } else { buffer.writeStaticString("null") }
    }
}

extension JSONText {
    static func write(_ number: Int, into buffer: inout ByteBuffer) {
        buffer.writeString(String(number))
    }

    static func write(_ number: Int?, into buffer: inout ByteBuffer) {
        if let number { write(number, into: &buffer) } else { buffer.writeStaticString("null") }
    }

    static func write(_ flag: Bool, into buffer: inout ByteBuffer) {
        buffer.writeStaticString(flag ? "true" : "false")
    }

    /// A finite double as Foundation's encoder writes it: Swift's shortest representation, with
    /// a whole number's `.0` left off.
    static func write(_ number: Double, into buffer: inout ByteBuffer) {
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        buffer.writeString(text)
    }

    static func write(_ strings: [String], into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "["))
        for (index, string) in strings.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            write(string, into: &buffer)
        }
        buffer.writeInteger(UInt8(ascii: "]"))
    }

    /// Each element, comma-separated in brackets.
    static func writeArray<Element>(
        _ elements: [Element], into buffer: inout ByteBuffer, _ element: (Element, inout ByteBuffer) throws -> Void
    ) rethrows {
        buffer.writeInteger(UInt8(ascii: "["))
        for (index, value) in elements.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            try element(value, &buffer)
        }
        buffer.writeInteger(UInt8(ascii: "]"))
    }
}
