import CohortCore

/// Makes a JSON body mean what it means to Prolific's parser before the generated decoder reads it.
///
/// Prolific parses bodies with Python's `json`, where a key given twice in one object takes its
/// last value; Foundation's decoder takes the first. A body with duplicate keys is rewritten with
/// the earlier occurrences removed, so both read the same value. And no store can keep a NUL
/// character (PostgreSQL refuses it in `text`, SQLite's C API cuts the string there), so a string
/// holding one is refused naming its field, with the message Prolific's framework (Django REST
/// framework) gives.
///
/// Malformed JSON is left alone: the decoder reports it, as for any other body.
enum JSONBodyNormaliser {
    /// Deeper than this, the body is left to the decoder, which refuses it.
    static let maximumDepth = 512

    static let nulMessage = "Null characters are not allowed."

    /// The body with earlier duplicates removed, or `nil` when it can be decoded as it is.
    static func normalise(_ body: UnsafeRawBufferPointer) throws(CohortError) -> [UInt8]? {
        var scanner = Scanner(bytes: body)
        do throws(Stop) {
            scanner.skipWhitespace()
            try scanner.value(depth: 0)
        } catch {
            switch error {
            case .malformed: return nil
            case .nul: throw CohortError(.invalidInput, .fields([scanner.fieldName: [nulMessage]]))
            }
        }
        guard !scanner.removals.isEmpty else { return nil }
        return scanner.removingDuplicates()
    }

