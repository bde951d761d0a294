import CohortCore
import Foundation

/// The sandbox's state file: what `--seed` and `POST /_cohort/seed` read and `GET /_cohort/export`
/// writes, described by `docs/seed.schema.json`. Flat lists, each in creation order, that refer to
/// one another by id; unknown keys are refused (``unknownKeys(in:)``), so that a misspelt field is
/// not silently dropped.
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
    var wallets: [Wallet]?
    var records: [Record]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case formatVersion = "format_version", organisations, researchers, tokens, workspaces
        case workspaceMembers = "workspace_members", projects, participantGroups = "participant_groups", memberships
        case testParticipants = "test_participants", wallets, records
    }

    /// A workspace's balance, in cents (a wallet record, written here in its own terms).
    struct Wallet: Codable, Sendable {
        var workspaceID: String
        var totalBalance: Int
        /// What published studies hold of it; 0 when left out.
        var reservedBalance: Int?
        var datetimeCreated: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case workspaceID = "workspace_id", totalBalance = "total_balance", reservedBalance = "reserved_balance"
            case datetimeCreated = "datetime_created"
        }
    }

    struct Organisation: Codable, Sendable {
        var id: String
        var name: String
        var datetimeCreated: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case id, name, datetimeCreated = "datetime_created" }
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
    }

    struct WorkspaceMember: Codable, Sendable {
        var workspaceID: String
        var researcherID: String
        var role: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case workspaceID = "workspace_id", researcherID = "researcher_id", role
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
    }

    struct Membership: Codable, Sendable {
        var groupID: String
        var participantID: String
        var datetimeCreated: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case groupID = "group_id", participantID = "participant_id", datetimeCreated = "datetime_created"
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

            enum CodingKeys: String, CodingKey, CaseIterable { case name, value }
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case kind, id, workspaceID = "workspace_id", version, body, fields, datetimeCreated = "datetime_created"
        }
    }
}

extension StateFile {
    /// The keys each object of the file may have: the top level, each list's items by the list's
    /// key, and a record's fields.
    private static let knownKeys: [String: Set<String>] = {
        func keys<Keys: CodingKey & CaseIterable>(_ type: Keys.Type) -> Set<String> { Set(Keys.allCases.map(\.stringValue)) }
        return [
            "": keys(CodingKeys.self), "organisations": keys(Organisation.CodingKeys.self),
            "researchers": keys(Researcher.CodingKeys.self), "tokens": keys(Token.CodingKeys.self),
            "workspaces": keys(Workspace.CodingKeys.self), "workspace_members": keys(WorkspaceMember.CodingKeys.self),
            "projects": keys(Project.CodingKeys.self), "participant_groups": keys(Group.CodingKeys.self),
            "memberships": keys(Membership.CodingKeys.self), "test_participants": keys(TestParticipant.CodingKeys.self),
            "wallets": keys(Wallet.CodingKeys.self),
            "records": keys(Record.CodingKeys.self), "records.fields": keys(Record.Field.CodingKeys.self),
        ]
    }()

    /// Every key of `json` (the file, parsed) that no field has, by its place
    /// (`organisations[0].colour`): the decoder ignores them, and a seed must not.
    static func unknownKeys(in json: Any) -> [String] {
        guard let top = json as? [String: Any] else { return [] }
        var unknown = top.keys.filter { !(knownKeys[""]?.contains($0) ?? false) }
        func check(_ items: Any?, list: String, place: String) {
            for (index, item) in ((items as? [Any]) ?? []).enumerated() {
                guard let object = item as? [String: Any] else { continue }
                let itemPlace = "\(place)[\(index)]"
                unknown += object.keys.filter { !(knownKeys[list]?.contains($0) ?? true) }.map { "\(itemPlace).\($0)" }
                if list == "records" { check(object["fields"], list: "records.fields", place: "\(itemPlace).fields") }
            }
        }
        for (key, value) in top where knownKeys[key] != nil && !key.isEmpty { check(value, list: key, place: key) }
        return unknown.sorted()
    }
}
