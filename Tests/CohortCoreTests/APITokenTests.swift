import CohortCore
import Foundation
import Testing

/// APIToken: the Authorization header, generated tokens, digests and their comparison.
@Suite struct APITokenTests {
    @Test(arguments: [("Token abc", "abc"), ("token abc", "abc"), ("TOKEN abc", "abc"), ("Token a-b_c.9", "a-b_c.9")])
    func acceptsTheTokenScheme(header: String, value: String) throws {
        #expect(try #require(APIToken(authorizationHeader: header)).value == value)
    }

    @Test(arguments: ["Bearer abc", "Token", "Token ", "", "abc", "Tokenabc", "Token a b", "Basic dXNlcjpwYXNz"])
    func refusesEverythingElse(_ header: String) {
        #expect(APIToken(authorizationHeader: header) == nil)
    }

    static let base64URLAlphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    @Test func generatedTokensAre43Base64URLCharactersOf32Bytes() throws {
        for _ in 0..<50 {
            let value = APIToken.generate().value
            #expect(value.count == 43)
            #expect(value.allSatisfy { Self.base64URLAlphabet.contains($0) })
            let standard = value.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="
            let decoded = try #require(Data(base64Encoded: standard), "not base64: \(value)")
            #expect(decoded.count == 32)
        }
    }

    @Test func generatedTokensAreDistinct() {
        let values = (0..<200).map { _ in APIToken.generate().value }
        #expect(Set(values).count == values.count)
    }

    @Test func digestIsSHA256() {
        let digest = APIToken("abc").digest
        let hex = digest.bytes.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        #expect(hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest.lookupKey == "ba7816bf8f01cfea")
    }

    @Test func lookupKeyIs16LowercaseHex() {
        for _ in 0..<50 {
            let key = APIToken.generate().digest.lookupKey
            #expect(key.count == 16)
            #expect(key.allSatisfy { "0123456789abcdef".contains($0) })
        }
    }

    @Test func constantTimeEquals() {
        let digest = APIToken("abc").digest
        #expect(digest.constantTimeEquals(APIToken("abc").digest))
        #expect(!digest.constantTimeEquals(APIToken("abd").digest))
        var lastByte = digest.bytes
        lastByte[31] ^= 1
        #expect(!digest.constantTimeEquals(TokenDigest(lastByte)))
        var firstByte = digest.bytes
        firstByte[0] ^= 0x80
        #expect(!digest.constantTimeEquals(TokenDigest(firstByte)))
        #expect(!digest.constantTimeEquals(TokenDigest(Array(digest.bytes.prefix(31)))))
        #expect(!digest.constantTimeEquals(TokenDigest([])))
        #expect(TokenDigest([]).constantTimeEquals(TokenDigest([])))
    }
}
