import CohortAPI
import CohortCore

/// The `meta` and `_links` every list carries (`docs/compatibility.md`, "list paging").
enum ListPage {
    static func meta(_ total: Int) -> Components.Schemas.ListMeta {
        .init(count: total)
    }

    /// Absolute links to this page, the next, the previous and the last, built from the URL the
    /// client called so that following them repeats its other query parameters.
    static func links(for page: PageRequest, total: Int) -> Components.Schemas.ListLinks {
        let url = RequestScope.current?.url
        func href(offset: Int) -> String? { url.map { self.href($0, offset: offset) } }
        let current = url.map { self.href($0, offset: nil) }
        guard let limit = page.limit else {
            return .init(
                _self: .init(href: current, title: "Current page"),
                next: .init(href: nil, title: "Next page"),
                previous: .init(href: page.offset > 0 ? href(offset: 0) : nil, title: "Previous page"),
                last: .init(href: current, title: "Last page"))
        }
        let lastOffset = total == 0 ? 0 : (total - 1) / limit * limit
        return .init(
            _self: .init(href: current, title: "Current page"),
            next: .init(href: page.offset + limit < total ? href(offset: page.offset + limit) : nil, title: "Next page"),
            previous: .init(href: page.offset > 0 ? href(offset: max(0, page.offset - limit)) : nil, title: "Previous page"),
            last: .init(href: href(offset: lastOffset), title: "Last page"))
    }

    /// The request URL with `offset` replaced (or left as sent when `nil`).
    private static func href(_ url: RequestURL, offset: Int?) -> String {
        var query = url.query
        if let offset {
            query.removeAll { $0.name == "offset" }
            query.append((name: "offset", value: String(offset)))
        }
        let queryText = query.isEmpty ? "" : "?" + query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return "\(url.scheme)://\(url.authority)\(url.path)\(queryText)"
    }
}
