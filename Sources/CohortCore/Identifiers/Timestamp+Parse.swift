#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Timestamp {
    /// An RFC 3339 time (`2030-01-01T00:00:00Z`, an offset instead of `Z`, fractions of a second
    /// dropped); `nil` for anything else.
    public init?(rfc3339 text: String) {
        let plain = Date.ISO8601FormatStyle()
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        guard let date = (try? plain.parse(text)) ?? (try? fractional.parse(text)) else { return nil }
        self.init(date)
    }
}
