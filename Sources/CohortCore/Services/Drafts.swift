/// Requests as the client sent them, mapped from the wire by the server and validated by the use
/// case that takes them: every resource crosses the same boundary (docs/architecture.md).

/// A participant-group create body.
public struct GroupDraft: Sendable {
    public var name: String
    public var description: String?
    public var workspaceID: String?
    public var organisationID: String?
    public var projectID: String?
    public var participantIDs: [String]?

    public init(
        name: String, description: String?, workspaceID: String?, organisationID: String?, projectID: String?,
        participantIDs: [String]?
    ) {
        self.name = name
        self.description = description
        self.workspaceID = workspaceID
        self.organisationID = organisationID
        self.projectID = projectID
        self.participantIDs = participantIDs
    }
}

/// A participant-group PATCH body.
public struct GroupPatch: Sendable {
    public var name: String?
    public var description: Change<String?>
    public var participantIDs: [String]?

    public init(name: String?, description: Change<String?>, participantIDs: [String]?) {
        self.name = name
        self.description = description
        self.participantIDs = participantIDs
    }
}

/// A workspace create body.
public struct WorkspaceDraft: Sendable {
    public var title: String
    public var description: String?
    public var naivetyDistributionRate: Double?
    public var currencyCode: String?

    public init(title: String, description: String?, naivetyDistributionRate: Double?, currencyCode: String?) {
        self.title = title
        self.description = description
        self.naivetyDistributionRate = naivetyDistributionRate
        self.currencyCode = currencyCode
    }
}

/// A workspace PATCH body.
public struct WorkspacePatch: Sendable {
    public var title: String?
    public var description: String?
    public var naivetyDistributionRate: Change<Double?>

    public init(title: String?, description: String?, naivetyDistributionRate: Change<Double?>) {
        self.title = title
        self.description = description
        self.naivetyDistributionRate = naivetyDistributionRate
    }
}

/// A project create body.
public struct ProjectDraft: Sendable {
    public var title: String
    public var description: String?
    public var visibility: Project.Visibility?
    public var publicDetails: Project.PublicDetails.Patch?
    public var naivetyDistributionRate: Double?
    public var isLongitudinal: Bool?
    public var longitudinalConfigJSON: String?

    public init(
        title: String, description: String?, visibility: Project.Visibility?, publicDetails: Project.PublicDetails.Patch?,
        naivetyDistributionRate: Double?, isLongitudinal: Bool?, longitudinalConfigJSON: String?
    ) {
        self.title = title
        self.description = description
        self.visibility = visibility
        self.publicDetails = publicDetails
        self.naivetyDistributionRate = naivetyDistributionRate
        self.isLongitudinal = isLongitudinal
        self.longitudinalConfigJSON = longitudinalConfigJSON
    }
}
