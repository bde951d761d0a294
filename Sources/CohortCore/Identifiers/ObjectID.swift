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
        let (seconds, unique, counter) = Generator.shared.next(
            seconds: UInt32(truncatingIfNeeded: Int64(date.timeIntervalSince1970.rounded(.down))))
        var bytes = [UInt8](repeating: 0, count: 12)
        bytes[0] = UInt8(truncatingIfNeeded: seconds >> 24)
        bytes[1] = UInt8(truncatingIfNeeded: seconds >> 16)
        bytes[2] = UInt8(truncatingIfNeeded: seconds >> 8)
        bytes[3] = UInt8(truncatingIfNeeded: seconds)
        for index in 0..<5 { bytes[4 + index] = unique[index] }
        bytes[9] = UInt8(truncatingIfNeeded: counter >> 16)
        bytes[10] = UInt8(truncatingIfNeeded: counter >> 8)
        bytes[11] = UInt8(truncatingIfNeeded: counter)
        return ObjectID(trusted: Hex.encode(bytes))
    }

    /// A new id for something created at `time`.
    public static func generate(at time: Timestamp) -> ObjectID {
        generate(at: Date(timeIntervalSince1970: TimeInterval(time.secondsSince1970)))
    }

    /// From now on, every id this process makes follows a sequence fixed by `seed`: its middle
    /// bytes and counter come from the seed, its time from `time` (a sandbox's frozen clock), not
    /// the machine's. For `cohort serve --deterministic`, set once before serving.
    public static func useDeterministicSequence(seed: UInt64, time: @escaping @Sendable () -> Timestamp) {
        Generator.shared.makeDeterministic(seed: seed, time: time)
    }

    /// Per-process state of the generator: the middle bytes, the counter, and where a
    /// deterministic run reads the time.
    private final class Generator: Sendable {
        static let shared = Generator()

        private struct State {
            var processUnique: [UInt8] = (0..<5).map { _ in UInt8.random(in: 0...255) }
            var counter = UInt32.random(in: 0..<0x0100_0000)
            var time: (@Sendable () -> Timestamp)?
        }

        private let state = Mutex(State())

        func next(seconds: UInt32) -> (seconds: UInt32, unique: [UInt8], counter: UInt32) {
            state.withLock { state in
                state.counter = (state.counter &+ 1) & 0x00FF_FFFF
                let seconds = state.time.map { UInt32(truncatingIfNeeded: $0().secondsSince1970) } ?? seconds
                return (seconds, state.processUnique, state.counter)
            }
        }

        func makeDeterministic(seed: UInt64, time: @escaping @Sendable () -> Timestamp) {
            var generator = SeededGenerator(seed: seed)
            state.withLock { state in
                state.processUnique = (0..<5).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                state.counter = UInt32(truncatingIfNeeded: generator.next()) & 0x00FF_FFFF
                state.time = time
            }
        }
    }
}

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
