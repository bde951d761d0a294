import CohortClient

/// A value the client commands print: as JSON it is the API's own object; as a table or CSV, these
/// columns, named as the API names its fields.
protocol Tabular: Encodable {
    static var columns: [String] { get }
    /// One cell per column; empty where the API has `null`.
    var cells: [String] { get }
}

extension ParticipantGroup: Tabular {
    static let columns = [
        "id", "name", "description", "workspace_id", "project_id", "organisation_id", "participant_count", "is_deleted",
    ]

    var cells: [String] {
        [
            id, name, description ?? "", workspaceId ?? "", projectId ?? "", organisationId ?? "", String(participantCount),
            String(isDeleted),
        ]
    }
}

/// `participant_id` first, so that `members list --format csv` can be given back to `--file`.
extension GroupMember: Tabular {
    static let columns = ["participant_id", "datetime_created"]

    var cells: [String] { [participantId, datetimeCreated ?? ""] }
}

extension WorkspaceSummary: Tabular {
    static let columns = ["id", "title", "description", "owner", "users"]

    var cells: [String] { [id, title, description, owner, String(users.count)] }
}

extension User: Tabular {
    static let columns = ["id", "email", "name"]

    var cells: [String] { [id, email, name ?? ""] }
}

extension StudySummary: Tabular {
    static let columns = ["id", "name", "internal_name", "status", "total_available_places", "places_taken", "reward", "total_cost", "date_created"]

    var cells: [String] {
        [id, name, internalName ?? "", status, String(totalAvailablePlaces), String(placesTaken), String(reward), String(totalCost), dateCreated]
    }
}

extension Study: Tabular {
    static let columns = [
        "id", "name", "internal_name", "status", "project", "total_available_places", "places_taken", "reward",
        "estimated_completion_time", "total_cost", "currency_code", "date_created", "published_at",
    ]

    var cells: [String] {
        [
            id, name, internalName ?? "", status, project, String(totalAvailablePlaces), String(placesTaken), String(reward),
            String(estimatedCompletionTime), String(totalCost), currencyCode, dateCreated, publishedAt ?? "",
        ]
    }
}
