/// A path to match requests by, segment by segment: `*` or `{name}` stands for any one segment,
/// `**` (last) for any number of them, anything else for itself. A trailing slash does not
/// matter, as it does not to the router: `/api/v1/participant-groups/*/participants/`.
public struct PathPattern: Hashable, Sendable, CustomStringConvertible {
    public let description: String
    private let segments: [Substring]

    /// `nil` unless `text` starts with `/`, and `**` comes last if at all.
    public init?(_ text: String) {
        guard text.hasPrefix("/") else { return nil }
        let segments = text.split(separator: "/", omittingEmptySubsequences: true)
        if let index = segments.firstIndex(of: "**"), index != segments.count - 1 { return nil }
        self.description = text
        self.segments = segments
    }

    public func matches(_ path: String) -> Bool {
        matches(segments: Self.segments(of: path))
    }

    /// A path's segments, to match one path against many patterns with one split.
    public static func segments(of path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    public func matches(segments parts: [Substring]) -> Bool {
        for (index, segment) in segments.enumerated() {
            if segment == "**" { return true }
            guard index < parts.count else { return false }
            let isWildcard = segment == "*" || (segment.hasPrefix("{") && segment.hasSuffix("}"))
            if !isWildcard && segment != parts[index] { return false }
        }
        return parts.count == segments.count
    }
}
