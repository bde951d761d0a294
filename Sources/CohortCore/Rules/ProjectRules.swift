/// A validated project create request.
public struct NewProject: Hashable, Sendable {
    public let title: String
    public let description: String
    public let visibility: Project.Visibility
    public let publicDetails: Project.PublicDetails?
    public let naivetyDistributionRate: Double?
    public let isLongitudinal: Bool
    public let longitudinalConfigJSON: String?
}

/// A project PATCH as sent; ``ProjectRules/apply(_:to:)`` turns it into the new project.
public struct ProjectEdit: Hashable, Sendable {
    public var title: String?
    public var description: String?
    public var visibility: Project.Visibility?
    /// Fields given here replace those of the project's public details; the rest stay.
    public var publicDetails: Project.PublicDetails.Patch?
    /// `.set(nil)` goes back to Prolific's default rate.
    public var naivetyDistributionRate: Change<Double?>

    public init(
        title: String? = nil, description: String? = nil, visibility: Project.Visibility? = nil,
        publicDetails: Project.PublicDetails.Patch? = nil, naivetyDistributionRate: Change<Double?> = .keep
    ) {
        self.title = title
        self.description = description
        self.visibility = visibility
        self.publicDetails = publicDetails
        self.naivetyDistributionRate = naivetyDistributionRate
    }
}

extension Project.PublicDetails {
    /// A partial `public_details`: `nil` fields are left as they are.
    public struct Patch: Hashable, Sendable {
        public var status: Status?
        public var title: String?
        public var shortDescription: String?
        public var description: String?

        public init(status: Status? = nil, title: String? = nil, shortDescription: String? = nil, description: String? = nil) {
            self.status = status
            self.title = title
            self.shortDescription = shortDescription
            self.description = description
        }

        /// `base` with this patch's fields written over it.
        public func applied(to base: Project.PublicDetails) -> Project.PublicDetails {
            Project.PublicDetails(
                status: status ?? base.status, title: title ?? base.title,
                shortDescription: shortDescription ?? base.shortDescription, description: description ?? base.description)
        }
    }
}

/// The rules of projects that do not need a database.
public enum ProjectRules {
    public static func newProject(
        title: String, description: String?, visibility: Project.Visibility?,
        publicDetails: Project.PublicDetails.Patch?, naivetyDistributionRate: Double?, isLongitudinal: Bool?,
        longitudinalConfigJSON: String?
    ) throws(CohortError) -> NewProject {
        var errors = FieldErrors()
        let title = TextRules.name(title, field: "title", into: &errors)
        if let description { TextRules.description(description, into: &errors) }
        TextRules.naivetyRate(naivetyDistributionRate, into: &errors)
        let visibility = visibility ?? .private
        if visibility == .private && publicDetails != nil {
            errors.add("public_details", "Only PUBLIC projects have public details; omit it for PRIVATE projects.")
        }
        try errors.throwIfAny()
        let details = visibility == .public ? (publicDetails ?? .init()).applied(to: .init()) : nil
        let longitudinal = isLongitudinal ?? false
        return NewProject(
            title: title, description: description ?? "", visibility: visibility, publicDetails: details,
            naivetyDistributionRate: naivetyDistributionRate, isLongitudinal: longitudinal,
            longitudinalConfigJSON: longitudinal ? longitudinalConfigJSON : nil)
    }

    /// Validates a PATCH before a store applies it.
    public static func validate(_ edit: ProjectEdit) throws(CohortError) -> ProjectEdit {
        var errors = FieldErrors()
        var edit = edit
        edit.title = edit.title.map { TextRules.name($0, field: "title", into: &errors) }
        if let description = edit.description { TextRules.description(description, into: &errors) }
        if case .set(let rate) = edit.naivetyDistributionRate { TextRules.naivetyRate(rate, into: &errors) }
        if edit.visibility == .private && edit.publicDetails != nil {
            errors.add("public_details", "Only PUBLIC projects have public details; omit it for PRIVATE projects.")
        }
        try errors.throwIfAny()
        return edit
    }

    /// `project` after `edit`. Stores call this inside the write transaction.
    ///
    /// Public details only exist on public projects: turning a project PRIVATE drops them,
    /// turning it PUBLIC starts them from the defaults.
    public static func apply(_ edit: ProjectEdit, to project: Project) throws(CohortError) -> Project {
        var result = project
        if let title = edit.title { result.title = title }
        if let description = edit.description { result.description = description }
        result.naivetyDistributionRate = edit.naivetyDistributionRate.applied(to: result.naivetyDistributionRate)
        if let visibility = edit.visibility { result.visibility = visibility }
        switch result.visibility {
        case .private:
            if edit.publicDetails != nil {
                throw CohortError.invalid(
                    "public_details", "Only PUBLIC projects have public details; omit it for PRIVATE projects.")
            }
            result.publicDetails = nil
        case .public:
            let base = result.publicDetails ?? Project.PublicDetails()
            result.publicDetails = edit.publicDetails?.applied(to: base) ?? base
        }
        return result
    }
}
