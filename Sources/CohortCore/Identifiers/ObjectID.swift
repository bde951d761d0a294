import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A 12-byte identifier written as 24 lowercase hexadecimal characters, the format Prolific uses
/// for every id (a MongoDB ObjectId).
///
/// New ids are laid out as an ObjectId is: 4 bytes of seconds since 1970, 5 random bytes chosen
/// once per process, and a 3-byte counter starting at a random value. Ids sort by the second they
/// were made in; the counter wraps, so within one second they need not sort in creation order.
public struct ObjectID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 24-character lowercase hex form.
    public let hex: String

    /// Parses `text`; `nil` unless it is exactly 24 lowercase hexadecimal characters.
    public init?(_ text: some StringProtocol) {
        self.init(String(text))
    }

    /// Parses `text`, as above. Not generic, so that callers in other modules (stores reading a
    /// million member ids) do not go through unspecialised generic code.
    public init?(_ text: String) {
        guard Self.isWellFormed(text) else { return nil }
        self.hex = text
    }

    private init(trusted hex: String) {
        self.hex = hex
    }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }

    /// Whether `text` is 24 lowercase hexadecimal characters.
    public static func isWellFormed(_ text: some StringProtocol) -> Bool {
        isWellFormed(String(text))
    }

    /// Whether `text` is 24 lowercase hexadecimal characters. Not generic, and over contiguous
    /// bytes: it runs for every id a store reads back.
    public static func isWellFormed(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.count == 24 && bytes.allSatisfy { byte in (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) }
        }
    }

    /// A new id for something created at `date`.
    public static func generate(at date: Date = Date()) -> ObjectID {
        let seconds = UInt32(truncatingIfNeeded: Int64(date.timeIntervalSince1970.rounded(.down)))
        let counter = Generator.shared.next()
        var bytes = [UInt8](repeating: 0, count: 12)
        bytes[0] = UInt8(truncatingIfNeeded: seconds >> 24)
        bytes[1] = UInt8(truncatingIfNeeded: seconds >> 16)
        bytes[2] = UInt8(truncatingIfNeeded: seconds >> 8)
        bytes[3] = UInt8(truncatingIfNeeded: seconds)
        for index in 0..<5 { bytes[4 + index] = Generator.shared.processUnique[index] }
        bytes[9] = UInt8(truncatingIfNeeded: counter >> 16)
        bytes[10] = UInt8(truncatingIfNeeded: counter >> 8)
        bytes[11] = UInt8(truncatingIfNeeded: counter)
        return ObjectID(trusted: Hex.encode(bytes))
    }

    /// Per-process state of the generator: the random middle bytes and the counter.
    private final class Generator: Sendable {
        static let shared = Generator()
        let processUnique: [UInt8] = (0..<5).map { _ in UInt8.random(in: 0...255) }
        private let counter = Mutex<UInt32>(UInt32.random(in: 0..<0x0100_0000))

        func next() -> UInt32 {
            counter.withLock { value in
                value = (value &+ 1) & 0x00FF_FFFF
                return value
            }
        }
    }
}

/// Lowercase hexadecimal encoding.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
