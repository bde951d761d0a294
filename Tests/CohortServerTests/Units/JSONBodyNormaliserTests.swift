@testable import CohortServer
import CohortCore
import Foundation
import Testing

/// Bodies as Prolific's parser reads them: the last of duplicate keys, and NUL refused by field.
@Suite struct JSONBodyNormaliserTests {
    func normalise(_ text: String) throws -> String? {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { buffer in
            try JSONBodyNormaliser.normalise(buffer).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// What Python's json.loads makes of `text`, as a Foundation object for comparison.
    func decoded(_ text: String) throws -> NSDictionary {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! NSDictionary
    }

    @Test func aBodyWithoutDuplicatesIsLeftAlone() throws {
        #expect(try normalise(#"{"name": "a", "participant_ids": ["x", "y"], "nested": {"k": 1}}"#) == nil)
        #expect(try normalise("[]") == nil)
        #expect(try normalise(#""just a string""#) == nil)
    }

    @Test func theLastOfDuplicateKeysWins() throws {
        #expect(try normalise(#"{"name": "first", "workspace_id": "w", "name": "last"}"#) == #"{"workspace_id": "w", "name": "last"}"#)
        #expect(try normalise(#"{"a":1,"a":2,"a":3}"#) == #"{"a":3}"#)
        let rewritten = try #require(try normalise(#"{"a": 1, "b": {"c": 1, "c": [2]}, "a": {"d": 4}}"#))
        #expect(try decoded(rewritten) == ["b": ["c": [2]], "a": ["d": 4]] as NSDictionary)
    }

    @Test func keysAreComparedDecodedAsPythonComparesThem() throws {
        #expect(try normalise(#"{"name": "first", "n\u0061me": "last"}"#) == #"{"n\u0061me": "last"}"#)
        #expect(try normalise(#"{"a\"b": 1, "a\u0022b": 2}"#) == #"{"a\u0022b": 2}"#)
    }

    @Test func manyKeysAreHandledToo() throws {
        let members = (0..<40).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        let rewritten = try #require(try normalise("{\(members), \"k7\": \"again\"}"))
        let object = try decoded(rewritten)
        #expect(object.count == 40)
        #expect(object["k7"] as? String == "again")
        #expect(object["k8"] as? Int == 8)
    }

    @Test func aDuplicateInsideAnOverriddenMemberIsHarmless() throws {
        let rewritten = try #require(try normalise(#"{"x": {"y": 1, "y": 2}, "x": 3}"#))
        #expect(rewritten == #"{"x": 3}"#)
    }

    @Test func nulIsRefusedNamingTheField() {
        #expect(throws: CohortError(.invalidInput, .fields(["name": ["Null characters are not allowed."]]))) {
            try normalise(#"{"name": "nul\u0000inside"}"#)
        }
        #expect(throws: CohortError(.invalidInput, .fields(["public_details.title": ["Null characters are not allowed."]]))) {
            try normalise(#"{"public_details": {"title": "a\u0000"}}"#)
        }
        #expect(throws: CohortError(.invalidInput, .fields(["participant_ids": ["Null characters are not allowed."]]))) {
            try normalise(#"{"participant_ids": ["ok", "\u0000"]}"#)
        }
    }

    @Test func otherEscapesAreNotNul() throws {
        #expect(try normalise(#"{"name": "\u0001\u00e9\n\\u0000"}"#) == nil)
    }

    @Test func malformedJSONIsLeftToTheDecoder() throws {
        for text in [#"{"a": 1,"#, #"{"a" 1}"#, #"{"a": "unterminated}"#, "{\"a\": \"\u{1}\"}", "", #"{"a":1,"a":}"#] {
            #expect(try normalise(text) == nil, "\(text)")
        }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(try normalise(deep) == nil)
    }
}
