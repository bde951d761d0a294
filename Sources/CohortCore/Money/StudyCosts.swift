/// What a study costs, from ``MoneySettings``' rates, and Cohort's deterministic estimates of
/// recruitment time and reward (docs/compatibility.md, "Money" and "Estimates").
public enum StudyCosts {
    /// Reward × places, with the fee and VAT on them.
    public static func placesCost(_ content: StudyContent, settings: MoneySettings) -> CostBreakdown {
        cost(places: content.totalAvailablePlaces, of: content, settings: settings)
    }

    public static func cost(places: Int, of content: StudyContent, settings: MoneySettings) -> CostBreakdown {
        CostBreakdown(paying: content.reward * places, settings: settings)
    }

    /// `calculate-study-cost`: reward and places as sent, both whole and positive.
    public static func calculate(reward: Double, places: Double, settings: MoneySettings) throws(CohortError) -> CostBreakdown {
        var errors = FieldErrors()
        let reward = StudyRules.integer(reward, "reward", minimum: 0, &errors)
        let places = StudyRules.integer(places, "total_available_places", minimum: 1, &errors)
        try errors.throwIfAny()
        return CostBreakdown(paying: reward! * places!, settings: settings)
    }

    /// The numbers of a recruitment estimate's request, as sent: whole, places and minutes from 1.
    public static func estimateInput(reward: Double, places: Double, minutes: Double) throws(CohortError)
        -> (reward: Int, places: Int, minutes: Int)
    {
        var errors = FieldErrors()
        let reward = StudyRules.integer(reward, "reward", minimum: 0, &errors)
        let places = StudyRules.integer(places, "total_available_places", minimum: 1, &errors)
        let minutes = StudyRules.integer(minutes, "estimated_completion_time", minimum: 1, &errors)
        try errors.throwIfAny()
        return (reward!, places!, minutes!)
    }

    /// Reward per hour, in cents, rounded to the nearest cent.
    public static func hourlyReward(_ content: StudyContent) -> Int {
        guard content.estimatedCompletionTime > 0 else { return 0 }
        return Int((Double(content.reward) * 60 / Double(content.estimatedCompletionTime)).rounded(.toNearestOrAwayFromZero))
    }

    /// Cohort's recruitment estimate, in hours: a pool that fills 50 places an hour at the
    /// minimum reward rate, faster in proportion to a higher rate (up to 4 times), slower by one
    /// tenth per filter; plus the study's own length. The bounds are 0.7 and 1.5 times it.
    public static func predictedHours(
        places: Int, reward: Int, estimatedMinutes: Int, filterCount: Int, currency: CurrencyCode
    ) -> (precise: Double, lower: Double, upper: Double) {
        let minimumRate = Double(StudyRules.minimumHourlyReward(currency))
        let rate = estimatedMinutes > 0 ? Double(reward) * 60 / Double(estimatedMinutes) : minimumRate
        let speed = min(4, max(0.25, rate / minimumRate))
        let perHour = 50 * speed / (1 + 0.1 * Double(filterCount))
        let hours = Double(places) / perHour + Double(estimatedMinutes) / 60
        func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }
        return (round2(hours), round2(hours * 0.7), round2(hours * 1.5))
    }

    /// Cohort's reward recommendation, in cents an hour: the minimum rate, and the minimum plus a
    /// quarter plus a twentieth of it for each screener asked for.
    public static func recommendedHourlyReward(currency: CurrencyCode, screeners: Int) -> (minimum: Int, recommended: Int) {
        let minimum = StudyRules.minimumHourlyReward(currency)
        let recommended = minimum + minimum / 4 + minimum * min(screeners, 20) / 20
        return (minimum, recommended)
    }
}
