import CohortCore
import Testing

/// GroupRules.newGroup: where a new group goes, and the checks on its name, description and members.
@Suite struct GroupNewGroupTests {
    static func make(
        name: String = "Wave 2", description: String? = nil, workspace: String? = nil, organisation: String? = nil,
        project: String? = nil, members: [String]? = nil
    ) throws(CohortError) -> NewGroup {
        try GroupRules.newGroup(
            name: name, description: description, workspaceID: workspace, organisationID: organisation,
            projectID: project, participantIDs: members)
    }

    @Test func workspaceAlone() throws {
        let group = try Self.make(workspace: workspaceHex)
        #expect(group.placement == .workspace(WorkspaceID(workspaceHex)!))
        #expect(group.name == "Wave 2")
        #expect(group.description == nil)
        #expect(group.members.isEmpty)
    }

    @Test func projectAlone() throws {
        #expect(try Self.make(project: projectHex).placement == .project(ProjectID(projectHex)!))
    }

    @Test func workspaceAndProject() throws {
        #expect(
            try Self.make(workspace: workspaceHex, project: projectHex).placement
                == .workspaceProject(WorkspaceID(workspaceHex)!, ProjectID(projectHex)!))
    }

    @Test func organisationAlone() throws {
        #expect(try Self.make(organisation: organisationHex).placement == .organisation(OrganisationID(organisationHex)!))
    }

    @Test func emptyIDsCountAsAbsent() throws {
        let group = try Self.make(workspace: "", organisation: organisationHex, project: "")
        #expect(group.placement == .organisation(OrganisationID(organisationHex)!))
    }

    @Test(arguments: [
        (workspaceHex as String?, organisationHex as String?, nil as String?),
        (nil, organisationHex, projectHex),
        (workspaceHex, organisationHex, projectHex),
        (nil, nil, nil),
        ("", "", ""),
    ])
    func otherCombinationsAreAnInvalidScope(workspace: String?, organisation: String?, project: String?) throws {
        let error = try #require(throws: CohortError.self) {
            try Self.make(workspace: workspace, organisation: organisation, project: project)
        }
        #expect(error.kind == .invalidScope)
    }

    @Test(arguments: [
        ("nope" as String?, nil as String?, nil as String?),
        (nil, "5E9B9C9B0F9C9A3333333333", nil),
        (nil, nil, "5e9b9c9b0f9c9a222222222"),
        (workspaceHex, nil, "zz"),
    ])
    func malformedIDsAreNotFound(workspace: String?, organisation: String?, project: String?) throws {
        let error = try #require(throws: CohortError.self) {
            try Self.make(workspace: workspace, organisation: organisation, project: project)
        }
        #expect(error.kind == .notFound)
    }

    @Test(arguments: ["", "   ", "\t\n "])
    func blankNameIsInvalid(_ name: String) throws {
        let error = try #require(throws: CohortError.self) { try Self.make(name: name, workspace: workspaceHex) }
        #expect(error.kind == .invalidInput)
        #expect(error.detail == .fields(["name": ["This field may not be blank."]]))
    }

    @Test func nameIsTrimmedAndMayHave255Characters() throws {
        #expect(try Self.make(name: "  Wave 2\n", workspace: workspaceHex).name == "Wave 2")
        let longest = String(repeating: "é", count: 255)
        #expect(try Self.make(name: longest, workspace: workspaceHex).name == longest)
    }

    @Test func nameOver255CharactersIsInvalid() throws {
        let error = try #require(throws: CohortError.self) {
            try Self.make(name: String(repeating: "a", count: 256), workspace: workspaceHex)
        }
        #expect(error.kind == .invalidInput)
        #expect(error.detail == .fields(["name": ["Ensure this field has no more than 255 characters."]]))
    }

    @Test func descriptionIsKeptAsSentUpToTenThousandCharacters() throws {
        #expect(try Self.make(description: "  spaced  ", workspace: workspaceHex).description == "  spaced  ")
        let longest = String(repeating: "d", count: 10_000)
        #expect(try Self.make(description: longest, workspace: workspaceHex).description == longest)
    }

    @Test func badNameAndDescriptionAreReportedTogether() throws {
        let error = try #require(throws: CohortError.self) {
            try Self.make(name: " ", description: String(repeating: "d", count: 10_001), workspace: workspaceHex)
        }
        #expect(error.kind == .invalidInput)
        #expect(fieldMessages(error)?.keys.sorted() == ["description", "name"])
    }

    @Test func membersAreParsedAndDeduplicated() throws {
        let group = try Self.make(
            workspace: workspaceHex, members: [participantHex(3), participantHex(1), participantHex(3)])
        #expect(group.members == [participant(3), participant(1)])
    }

    @Test func badMembersAreInvalidParticipantIDs() throws {
        let error = try #require(throws: CohortError.self) {
            try Self.make(workspace: workspaceHex, members: [participantHex(1), "P1"])
        }
        #expect(error.kind == .invalidParticipantIDs)
        #expect(fieldMessages(error)?["participant_ids"]?.count == 1)
    }
}
