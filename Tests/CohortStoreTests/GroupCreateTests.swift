import CohortCore
import Testing

extension StoreConformance {
    /// Creating participant groups in each placement, and the placements that are refused.
    @Suite struct GroupCreate {
        @Test(arguments: StoreKind.allCases)
        func inAWorkspace(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let new = try GroupRules.newGroup(
                    name: "Wave 2", description: "Second wave", workspaceID: ada.workspace.hex, organisationID: nil,
                    projectID: nil, participantIDs: participants([3, 1, 3, 2]).map(\.hex))
                let id = GroupID.generate()
                let group = try await store.createGroup(new, id: id, by: ada.id, at: time(7))
                let expected = ParticipantGroup(
                    id: id, name: "Wave 2", description: "Second wave", owner: .workspace(ada.workspace), projectID: nil,
                    participantCount: 3, isDeleted: false, createdAt: time(7))
                #expect(group == expected)
                #expect(try await store.group(id, visibleTo: ada.id) == expected)
                let members = try await store.allMembers(of: id, by: ada)
                #expect(members == participants([1, 2, 3]).map { Membership(participantID: $0, addedAt: time(7)) })
            }
        }

        @Test(arguments: StoreKind.allCases)
        func withoutDescriptionOrMembers(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let new = try GroupRules.newGroup(
                    name: "Empty", description: nil, workspaceID: ada.workspace.hex, organisationID: nil, projectID: nil,
                    participantIDs: nil)
                let group = try await store.createGroup(new, id: .generate(), by: ada.id, at: time())
                #expect(group.description == nil)
                #expect(group.participantCount == 0)
                #expect(try await store.allMembers(of: group.id, by: ada).isEmpty)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func throughAProjectAloneGoesToItsWorkspace(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let lab = try await store.makeWorkspace("Lab", by: ada).workspace.id
                let project = try await store.makeProject("Study", in: lab, by: ada)
                let group = try await store.makeGroup(project: project.id, by: ada)
                #expect(group.owner == .workspace(lab))
                #expect(group.projectID == project.id)
                #expect(try await store.group(group.id, visibleTo: ada.id) == group)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func inAWorkspaceWithItsProject(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let project = try await store.makeProject("Study", in: ada.workspace, by: ada)
                let group = try await store.makeGroup(workspace: ada.workspace, project: project.id, by: ada)
                #expect(group.owner == .workspace(ada.workspace))
                #expect(group.projectID == project.id)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func projectFromAnotherWorkspaceIsInvalidInput(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let lab = try await store.makeWorkspace("Lab", by: ada).workspace.id
                let project = try await store.makeProject("Study", in: lab, by: ada)
                let error = await cohortError {
                    _ = try await store.makeGroup(workspace: ada.workspace, project: project.id, by: ada)
                }
                #expect(error?.kind == .invalidInput)
                for workspace in [ada.workspace, lab] {
                    let groups = try await store.groups(in: .workspace(workspace), active: nil, page: .everything, visibleTo: ada.id)
                    #expect(groups.total == 0)
                }
            }
        }

        @Test(arguments: StoreKind.allCases)
        func inTheOrganisation(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let group = try await store.makeGroup(organisation: ada.organisation, members: [participant(1)], by: ada)
                #expect(group.owner == .organisation(ada.organisation))
                #expect(group.projectID == nil)
                #expect(group.participantCount == 1)
                #expect(try await store.group(group.id, visibleTo: ada.id) == group)
                let listed = try await store.groups(in: .organisation(ada.organisation), active: nil, page: .everything, visibleTo: ada.id)
                #expect(listed.items == [group])
                #expect(try await store.groups(in: .workspace(ada.workspace), active: nil, page: .everything, visibleTo: ada.id).total == 0)
            }
        }

        @Test(arguments: StoreKind.allCases)
        func unknownPlacementsAreNotFound(kind: StoreKind) async throws {
            try await withStore(kind) { store in
                let ada = try await store.tenant("ada@example.org")
                let attempts: [@Sendable () async throws -> Void] = [
                    { _ = try await store.makeGroup(workspace: .generate(), by: ada) },
                    { _ = try await store.makeGroup(project: .generate(), by: ada) },
                    { _ = try await store.makeGroup(workspace: ada.workspace, project: .generate(), by: ada) },
                    { _ = try await store.makeGroup(organisation: .generate(), by: ada) },
                ]
                for attempt in attempts {
                    let error = await cohortError(attempt)
                    #expect(error?.kind == .notFound)
                }
                #expect(try await store.groups(in: .workspace(ada.workspace), active: nil, page: .everything, visibleTo: ada.id).total == 0)
            }
        }
    }
}
