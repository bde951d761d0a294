import CohortCore
import Testing

/// TextRules: email shape, and the name, description and naivety-rate field checks.
@Suite struct TextRulesTests {
    @Test(arguments: ["a@b.co", "ada.lovelace@example.org", "x+tag@sub.example.co.uk", "A@B.C"])
    func plausibleEmails(_ email: String) {
        #expect(TextRules.isPlausibleEmail(email))
    }

    @Test(arguments: [
        "", "plain", "@example.org", "a@", "a@b", "a@@b.co", "a@b@c.co", "a b@c.co", "a@b .co", "a@.b.co",
        "a@b.co.", "a@b..co", " a@b.co", "a@b.co\n",
    ])
    func implausibleEmails(_ email: String) {
        #expect(!TextRules.isPlausibleEmail(email))
    }

    @Test func emailLengthLimitIs254() {
        let domain = "@example.org"
        let longest = String(repeating: "a", count: 254 - domain.count) + domain
        #expect(TextRules.isPlausibleEmail(longest))
        #expect(!TextRules.isPlausibleEmail("a" + longest))
    }

    @Test func nameIsTrimmedAndChecked() {
        var errors = FieldErrors()
        #expect(TextRules.name("\u{00A0} Title \t", field: "title", into: &errors) == "Title")
        #expect(errors.isEmpty)
        _ = TextRules.name(" ", field: "title", into: &errors)
        _ = TextRules.name(String(repeating: "n", count: 256), field: "name", into: &errors)
        #expect(errors.messages == [
            "title": ["This field may not be blank."],
            "name": ["Ensure this field has no more than 255 characters."],
        ])
    }

    /// Lengths count Unicode scalars, as JSON Schema's `maxLength` does, and U+FEFF is trimmed.
    @Test func lengthsCountUnicodeScalars() {
        var errors = FieldErrors()
        let decomposed = String(repeating: "e\u{301}", count: 128)  // 128 characters, 256 scalars
        #expect(decomposed.count == 128)
        _ = TextRules.name(decomposed, field: "name", into: &errors)
        #expect(errors.messages.keys.sorted() == ["name"])
        var fine = FieldErrors()
        #expect(TextRules.name("\u{FEFF}Title\u{FEFF}", field: "title", into: &fine) == "Title")
        _ = TextRules.name(String(repeating: "e\u{301}", count: 127) + "a", field: "name", into: &fine)
        #expect(fine.isEmpty)
    }

    @Test func descriptionLimit() {
        var errors = FieldErrors()
        TextRules.description(String(repeating: "d", count: 10_000), into: &errors)
        #expect(errors.isEmpty)
        TextRules.description(String(repeating: "d", count: 10_001), field: "about", into: &errors)
        #expect(errors.messages.keys.sorted() == ["about"])
    }

    @Test func fieldErrorsThrowInvalidInputNamingEveryField() throws {
        var errors = FieldErrors()
        try errors.throwIfAny()
        errors.add("a", "one")
        errors.add("a", "two")
        errors.add("b", "three")
        let error = try #require(throws: CohortError.self) { try errors.throwIfAny() }
        #expect(error == CohortError(.invalidInput, .fields(["a": ["one", "two"], "b": ["three"]])))
    }
}
