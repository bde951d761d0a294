import CohortAPI
import CohortCore

/// The `meta` and `_links` every list carries (`docs/compatibility.md`, "list paging").
enum ListPage {
    static func meta(_ total: Int) -> Components.Schemas.ListMeta {
        .init(count: total)
    }

    /// Absolute links to this page, the next, the previous and the last, built from the URL the
    /// client called so that following them repeats its other query parameters.
    ///
    /// With `nextAfter` (keyset paging), `next` continues after that cursor instead of at an
    /// offset, and there is no `previous`: a cursor only goes forward.
    static func links(
        for page: PageRequest, total: Int, url: RequestURL? = RequestScope.current?.url, nextAfter: MemberCursor?? = nil
    ) -> Components.Schemas.ListLinks {
        func href(_ change: [(name: String, value: String?)]) -> String? { url.map { self.href($0, change) } }
        let current = href([])
        guard let limit = page.limit else {
            return .init(
                _self: .init(href: current, title: "Current page"),
                next: .init(href: nil, title: "Next page"),
                previous: .init(href: page.offset > 0 ? href([("offset", "0")]) : nil, title: "Previous page"),
                last: .init(href: current, title: "Last page"))
        }
        let lastOffset = total == 0 ? 0 : (total - 1) / limit * limit
        let lastLink = WireLink(href: href([("after", nil), ("offset", String(lastOffset))]), title: "Last page")
        if let nextAfter {
            return .init(
                _self: .init(href: current, title: "Current page"),
                next: .init(href: nextAfter.map { href([("offset", nil), ("after", $0.token)]) } ?? nil, title: "Next page"),
                previous: .init(href: nil, title: "Previous page"),
                last: lastLink)
        }
        return .init(
            _self: .init(href: current, title: "Current page"),
            next: .init(
                href: page.offset + limit < total ? href([("offset", String(page.offset + limit))]) : nil, title: "Next page"),
            previous: .init(
                href: page.offset > 0 ? href([("offset", String(max(0, page.offset - limit)))]) : nil, title: "Previous page"),
            last: lastLink)
    }

    /// Links for Prolific's `page` / `page_size` paging, in the same terms.
    static func pageLinks(
        page: Int, pageSize: Int, total: Int, url: RequestURL? = RequestScope.current?.url
    ) -> Components.Schemas.ListLinks {
        func href(_ number: Int) -> String? { url.map { self.href($0, [("page", String(number))]) } }
        let last = max(1, (total + pageSize - 1) / pageSize)
        return .init(
            _self: .init(href: url.map { self.href($0, []) }, title: "Current page"),
            next: .init(href: page < last ? href(page + 1) : nil, title: "Next page"),
            previous: .init(href: page > 1 ? href(min(page - 1, last)) : nil, title: "Previous page"),
            last: .init(href: href(last), title: "Last page"))
    }

    /// The request URL with the given parameters replaced (a nil value removes one).
    private static func href(_ url: RequestURL, _ changes: [(name: String, value: String?)]) -> String {
        var query = url.query
        for (name, value) in changes {
            query.removeAll { $0.name == name }
            if let value { query.append((name: name, value: value)) }
        }
        let queryText = query.isEmpty ? "" : "?" + query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return "\(url.scheme)://\(url.authority)\(url.path)\(queryText)"
    }
}