    private enum Stop: Error {
        case malformed
        case nul
    }


    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var position = 0
        /// Byte ranges of object members that a later member of the same name overrides.
        var removals: [Range<Int>] = []
        /// The keys of the objects the scanner is in, outermost first: the field a NUL is named by.
        var path: [[UInt8]] = []

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        /// The field a NUL was found in, as error details name fields: `name`, or
        /// `participant_ids` with an `Item N: ` prefix left to the message's reader.
        var fieldName: String {
            path.isEmpty ? "non_field_errors" : path.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ".")
        }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(Stop) {
            guard position < bytes.count, depth <= JSONBodyNormaliser.maximumDepth else { throw .malformed }
            switch bytes[position] {
            case UInt8(ascii: "{"): try object(depth: depth + 1)
            case UInt8(ascii: "["): try array(depth: depth + 1)
            case UInt8(ascii: "\""): _ = try string(keepingKey: false)
            default: try scalar()
            }
        }

        /// A number, `true`, `false` or `null`: skipped over; the decoder checks its spelling.
        mutating func scalar() throws(Stop) {
            let start = position
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "E"):
                    position += 1
                default:
                    guard position > start else { throw .malformed }
                    return
                }
            }
            guard position > start else { throw .malformed }
        }

        mutating func object(depth: Int) throws(Stop) {
            position += 1  // {
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return
            }
            var seen = SeenKeys()
            /// Where each member starts: a member's range ends where the next one starts.
            var starts: [Int] = []
            var pending: [Int] = []
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw .malformed }
                let memberStart = position
                starts.append(memberStart)
                path.append([])
                let key = try string(keepingKey: true)
                path[path.count - 1] = key
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw .malformed }
                position += 1
                skipWhitespace()
                try value(depth: depth)
                path.removeLast()
                if let earlier = seen.insert(key, member: starts.count - 1) { pending.append(earlier) }
                skipWhitespace()
                guard position < bytes.count else { throw .malformed }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                guard bytes[position] == UInt8(ascii: "}") else { throw .malformed }
                position += 1
                // An overridden member runs from its key to the next member's key, comma and all;
                // a later member always follows it, so the object stays well formed without it.
                for member in pending { removals.append(starts[member]..<starts[member + 1]) }
                return
            }
        }

        mutating func array(depth: Int) throws(Stop) {
            position += 1  // [
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return
            }
            while true {
                skipWhitespace()
                try value(depth: depth)
                skipWhitespace()
                guard position < bytes.count else { throw .malformed }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                guard bytes[position] == UInt8(ascii: "]") else { throw .malformed }
                position += 1
                return
            }
        }

        /// Reads a string; for a key, returns it decoded (escapes resolved) so that `"a"` and
        /// `"\u0061"` are one key, as they are to Python.
        mutating func string(keepingKey: Bool) throws(Stop) -> [UInt8] {
            position += 1  // "
            if !keepingKey {
                // The usual case, and most of a long id list: no escapes to decode, only the end to
                // find, with a NUL escape or a raw control character on the way.
                var index = position
                let count = bytes.count
                while index < count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") {
                        position = index + 1
                        return []
                    }
                    if byte < 0x20 { throw .malformed }
                    if byte == UInt8(ascii: "\\") {
                        guard index + 1 < count else { throw .malformed }
                        if bytes[index + 1] == UInt8(ascii: "u") {
                            guard index + 6 <= count, let unit = hexUnit(at: index + 2) else { throw .malformed }
                            if unit == 0 { throw .nul }
                            index += 6
                        } else {
                            index += 2
                        }
                        continue
                    }
                    index += 1
                }
                throw .malformed
            }
            let start = position
            var decoded: [UInt8]? = nil
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    defer { position += 1 }
                    guard keepingKey else { return [] }
                    return decoded ?? Array(bytes[start..<position])
                }
                if byte < 0x20 { throw .malformed }
                if byte != UInt8(ascii: "\\") {
                    if keepingKey, decoded != nil { decoded!.append(byte) }
                    position += 1
                    continue
                }
                if keepingKey, decoded == nil { decoded = Array(bytes[start..<position]) }
                guard position + 1 < bytes.count else { throw .malformed }
                let escaped = bytes[position + 1]
                if escaped == UInt8(ascii: "u") {
                    guard position + 6 <= bytes.count, let unit = hexUnit(at: position + 2) else { throw .malformed }
                    if unit == 0 { throw .nul }
                    if keepingKey { Self.appendUTF8(of: unit, to: &decoded!) }
                    position += 6
                } else {
                    if keepingKey { decoded!.append(escaped) }
                    position += 2
                }
            }
            throw .malformed
        }

        func hexUnit(at index: Int) -> UInt32? {
            var value: UInt32 = 0
            for offset in 0..<4 {
                let byte = bytes[index + offset]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            return value
        }

        /// A UTF-16 code unit as bytes that compare equal exactly when the units do: surrogate
        /// halves are kept apart (a pair spelled as escapes and the same character sent as UTF-8
        /// would differ, which no client does).
        static func appendUTF8(of unit: UInt32, to bytes: inout [UInt8]) {
            if unit < 0x80 {
                bytes.append(UInt8(unit))
            } else if unit < 0x800 {
                bytes.append(UInt8(0xC0 | unit >> 6))
                bytes.append(UInt8(0x80 | unit & 0x3F))
            } else {
                bytes.append(UInt8(0xE0 | unit >> 12))
                bytes.append(UInt8(0x80 | unit >> 6 & 0x3F))
                bytes.append(UInt8(0x80 | unit & 0x3F))
            }
        }

        /// The body without the removed ranges; ranges inside a removed range are already gone.
        func removingDuplicates() -> [UInt8] {
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var next = 0
            for range in removals.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= next {
                output.append(contentsOf: bytes[next..<range.lowerBound])
                next = range.upperBound
            }
            output.append(contentsOf: bytes[next...])
            return output
        }
    }

    /// The keys of one object so far, each with the ordinal of its latest member. A short list,
    /// searched in order, for the few keys objects have; a dictionary once there are many.
    private struct SeenKeys {
        private var few: [(key: [UInt8], member: Int)] = []
        private var many: [[UInt8]: Int]? = nil

        /// Records `key` at `member`; returns the earlier member of that name, if there was one.
        mutating func insert(_ key: [UInt8], member: Int) -> Int? {
            if many != nil { return many!.updateValue(member, forKey: key) }
            if let index = few.firstIndex(where: { $0.key == key }) {
                defer { few[index].member = member }
                return few[index].member
            }
            few.append((key, member))
            if few.count > 16 {
                many = Dictionary(few.map { ($0.key, $0.member) }, uniquingKeysWith: { _, last in last })
            }
            return nil
        }
    }
}
