/// A validated workspace create request.
public struct NewWorkspace: Hashable, Sendable {
    public let title: String
    public let description: String
    public let naivetyDistributionRate: Double?
    public let currencyCode: CurrencyCode
}

/// A validated workspace PATCH; `nil` fields stay as they are.
public struct WorkspaceEdit: Hashable, Sendable {
    public let title: String?
    public let description: String?
    /// `.set(nil)` goes back to Prolific's default rate.
    public let naivetyDistributionRate: Change<Double?>
}

/// The rules of workspaces that do not need a database.
public enum WorkspaceRules {
    public static func newWorkspace(
        title: String, description: String?, naivetyDistributionRate: Double?, currencyCode: String?
    ) throws(CohortError) -> NewWorkspace {
        var errors = FieldErrors()
        let title = TextRules.name(title, field: "title", into: &errors)
        if let description { TextRules.description(description, into: &errors) }
        TextRules.naivetyRate(naivetyDistributionRate, into: &errors)
        var currency = CurrencyCode.gbp
        if let currencyCode {
            if let parsed = CurrencyCode(rawValue: currencyCode) {
                currency = parsed
            } else {
                errors.add("currency_code", "Must be GBP or USD.")
            }
        }
        try errors.throwIfAny()
        return NewWorkspace(
            title: title, description: description ?? "", naivetyDistributionRate: naivetyDistributionRate,
            currencyCode: currency)
    }

    public static func edit(title: String?, description: String?, naivetyDistributionRate: Change<Double?>)
        throws(CohortError) -> WorkspaceEdit
    {
        var errors = FieldErrors()
        let title = title.map { TextRules.name($0, field: "title", into: &errors) }
        if let description { TextRules.description(description, into: &errors) }
        if case .set(let rate) = naivetyDistributionRate { TextRules.naivetyRate(rate, into: &errors) }
        try errors.throwIfAny()
        return WorkspaceEdit(title: title, description: description, naivetyDistributionRate: naivetyDistributionRate)
    }
}
