/// An action a request names (`publish-study`, `transition-submission`), matched whatever its
/// case: expfactory-deploy sends `{"action": "publish"}`.
public protocol RequestAction: RawRepresentable<String>, CaseIterable, Sendable {}

extension RequestAction {
    public init(parsing text: String) throws(CohortError) {
        guard let action = Self(rawValue: text.uppercased()) else {
            throw CohortError.invalid("action", StudyRules.choiceMessage(text, Self.allCases.map(\.rawValue)))
        }
        self = action
    }
}
