import CohortAPI
import CohortCore

/// How study lists and estimates are read from the wire and written back.
enum StudyListing {
    /// The status a list asks for: `state`, or the Go CLI's `published=0`, `active=1`,
    /// `completed=1`. `.some(nil)` lists every study; `nil` lists none (`state=UNKNOWN`).
    static func status(state: String?, published: Int?, active: Int?, completed: Int?) throws -> StudyStatus?? {
        var asked: [StudyStatus?] = []
        if let state { asked.append(StudyStatus(rawValue: state)) }
        if published == 0 { asked.append(.unpublished) }
        if active == 1 { asked.append(.active) }
        if completed == 1 { asked.append(.completed) }
        guard asked.count <= 1 else {
            throw CohortError.invalid("state", "Filter by one status at a time.")
        }
        guard let only = asked.first else { return .some(nil) }
        return only.map { .some($0) } ?? nil
    }

    /// Which kind of paging the client used, for its links.
    struct Paging {
        let request: PageRequest
        let pageSize: Int?

        func links(total: Int) -> Components.Schemas.ListLinks {
            guard let pageSize else { return ListPage.links(for: request, total: total) }
            return ListPage.pageLinks(page: request.offset / pageSize + 1, pageSize: pageSize, total: total)
        }
    }

    static func page(page: Int?, pageSize: Int?, limit: Int?, offset: Int?) throws -> Paging {
        let request = try PageRequest(page: page, pageSize: pageSize, limit: limit, offset: offset)
        return Paging(request: request, pageSize: page != nil || pageSize != nil ? request.limit : nil)
    }

    static func prediction(places: Int, reward: Int, minutes: Int, filters: Int, currency: CurrencyCode)
        -> Components.Schemas.StudyPredictedRecruitmentTimeResponse
    {
        let hours = StudyCosts.predictedHours(
            places: places, reward: reward, estimatedMinutes: minutes, filterCount: filters, currency: currency)
        let display = hours.precise < 1 ? "Less than an hour" : "About \(Int(hours.precise.rounded())) hours"
        return .init(
            preciseRecruitmentTimeHours: hours.precise, lowerBoundHours: hours.lower, upperBoundHours: hours.upper,
            displayString: display, limitAt: Double(places))
    }
}
