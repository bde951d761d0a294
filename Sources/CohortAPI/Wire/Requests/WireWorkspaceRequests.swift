/// `#/components/schemas/CreateWorkspace`, refusing `null` where the field is not nullable.
public struct WireCreateWorkspace: Codable, Hashable, Sendable {
    public var title: String
    public var description: String?
    public var naivetyDistributionRate: Double?
    public var currencyCode: String?

    public init(title: String, description: String? = nil, naivetyDistributionRate: Double? = nil, currencyCode: String? = nil) {
        self.title = title
        self.description = description
        self.naivetyDistributionRate = naivetyDistributionRate
        self.currencyCode = currencyCode
    }

    enum CodingKeys: String, CodingKey {
        case title, description
        case naivetyDistributionRate = "naivety_distribution_rate"
        case currencyCode = "currency_code"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decode(String.self, forKey: .title)
        description = try container.decodeNonNull(String.self, forKey: .description)
        naivetyDistributionRate = try container.decodeIfPresent(Double.self, forKey: .naivetyDistributionRate)
        currencyCode = try container.decodeNonNull(String.self, forKey: .currencyCode)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(naivetyDistributionRate, forKey: .naivetyDistributionRate)
        try container.encodeIfPresent(currencyCode, forKey: .currencyCode)
    }
}

/// `#/components/schemas/UpdateWorkspace`: fields left out stay; `naivety_distribution_rate` null
/// clears it.
public struct WireUpdateWorkspace: Codable, Hashable, Sendable {
    public var title: String?
    public var description: String?
    public var naivetyDistributionRate: PatchField<Double>

    public init(title: String? = nil, description: String? = nil, naivetyDistributionRate: PatchField<Double> = .absent) {
        self.title = title
        self.description = description
        self.naivetyDistributionRate = naivetyDistributionRate
    }

    enum CodingKeys: String, CodingKey {
        case title, description
        case naivetyDistributionRate = "naivety_distribution_rate"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeNonNull(String.self, forKey: .title)
        description = try container.decodeNonNull(String.self, forKey: .description)
        naivetyDistributionRate = try container.decodePatchField(Double.self, forKey: .naivetyDistributionRate)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(naivetyDistributionRate, forKey: .naivetyDistributionRate)
    }
}
