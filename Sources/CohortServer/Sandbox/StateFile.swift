import CohortCore
import Foundation

/// The sandbox's state file: what `--seed` and `POST /_cohort/seed` read and `GET /_cohort/export`
/// writes, described by `docs/seed.schema.json`. Flat lists, each in creation order, that refer to
/// one another by id; unknown keys are refused, so that a misspelt field is not silently dropped.
///
/// A seed may leave out what has a default (times: the clock's time; descriptions: empty; a
/// member's role: WORKSPACE_ADMIN; currency: GBP) and may give a token in clear (`token`); an
/// export writes every field, and tokens only as their SHA-256 `digest`.
struct StateFile: Codable, Sendable {
    static let formatVersion = 1

    var formatVersion: Int?
    var organisations: [Organisation]?
    var researchers: [Researcher]?
    var tokens: [Token]?
    var workspaces: [Workspace]?
    var workspaceMembers: [WorkspaceMember]?
    var projects: [Project]?
    var participantGroups: [Group]?
    var memberships: [Membership]?
    var testParticipants: [TestParticipant]?
    var records: [Record]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case formatVersion = "format_version", organisations, researchers, tokens, workspaces
        case workspaceMembers = "workspace_members", projects, participantGroups = "participant_groups", memberships
        case testParticipants = "test_participants", records
    }

    init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decodeIfPresent(Int.self, forKey: .formatVersion)
        if let version = formatVersion, version != Self.formatVersion {
            throw DecodingError.dataCorruptedError(
                forKey: .formatVersion, in: container, debugDescription: "Only format_version \(Self.formatVersion) is known.")
        }
        organisations = try container.decodeIfPresent([Organisation].self, forKey: .organisations)
        researchers = try container.decodeIfPresent([Researcher].self, forKey: .researchers)
        tokens = try container.decodeIfPresent([Token].self, forKey: .tokens)
        workspaces = try container.decodeIfPresent([Workspace].self, forKey: .workspaces)
        workspaceMembers = try container.decodeIfPresent([WorkspaceMember].self, forKey: .workspaceMembers)
        projects = try container.decodeIfPresent([Project].self, forKey: .projects)
        participantGroups = try container.decodeIfPresent([Group].self, forKey: .participantGroups)
        memberships = try container.decodeIfPresent([Membership].self, forKey: .memberships)
        testParticipants = try container.decodeIfPresent([TestParticipant].self, forKey: .testParticipants)
        records = try container.decodeIfPresent([Record].self, forKey: .records)
    }

    struct Organisation: Codable, Sendable {
        var id: String
        var name: String
        var datetimeCreated: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case id, name, datetimeCreated = "datetime_created" }

        init(id: String, name: String, datetimeCreated: String?) {
            (self.id, self.name, self.datetimeCreated) = (id, name, datetimeCreated)
        }

        init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            name = try container.decode(String.self, forKey: .name)
            datetimeCreated = try container.decodeIfPresent(String.self, forKey: .datetimeCreated)
        }
    }

    struct Researcher: Codable, Sendable {
        var id: String
        var email: String
        var name: String
        var organisationID: String
        var datetimeCreated: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, email, name, organisationID = "organisation_id", datetimeCreated = "datetime_created"
        }

        init(id: String, email: String, name: String, organisationID: String, datetimeCreated: String?) {
            (self.id, self.email, self.name, self.organisationID, self.datetimeCreated) =
                (id, email, name, organisationID, datetimeCreated)
        }

        init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            email = try container.decode(String.self, forKey: .email)
            name = try container.decode(String.self, forKey: .name)
            organisationID = try container.decode(String.self, forKey: .organisationID)
            datetimeCreated = try container.decodeIfPresent(String.self, forKey: .datetimeCreated)
        }
    }

    /// Exactly one of `token` (in clear, seeds only) and `digest` (SHA-256, hex).
    struct Token: Codable, Sendable {
        var researcherID: String
        var token: String?
        var digest: String?
        var datetimeCreated: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case researcherID = "researcher_id", token, digest, datetimeCreated = "datetime_created"
        }

        init(researcherID: String, digest: String, datetimeCreated: String?) {
            (self.researcherID, self.token, self.digest, self.datetimeCreated) = (researcherID, nil, digest, datetimeCreated)
        }

        init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            researcherID = try container.decode(String.self, forKey: .researcherID)
            token = try container.decodeIfPresent(String.self, forKey: .token)
            digest = try container.decodeIfPresent(String.self, forKey: .digest)
            datetimeCreated = try container.decodeIfPresent(String.self, forKey: .datetimeCreated)
        }
    }

    struct Workspace: Codable, Sendable {
        var id: String
        var organisationID: String
        var ownerID: String
        var title: String
        var description: String?
        var naivetyDistributionRate: Double?
        var currencyCode: String?
        var datetimeCreated: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, organisationID = "organisation_id", ownerID = "owner_id", title, description
            case naivetyDistributionRate = "naivety_distribution_rate", currencyCode = "currency_code"
            case datetimeCreated = "datetime_created"
        }

        init(
            id: String, organisationID: String, ownerID: String, title: String, description: String?,
            naivetyDistributionRate: Double?, currencyCode: String?, datetimeCreated: String?
        ) {
            (self.id, self.organisationID, self.ownerID, self.title, self.description) =
                (id, organisationID, ownerID, title, description)
            (self.naivetyDistributionRate, self.currencyCode, self.datetimeCreated) =
                (naivetyDistributionRate, currencyCode, datetimeCreated)
        }

        init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            organisationID = try container.decode(String.self, forKey: .organisationID)
            ownerID = try container.decode(String.self, forKey: .ownerID)
            title = try container.decode(String.self, forKey: .title)
            description = try container.decodeIfPresent(String.self, forKey: .description)
            naivetyDistributionRate = try container.decodeIfPresent(Double.self, forKey: .naivetyDistributionRate)
            currencyCode = try container.decodeIfPresent(String.self, forKey: .currencyCode)
            datetimeCreated = try container.decodeIfPresent(String.self, forKey: .datetimeCreated)
        }
    }

    struct WorkspaceMember: Codable, Sendable {
        var workspaceID: String
        var researcherID: String
        var role: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case workspaceID = "workspace_id", researcherID = "researcher_id", role
        }

        init(workspaceID: String, researcherID: String, role: String?) {
            (self.workspaceID, self.researcherID, self.role) = (workspaceID, researcherID, role)
        }

        init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            workspaceID = try container.decode(String.self, forKey: .workspaceID)
            researcherID = try container.decode(String.self, forKey: .researcherID)
            role = try container.decodeIfPresent(String.self, forKey: .role)
        }
    }

    struct Project: Codable, Sendable {
        var id: String
        var workspaceID: String
        var ownerID: String
        var title: String
        var description: String?
        /// PRIVATE or PUBLIC.
        var type: String?
        var publicStatus: String?
        var publicTitle: String?
        var publicShortDescription: String?
        var publicDescription: String?
        var naivetyDistributionRate: Double?
        var isLongitudinal: Bool?
        /// JSON text, as the API took it.
        var longitudinalConfig: String?
        var datetimeCreated: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, workspaceID = "workspace_id", ownerID = "owner_id", title, description, type
            case publicStatus = "public_status", publicTitle = "public_title"
            case publicShortDescription = "public_short_description", publicDescription = "public_description"
            case naivetyDistributionRate = "naivety_distribution_rate", isLongitudinal = "is_longitudinal"
            case longitudinalConfig = "longitudinal_config", datetimeCreated = "datetime_created"
        }

        init(_ project: CohortCore.Project) {
            id = project.id.hex
            workspaceID = project.workspaceID.hex
            ownerID = project.ownerID.hex
            title = project.title
            description = project.description
            type = project.visibility.rawValue
            publicStatus = project.publicDetails?.status.rawValue
            publicTitle = project.publicDetails?.title
            publicShortDescription = project.publicDetails?.shortDescription
            publicDescription = project.publicDetails?.description
            naivetyDistributionRate = project.naivetyDistributionRate
            isLongitudinal = project.isLongitudinal
            longitudinalConfig = project.longitudinalConfigJSON
            datetimeCreated = project.createdAt.rfc3339
        }

        init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            workspaceID = try container.decode(String.self, forKey: .workspaceID)
            ownerID = try container.decode(String.self, forKey: .ownerID)
            title = try container.decode(String.self, forKey: .title)
            description = try container.decodeIfPresent(String.self, forKey: .description)
            type = try container.decodeIfPresent(String.self, forKey: .type)
            publicStatus = try container.decodeIfPresent(String.self, forKey: .publicStatus)
            publicTitle = try container.decodeIfPresent(String.self, forKey: .publicTitle)
            publicShortDescription = try container.decodeIfPresent(String.self, forKey: .publicShortDescription)
            publicDescription = try container.decodeIfPresent(String.self, forKey: .publicDescription)
            naivetyDistributionRate = try container.decodeIfPresent(Double.self, forKey: .naivetyDistributionRate)
            isLongitudinal = try container.decodeIfPresent(Bool.self, forKey: .isLongitudinal)
            longitudinalConfig = try container.decodeIfPresent(String.self, forKey: .longitudinalConfig)
            datetimeCreated = try container.decodeIfPresent(String.self, forKey: .datetimeCreated)
        }
    }

    /// Exactly one of `workspace_id` and `organisation_id`.
    struct Group: Codable, Sendable {
        var id: String
        var name: String
        var description: String?
        var workspaceID: String?
        var organisationID: String?
        var projectID: String?
        var isDeleted: Bool?
        var datetimeCreated: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, name, description, workspaceID = "workspace_id", organisationID = "organisation_id"
            case projectID = "project_id", isDeleted = "is_deleted", datetimeCreated = "datetime_created"
        }

        init(_ group: ParticipantGroup) {
            id = group.id.hex
            name = group.name
            description = group.description
            workspaceID = group.owner.workspaceID?.hex
            organisationID = group.owner.organisationID?.hex
            projectID = group.projectID?.hex
            isDeleted = group.isDeleted
            datetimeCreated = group.createdAt.rfc3339
        }

        init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            name = try container.decode(String.self, forKey: .name)
            description = try container.decodeIfPresent(String.self, forKey: .description)
            workspaceID = try container.decodeIfPresent(String.self, forKey: .workspaceID)
            organisationID = try container.decodeIfPresent(String.self, forKey: .organisationID)
            projectID = try container.decodeIfPresent(String.self, forKey: .projectID)
            isDeleted = try container.decodeIfPresent(Bool.self, forKey: .isDeleted)
            datetimeCreated = try container.decodeIfPresent(String.self, forKey: .datetimeCreated)
        }
    }

    struct Membership: Codable, Sendable {
        var groupID: String
        var participantID: String
        var datetimeCreated: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case groupID = "group_id", participantID = "participant_id", datetimeCreated = "datetime_created"
        }

        init(groupID: String, participantID: String, datetimeCreated: String?) {
            (self.groupID, self.participantID, self.datetimeCreated) = (groupID, participantID, datetimeCreated)
        }

        init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            groupID = try container.decode(String.self, forKey: .groupID)
            participantID = try container.decode(String.self, forKey: .participantID)
            datetimeCreated = try container.decodeIfPresent(String.self, forKey: .datetimeCreated)
        }
    }

    struct TestParticipant: Codable, Sendable {
        var id: String
        var email: String
        var createdBy: String
        var datetimeCreated: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, email, createdBy = "created_by", datetimeCreated = "datetime_created"
        }

        init(id: String, email: String, createdBy: String, datetimeCreated: String?) {
            (self.id, self.email, self.createdBy, self.datetimeCreated) = (id, email, createdBy, datetimeCreated)
        }

        init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            email = try container.decode(String.self, forKey: .email)
            createdBy = try container.decode(String.self, forKey: .createdBy)
            datetimeCreated = try container.decodeIfPresent(String.self, forKey: .datetimeCreated)
        }
    }

    /// A plain resource's stored document (docs/architecture.md), kept as the text it was.
    struct Record: Codable, Sendable {
        var kind: String
        var id: String
        var workspaceID: String
        var version: Int?
        var body: String
        var fields: [Field]?
        var datetimeCreated: String?

        struct Field: Codable, Sendable {
            var name: String
            var value: String

            init(name: String, value: String) {
                (self.name, self.value) = (name, value)
            }

            enum CodingKeys: String, CodingKey, CaseIterable { case name, value }

            init(from decoder: any Decoder) throws {
                try decoder.refuseUnknownKeys(CodingKeys.self)
                let container = try decoder.container(keyedBy: CodingKeys.self)
                name = try container.decode(String.self, forKey: .name)
                value = try container.decode(String.self, forKey: .value)
            }
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case kind, id, workspaceID = "workspace_id", version, body, fields, datetimeCreated = "datetime_created"
        }

        init(_ record: StoredRecord) {
            kind = record.kind.rawValue
            id = record.id
            workspaceID = record.workspaceID.hex
            version = record.version
            body = record.body
            fields = record.fields.sorted().map { Field(name: $0.name, value: $0.value) }
            datetimeCreated = record.createdAt.rfc3339
        }

        init(from decoder: any Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            kind = try container.decode(String.self, forKey: .kind)
            id = try container.decode(String.self, forKey: .id)
            workspaceID = try container.decode(String.self, forKey: .workspaceID)
            version = try container.decodeIfPresent(Int.self, forKey: .version)
            body = try container.decode(String.self, forKey: .body)
            fields = try container.decodeIfPresent([Field].self, forKey: .fields)
            datetimeCreated = try container.decodeIfPresent(String.self, forKey: .datetimeCreated)
        }
    }
}

/// Any key of a JSON object, to see which ones it has.
private struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// Refuses an object with a key `Keys` does not name: "Unknown field.", at that key's path.
    func refuseUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        let known = Set(Keys.allCases.map(\.stringValue))
        let container = try self.container(keyedBy: AnyKey.self)
        for key in container.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath + [key], debugDescription: "Unknown field."))
        }
    }
}
