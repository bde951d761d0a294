import CohortCore
import Testing

/// ProjectRules: visibility and public details on create, validate and apply of a PATCH.
@Suite struct ProjectRulesTests {
    typealias Details = Project.PublicDetails

    static func make(
        title: String = "Study", visibility: Project.Visibility? = nil, details: Details.Patch? = nil,
        rate: Double? = nil, longitudinal: Bool? = nil, config: String? = nil
    ) throws(CohortError) -> NewProject {
        try ProjectRules.newProject(
            title: title, description: nil, visibility: visibility, publicDetails: details,
            naivetyDistributionRate: rate, isLongitudinal: longitudinal, longitudinalConfigJSON: config)
    }

    static func project(visibility: Project.Visibility, details: Details?) -> Project {
        Project(
            id: ProjectID(projectHex)!, workspaceID: WorkspaceID(workspaceHex)!, title: "Study", description: "About",
            ownerID: ResearcherID("5e9b9c9b0f9c9a5555555555")!, visibility: visibility, publicDetails: details,
            naivetyDistributionRate: 0.5, isLongitudinal: true, longitudinalConfigJSON: #"{"waves":2}"#,
            createdAt: Timestamp(secondsSince1970: 1_587_384_000))
    }

    @Test func defaultsToPrivateWithoutDetails() throws {
        let project = try Self.make(title: " Study ")
        #expect(project.title == "Study")
        #expect(project.description == "")
        #expect(project.visibility == .private)
        #expect(project.publicDetails == nil)
        #expect(project.isLongitudinal == false)
        #expect(project.longitudinalConfigJSON == nil)
    }

    @Test(arguments: [Project.Visibility.private, nil])
    func privateWithPublicDetailsIsRefused(_ visibility: Project.Visibility?) throws {
        let error = try #require(throws: CohortError.self) {
            try Self.make(visibility: visibility, details: Details.Patch(title: "Shown"))
        }
        #expect(error.kind == .invalidInput)
        #expect(fieldMessages(error)?.keys.sorted() == ["public_details"])
    }

    @Test func publicGetsDefaultDetails() throws {
        let project = try Self.make(visibility: .public)
        #expect(project.publicDetails == Details(status: .enabled, title: nil, shortDescription: nil, description: nil))
    }

    @Test func publicDetailsGivenAreKept() throws {
        let project = try Self.make(visibility: .public, details: Details.Patch(status: .disabled, title: "Shown"))
        #expect(project.publicDetails == Details(status: .disabled, title: "Shown"))
    }

    @Test func longitudinalConfigIsKeptOnlyForLongitudinalProjects() throws {
        #expect(try Self.make(longitudinal: true, config: "{}").longitudinalConfigJSON == "{}")
        #expect(try Self.make(longitudinal: false, config: "{}").longitudinalConfigJSON == nil)
        #expect(try Self.make(longitudinal: nil, config: "{}").longitudinalConfigJSON == nil)
    }

    @Test func badTitleAndRateAreReported() throws {
        let error = try #require(throws: CohortError.self) { try Self.make(title: "", rate: 1.5) }
        #expect(fieldMessages(error)?.keys.sorted() == ["naivety_distribution_rate", "title"])
    }

    @Test func validateTrimsAndChecks() throws {
        #expect(try ProjectRules.validate(ProjectEdit(title: " New ")).title == "New")
        let error = try #require(throws: CohortError.self) {
            try ProjectRules.validate(ProjectEdit(visibility: .private, publicDetails: Details.Patch(title: "x")))
        }
        #expect(fieldMessages(error)?.keys.sorted() == ["public_details"])
        #expect(throws: CohortError.self) { try ProjectRules.validate(ProjectEdit(naivetyDistributionRate: .set(-1))) }
    }

    @Test func applyChangesOnlyWhatIsGiven() throws {
        let before = Self.project(visibility: .private, details: nil)
        let after = try ProjectRules.apply(ProjectEdit(title: "Renamed", naivetyDistributionRate: .set(0.1)), to: before)
        var expected = before
        expected.title = "Renamed"
        expected.naivetyDistributionRate = 0.1
        #expect(after == expected)
        #expect(try ProjectRules.apply(ProjectEdit(), to: before) == before)
        #expect(try ProjectRules.apply(ProjectEdit(naivetyDistributionRate: .set(nil)), to: before).naivetyDistributionRate == nil)
    }

    @Test func applyMergesPublicDetails() throws {
        let before = Self.project(visibility: .public, details: Details(status: .enabled, title: "T", shortDescription: "S"))
        let after = try ProjectRules.apply(ProjectEdit(publicDetails: Details.Patch(status: .disabled, description: "D")), to: before)
        #expect(after.publicDetails == Details(status: .disabled, title: "T", shortDescription: "S", description: "D"))
        #expect(after.visibility == .public)
    }

    @Test func switchingToPrivateDropsPublicDetails() throws {
        let before = Self.project(visibility: .public, details: Details(title: "T"))
        let after = try ProjectRules.apply(ProjectEdit(visibility: .private), to: before)
        #expect(after.visibility == .private)
        #expect(after.publicDetails == nil)
    }

    @Test func switchingToPublicStartsFromDefaults() throws {
        let before = Self.project(visibility: .private, details: nil)
        #expect(try ProjectRules.apply(ProjectEdit(visibility: .public), to: before).publicDetails == Details())
        let patched = try ProjectRules.apply(ProjectEdit(visibility: .public, publicDetails: Details.Patch(title: "T")), to: before)
        #expect(patched.publicDetails == Details(status: .enabled, title: "T"))
    }

    @Test func publicDetailsOnAPrivateProjectAreRefused() throws {
        let before = Self.project(visibility: .private, details: nil)
        let error = try #require(throws: CohortError.self) {
            try ProjectRules.apply(ProjectEdit(publicDetails: Details.Patch(title: "T")), to: before)
        }
        #expect(fieldMessages(error)?.keys.sorted() == ["public_details"])
    }
}
