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
        let workspace = details.workspace
        self.init(
            id: workspace.id.hex, title: workspace.title, description: workspace.description,
            owner: workspace.ownerID.hex, users: details.users.map(Components.Schemas.WorkspaceUser.init),
            projects: details.projects.map(WireProjectShort.init),
            naivetyDistributionRate: workspace.naivetyDistributionRate,
            organisationId: workspace.organisationID.hex, currencyCode: workspace.currencyCode.rawValue)
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
