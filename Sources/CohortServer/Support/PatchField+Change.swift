import CohortAPI
import CohortCore

extension PatchField {
    /// Left out keeps the field; `null` clears it; a value sets it.
    var change: Change<Value?> {
        switch self {
        case .absent: .keep
        case .null: .set(nil)
        case .value(let value): .set(value)
        }
    }
}
