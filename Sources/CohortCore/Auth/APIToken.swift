import Crypto

/// A secret a researcher sends as `Authorization: Token <value>`.
///
/// Only its SHA-256 digest is stored. The first 8 bytes of the digest, in hex, are the lookup key
/// a store finds candidates by; the whole digest is then compared in constant time, so how long a
/// lookup takes says nothing about how close a guess was.
public struct APIToken: Sendable {
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    /// 32 random bytes from the system's secure generator, base64url without padding (43 characters).
    public static func generate() -> APIToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return APIToken(Base64URL.encode(bytes))
    }

    public var digest: TokenDigest { TokenDigest(Array(SHA256.hash(data: Array(value.utf8)))) }

    /// The token in an `Authorization` header value, if it is of the `Token <value>` form.
    public init?(authorizationHeader header: String) {
        // Nearly every client sends exactly `Token <value>`: read that without splitting.
        if header.utf8.starts(with: "Token ".utf8) {
            let value = header.utf8.dropFirst(6)
            if !value.isEmpty, !value.contains(UInt8(ascii: " ")), let text = String(value) {
                self.value = text
                return
            }
        }
        let parts = header.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "token", !parts[1].isEmpty else { return nil }
        self.value = String(parts[1])
    }
}

/// The SHA-256 digest of a token: what is stored in place of the token.
public struct TokenDigest: Hashable, Sendable {
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The non-secret part a store indexes and looks candidates up by.
    public var lookupKey: String { Hex.encode(bytes.prefix(8)) }

    /// One pass over the bytes, rather than one hasher step per byte: the token cache looks a
    /// digest up on every request.
    public func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    public static func == (lhs: TokenDigest, rhs: TokenDigest) -> Bool { lhs.bytes == rhs.bytes }

    /// Equality that takes the same time wherever the digests differ.
    public func constantTimeEquals(_ other: TokenDigest) -> Bool {
        guard bytes.count == other.bytes.count else { return false }
        var difference: UInt8 = 0
        for index in bytes.indices { difference |= bytes[index] ^ other.bytes[index] }
        return difference == 0
    }
}

enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value: UInt32 = 0
            for (offset, byte) in chunk.enumerated() { value |= UInt32(byte) << (16 - 8 * offset) }
            for position in 0...chunk.count { out.append(alphabet[Int((value >> (18 - 6 * position)) & 0x3F)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of unpadded base64url text; nil if it is not that.
    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        for character in text.utf8 {
            guard let index = alphabet.firstIndex(of: character) else { return nil }
            values.append(UInt8(index))
        }
        guard values.count % 4 != 1 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            var value: UInt32 = 0
            for (offset, sextet) in chunk.enumerated() { value |= UInt32(sextet) << (18 - 6 * offset) }
            for position in 0..<(chunk.count - 1) { bytes.append(UInt8((value >> (16 - 8 * position)) & 0xFF)) }
            index += 4
        }
        return bytes
    }
}
