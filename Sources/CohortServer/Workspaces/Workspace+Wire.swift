import CohortAPI
import CohortCore

extension Components.Schemas.WorkspaceUser {
    init(_ member: Member) {
        self.init(
            id: member.researcher.id.hex, name: member.researcher.name, email: member.researcher.email,
            roles: member.roles)
    }
}

extension WireWorkspace {
    init(_ details: WorkspaceDetails) {
        self.init(
            short: WireWorkspaceShort(details), projects: details.projects.map(WireProjectShort.init),
            organisationId: details.workspace.organisationID.hex, currencyCode: details.workspace.currencyCode.rawValue)
    }
}

extension WireWorkspaceShort {
    init(_ details: WorkspaceDetails) {
        let workspace = details.workspace
        self.init(
            id: workspace.id.hex, title: workspace.title, description: workspace.description,
            owner: workspace.ownerID.hex, users: details.users.map(Components.Schemas.WorkspaceUser.init),
            naivetyDistributionRate: workspace.naivetyDistributionRate)
    }
}
