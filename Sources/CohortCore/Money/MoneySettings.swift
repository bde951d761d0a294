/// The rates every cost is computed from, and what a new workspace's wallet holds: settings of
/// `cohort serve` (docs/compatibility.md, "Money").
public struct MoneySettings: Hashable, Sendable {
    /// Prolific's service fee, a percentage of rewards and bonuses.
    public var feePercent: Double
    /// VAT, a percentage of the fee.
    public var vatPercent: Double
    /// Cents in the wallet of a workspace that has not had its balance set.
    public var startingBalanceCents: Int

    public init(feePercent: Double = 33.33, vatPercent: Double = 20, startingBalanceCents: Int = 1_000_000) {
        self.feePercent = feePercent
        self.vatPercent = vatPercent
        self.startingBalanceCents = startingBalanceCents
    }

    public static let standard = MoneySettings()
}

/// An amount split the way Prolific's cost answers split it: rewards, the fee on them, and the
/// VAT on the fee, each in cents.
public struct CostBreakdown: Codable, Hashable, Sendable {
    public var rewards: Int
    public var fees: Int
    public var tax: Int

    public init(rewards: Int, fees: Int, tax: Int) {
        self.rewards = rewards
        self.fees = fees
        self.tax = tax
    }

    public static let zero = CostBreakdown(rewards: 0, fees: 0, tax: 0)

    public var total: Int { rewards + fees + tax }

    public static func + (lhs: CostBreakdown, rhs: CostBreakdown) -> CostBreakdown {
        CostBreakdown(rewards: lhs.rewards + rhs.rewards, fees: lhs.fees + rhs.fees, tax: lhs.tax + rhs.tax)
    }

    /// `cents` paid to participants, with the fee and VAT on it, each rounded half up to a cent.
    public init(paying cents: Int, settings: MoneySettings) {
        let fees = Self.percent(settings.feePercent, of: cents)
        self.init(rewards: cents, fees: fees, tax: Self.percent(settings.vatPercent, of: fees))
    }

    /// An amount already including the fee and VAT, split back into its parts (a balance shown
    /// as a cost is): rewards rounded down, the fee on them, VAT the rest.
    public init(splitting cents: Int, settings: MoneySettings) {
        let factor = 1 + settings.feePercent / 100 * (1 + settings.vatPercent / 100)
        let rewards = Int((Double(cents) / factor).rounded(.down))
        let fees = Self.percent(settings.feePercent, of: rewards)
        self.init(rewards: rewards, fees: fees, tax: cents - rewards - fees)
    }

    static func percent(_ rate: Double, of cents: Int) -> Int {
        Int((Double(cents) * rate / 100).rounded(.toNearestOrAwayFromZero))
    }
}
