import CohortAPI
import CohortCore
import Foundation
import OpenAPIRuntime

extension WireProjectShort {
    init(_ details: ProjectDetails) {
        let project = details.project
        self.init(
            id: project.id.hex, title: project.title, description: project.description, owner: project.ownerID.hex,
            type: project.visibility == .public ? ._public : ._private,
            publicDetails: project.publicDetails.map(WirePublicDetails.init),
            users: details.users.map(Components.Schemas.WorkspaceUser.init),
            naivetyDistributionRate: project.naivetyDistributionRate)
    }
}

extension WireProject {
    init(_ details: ProjectDetails) {
        let project = details.project
        var longitudinal: Longitudinal?
        if project.isLongitudinal {
            let config = project.longitudinalConfigJSON.flatMap { json in
                try? JSONDecoder().decode(OpenAPIObjectContainer.self, from: Data(json.utf8))
            }
            longitudinal = Longitudinal(config: config)
        }
        self.init(
            short: WireProjectShort(details), workspace: project.workspaceID.hex,
            isLongitudinal: project.isLongitudinal, longitudinal: longitudinal)
    }
}

extension WirePublicDetails {
    init(_ details: Project.PublicDetails) {
        self.init(
            status: details.status == .enabled ? .enabled : .disabled, title: details.title,
            shortDescription: details.shortDescription, description: details.description)
    }

    var patch: Project.PublicDetails.Patch {
        Project.PublicDetails.Patch(
            status: status.map { $0 == .enabled ? .enabled : .disabled }, title: title,
            shortDescription: shortDescription, description: description)
    }
}

extension Components.Schemas.ProjectType {
    var visibility: Project.Visibility { self == ._public ? .public : .private }
}
