/// `#/components/schemas/CreateParticipantGroup`, decoded strictly: `null` is refused for fields
/// that are not nullable (only `description` is).
public struct WireCreateParticipantGroup: Codable, Hashable, Sendable {
    public var workspaceId: String?
    public var organisationId: String?
    public var projectId: String?
    public var name: String
    public var description: String?
    public var participantIds: [String]?

    public init(
        name: String, workspaceId: String? = nil, organisationId: String? = nil, projectId: String? = nil,
        description: String? = nil, participantIds: [String]? = nil
    ) {
        self.workspaceId = workspaceId
        self.organisationId = organisationId
        self.projectId = projectId
        self.name = name
        self.description = description
        self.participantIds = participantIds
    }

    enum CodingKeys: String, CodingKey {
        case workspaceId = "workspace_id"
        case organisationId = "organisation_id"
        case projectId = "project_id"
        case name, description
        case participantIds = "participant_ids"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        workspaceId = try container.decodeNonNull(String.self, forKey: .workspaceId)
        organisationId = try container.decodeNonNull(String.self, forKey: .organisationId)
        projectId = try container.decodeNonNull(String.self, forKey: .projectId)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        participantIds = try container.decodeNonNull([String].self, forKey: .participantIds)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(workspaceId, forKey: .workspaceId)
        try container.encodeIfPresent(organisationId, forKey: .organisationId)
        try container.encodeIfPresent(projectId, forKey: .projectId)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(participantIds, forKey: .participantIds)
    }
}

/// `#/components/schemas/ParticipantGroupUpdate`: fields left out stay; `description` null clears it.
public struct WireParticipantGroupUpdate: Codable, Hashable, Sendable {
    public var name: String?
    public var description: PatchField<String>
    public var participantIds: [String]?

    public init(name: String? = nil, description: PatchField<String> = .absent, participantIds: [String]? = nil) {
        self.name = name
        self.description = description
        self.participantIds = participantIds
    }

    enum CodingKeys: String, CodingKey {
        case name, description
        case participantIds = "participant_ids"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeNonNull(String.self, forKey: .name)
        description = try container.decodePatchField(String.self, forKey: .description)
        participantIds = try container.decodeNonNull([String].self, forKey: .participantIds)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encodeIfPresent(participantIds, forKey: .participantIds)
    }
}
