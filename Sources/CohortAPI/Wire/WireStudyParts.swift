public import OpenAPIRuntime

/// `#/components/schemas/CompletionCode`: `code` is required and may be `null`.
public struct WireCompletionCode: Codable, Hashable, Sendable {
    public var code: String?
    public var codeType: String
    public var actions: [WireCompletionCodeAction]
    public var actor: String?

    public init(code: String?, codeType: String, actions: [WireCompletionCodeAction], actor: String? = nil) {
        self.code = code
        self.codeType = codeType
        self.actions = actions
        self.actor = actor
    }

    enum CodingKeys: String, CodingKey {
        case code, actions, actor
        case codeType = "code_type"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.code) else {
            throw DecodingError.keyNotFound(
                CodingKeys.code, .init(codingPath: container.codingPath, debugDescription: "This field is required."))
        }
        code = try container.decodeIfPresent(String.self, forKey: .code)
        codeType = try container.decode(String.self, forKey: .codeType)
        actions = try container.decode([WireCompletionCodeAction].self, forKey: .actions)
        actor = try container.decodeNonNull(String.self, forKey: .actor)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNullable(code, forKey: .code)
        try container.encode(codeType, forKey: .codeType)
        try container.encode(actions, forKey: .actions)
        try container.encodeIfPresent(actor, forKey: .actor)
    }
}

/// `#/components/schemas/CompletionCodeAction`: the action and the fields its kind takes.
public struct WireCompletionCodeAction: Codable, Hashable, Sendable {
    public var action: String
    public var participantGroup: String?
    public var returnReason: String?
    public var fixedScreenOutReward: Int?
    public var slots: Int?

    public init(
        action: String, participantGroup: String? = nil, returnReason: String? = nil, fixedScreenOutReward: Int? = nil,
        slots: Int? = nil
    ) {
        self.action = action
        self.participantGroup = participantGroup
        self.returnReason = returnReason
        self.fixedScreenOutReward = fixedScreenOutReward
        self.slots = slots
    }

    enum CodingKeys: String, CodingKey {
        case action, slots
        case participantGroup = "participant_group"
        case returnReason = "return_reason"
        case fixedScreenOutReward = "fixed_screen_out_reward"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        action = try container.decode(String.self, forKey: .action)
        participantGroup = try container.decodeNonNull(String.self, forKey: .participantGroup)
        returnReason = try container.decodeNonNull(String.self, forKey: .returnReason)
        fixedScreenOutReward = try container.decodeWholeNumber(forKey: .fixedScreenOutReward)
        slots = try container.decodeWholeNumber(forKey: .slots)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(participantGroup, forKey: .participantGroup)
        try container.encodeIfPresent(returnReason, forKey: .returnReason)
        try container.encodeIfPresent(fixedScreenOutReward, forKey: .fixedScreenOutReward)
        try container.encodeIfPresent(slots, forKey: .slots)
    }
}

/// `#/components/schemas/StudyFilter`: select, range or composite, as sent.
public struct WireStudyFilter: Codable, Hashable, Sendable {
    public var filterId: String
    public var selectedValues: [String]?
    public var selectedRange: Range?
    public var selectedFilters: [WireStudyFilter]?
    public var weightings: OpenAPIObjectContainer?

    /// A range's bounds: numbers, or text (dates).
    public struct Range: Codable, Hashable, Sendable {
        public var lower: Bound?
        public var upper: Bound?

        public init(lower: Bound? = nil, upper: Bound? = nil) {
            self.lower = lower
            self.upper = upper
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(lower, forKey: .lower)
            try container.encodeIfPresent(upper, forKey: .upper)
        }
    }

    public enum Bound: Codable, Hashable, Sendable {
        case number(Double)
        case text(String)

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { self = .number(number) } else {
                self = .text(try container.decode(String.self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .text(let text): try container.encode(text)
            }
        }
    }

