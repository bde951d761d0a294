/// `#/components/schemas/Link`: one of a list's `_links`, `href` null where there is no such page.
public struct WireLink: Codable, Hashable, Sendable {
    public var href: String?
    public var title: String

    public init(href: String?, title: String) {
        self.href = href
        self.title = title
    }

    enum CodingKeys: String, CodingKey {
        case href, title
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        href = try container.decodeIfPresent(String.self, forKey: .href)
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNullable(href, forKey: .href)
        try container.encode(title, forKey: .title)
    }
}
