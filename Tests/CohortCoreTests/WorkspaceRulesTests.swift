import CohortCore
import Testing

/// WorkspaceRules: currency, naivety rate, title and description of workspace creates and edits.
@Suite struct WorkspaceRulesTests {
    static func make(
        title: String = "Lab", description: String? = nil, rate: Double? = nil, currency: String? = nil
    ) throws(CohortError) -> NewWorkspace {
        try WorkspaceRules.newWorkspace(
            title: title, description: description, naivetyDistributionRate: rate, currencyCode: currency)
    }

    @Test func defaults() throws {
        let workspace = try Self.make(title: "  Lab ")
        #expect(workspace.title == "Lab")
        #expect(workspace.description == "")
        #expect(workspace.naivetyDistributionRate == nil)
        #expect(workspace.currencyCode == .gbp)
    }

    @Test(arguments: [("GBP", CurrencyCode.gbp), ("USD", .usd)])
    func acceptsGBPAndUSD(code: String, expected: CurrencyCode) throws {
        #expect(try Self.make(currency: code).currencyCode == expected)
    }

    @Test(arguments: ["EUR", "gbp", "usd", "", " GBP"])
    func refusesOtherCurrencies(_ code: String) throws {
        let error = try #require(throws: CohortError.self) { try Self.make(currency: code) }
        #expect(error.kind == .invalidInput)
        #expect(error.detail == .fields(["currency_code": ["Must be GBP or USD."]]))
    }

    @Test(arguments: [0.0, 0.25, 1.0])
    func acceptsRatesFromZeroToOne(_ rate: Double) throws {
        #expect(try Self.make(rate: rate).naivetyDistributionRate == rate)
        #expect(try WorkspaceRules.edit(title: nil, description: nil, naivetyDistributionRate: .set(rate)).naivetyDistributionRate == .set(rate))
    }

    @Test(arguments: [-0.01, 1.01, -1, 2, Double.nan, .infinity, -.infinity])
    func refusesRatesOutsideZeroToOne(_ rate: Double) throws {
        let error = try #require(throws: CohortError.self) { try Self.make(rate: rate) }
        #expect(error.detail == .fields(["naivety_distribution_rate": ["Ensure this value is between 0 and 1."]]))
        let editError = try #require(throws: CohortError.self) {
            try WorkspaceRules.edit(title: nil, description: nil, naivetyDistributionRate: .set(rate))
        }
        #expect(editError.kind == .invalidInput)
    }

    @Test func reportsEveryBadFieldAtOnce() throws {
        let error = try #require(throws: CohortError.self) {
            try Self.make(title: "", description: String(repeating: "d", count: 10_001), rate: 3, currency: "EUR")
        }
        #expect(fieldMessages(error)?.keys.sorted() == ["currency_code", "description", "naivety_distribution_rate", "title"])
    }

    @Test func editKeepsAbsentFieldsAbsent() throws {
        let edit = try WorkspaceRules.edit(title: nil, description: nil, naivetyDistributionRate: .keep)
        #expect(edit.title == nil && edit.description == nil && edit.naivetyDistributionRate == .keep)
        let cleared = try WorkspaceRules.edit(title: nil, description: nil, naivetyDistributionRate: .set(nil))
        #expect(cleared.naivetyDistributionRate == .set(nil))
        let titled = try WorkspaceRules.edit(title: " New ", description: "", naivetyDistributionRate: .keep)
        #expect(titled.title == "New")
        #expect(titled.description == "")
    }

    @Test func editRefusesABlankTitle() throws {
        let error = try #require(throws: CohortError.self) {
            try WorkspaceRules.edit(title: " ", description: nil, naivetyDistributionRate: .keep)
        }
        #expect(error.detail == .fields(["title": ["This field may not be blank."]]))
    }
}