    public init(
        filterId: String, selectedValues: [String]? = nil, selectedRange: Range? = nil,
        selectedFilters: [WireStudyFilter]? = nil, weightings: OpenAPIObjectContainer? = nil
    ) {
        self.filterId = filterId
        self.selectedValues = selectedValues
        self.selectedRange = selectedRange
        self.selectedFilters = selectedFilters
        self.weightings = weightings
    }

    enum CodingKeys: String, CodingKey {
        case weightings
        case filterId = "filter_id"
        case selectedValues = "selected_values"
        case selectedRange = "selected_range"
        case selectedFilters = "selected_filters"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(filterId, forKey: .filterId)
        try container.encodeIfPresent(selectedValues, forKey: .selectedValues)
        try container.encodeIfPresent(selectedRange, forKey: .selectedRange)
        try container.encodeIfPresent(selectedFilters, forKey: .selectedFilters)
        try container.encodeIfPresent(weightings, forKey: .weightings)
    }
}

/// `#/components/schemas/SubmissionsConfig`; in a request, `null` sets a field's default.
public struct WireSubmissionsConfig: Codable, Hashable, Sendable {
    public var maxSubmissionsPerParticipant: PatchField<Int>
    public var maxConcurrentSubmissions: PatchField<Int>
    public var autoRejectionCategories: [String]?

    public init(
        maxSubmissionsPerParticipant: PatchField<Int> = .absent, maxConcurrentSubmissions: PatchField<Int> = .absent,
        autoRejectionCategories: [String]? = nil
    ) {
        self.maxSubmissionsPerParticipant = maxSubmissionsPerParticipant
        self.maxConcurrentSubmissions = maxConcurrentSubmissions
        self.autoRejectionCategories = autoRejectionCategories
    }

    enum CodingKeys: String, CodingKey {
        case maxSubmissionsPerParticipant = "max_submissions_per_participant"
        case maxConcurrentSubmissions = "max_concurrent_submissions"
        case autoRejectionCategories = "auto_rejection_categories"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        maxSubmissionsPerParticipant = try container.decodePatchField(Int.self, forKey: .maxSubmissionsPerParticipant)
        maxConcurrentSubmissions = try container.decodePatchField(Int.self, forKey: .maxConcurrentSubmissions)
        autoRejectionCategories = try container.decodeNonNull([String].self, forKey: .autoRejectionCategories)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(maxSubmissionsPerParticipant, forKey: .maxSubmissionsPerParticipant)
        try container.encode(maxConcurrentSubmissions, forKey: .maxConcurrentSubmissions)
        try container.encodeIfPresent(autoRejectionCategories, forKey: .autoRejectionCategories)
    }
}

/// `#/components/schemas/AccessDetail`.
public struct WireAccessDetail: Codable, Hashable, Sendable {
    public var externalUrl: String
    public var totalAllocation: Int

    public init(externalUrl: String, totalAllocation: Int) {
        self.externalUrl = externalUrl
        self.totalAllocation = totalAllocation
    }

    enum CodingKeys: String, CodingKey {
        case externalUrl = "external_url"
        case totalAllocation = "total_allocation"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        externalUrl = try container.decode(String.self, forKey: .externalUrl)
        guard let allocation = try container.decodeWholeNumber(forKey: .totalAllocation) else {
            throw DecodingError.keyNotFound(
                CodingKeys.totalAllocation, .init(codingPath: container.codingPath, debugDescription: "This field is required."))
        }
        totalAllocation = allocation
    }
}

extension KeyedDecodingContainer {
    /// A whole number sent as a JSON number, `10` or `10.0` (Prolific's document types these as
    /// doubles); `null` is refused, `10.5` too.
    func decodeWholeNumber(forKey key: Key) throws -> Int? {
        guard let value = try decodeNonNull(Double.self, forKey: key) else { return nil }
        guard value.isFinite, value.rounded() == value, abs(value) < 1e15 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "A valid integer is required.")
        }
        return Int(value)
    }
}
