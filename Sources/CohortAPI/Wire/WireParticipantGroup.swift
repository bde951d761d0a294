/// `#/components/schemas/ParticipantGroup`, with its nullable fields written as `null`.
public struct WireParticipantGroup: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var projectId: String?
    public var workspaceId: String?
    public var organisationId: String?
    public var description: String?
    public var participantCount: Int
    public var isDeleted: Bool
    public var feederStudies: [Components.Schemas.FeederStudy]

    public init(
        id: String, name: String, projectId: String?, workspaceId: String?, organisationId: String?,
        description: String?, participantCount: Int, isDeleted: Bool, feederStudies: [Components.Schemas.FeederStudy]
    ) {
        self.id = id
        self.name = name
        self.projectId = projectId
        self.workspaceId = workspaceId
        self.organisationId = organisationId
        self.description = description
        self.participantCount = participantCount
        self.isDeleted = isDeleted
        self.feederStudies = feederStudies
    }

    enum CodingKeys: String, CodingKey {
        case id, name, description
        case projectId = "project_id"
        case workspaceId = "workspace_id"
        case organisationId = "organisation_id"
        case participantCount = "participant_count"
        case isDeleted = "is_deleted"
        case feederStudies = "feeder_studies"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        projectId = try container.decodeIfPresent(String.self, forKey: .projectId)
        workspaceId = try container.decodeIfPresent(String.self, forKey: .workspaceId)
        organisationId = try container.decodeIfPresent(String.self, forKey: .organisationId)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        participantCount = try container.decodeIfPresent(Int.self, forKey: .participantCount) ?? 0
        isDeleted = try container.decodeIfPresent(Bool.self, forKey: .isDeleted) ?? false
        feederStudies = try container.decodeIfPresent([Components.Schemas.FeederStudy].self, forKey: .feederStudies) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encodeNullable(projectId, forKey: .projectId)
        try container.encodeNullable(workspaceId, forKey: .workspaceId)
        try container.encodeNullable(organisationId, forKey: .organisationId)
        try container.encodeNullable(description, forKey: .description)
        try container.encode(participantCount, forKey: .participantCount)
        try container.encode(isDeleted, forKey: .isDeleted)
        try container.encode(feederStudies, forKey: .feederStudies)
    }
}
