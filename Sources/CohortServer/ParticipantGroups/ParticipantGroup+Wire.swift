import CohortAPI
import CohortCore

extension WireParticipantGroup {
    init(_ group: ParticipantGroup) {
        self.init(
            id: group.id.hex, name: group.name, projectId: group.projectID?.hex,
            workspaceId: group.owner.workspaceID?.hex, organisationId: group.owner.organisationID?.hex,
            description: group.description, participantCount: group.participantCount, isDeleted: group.isDeleted,
            feederStudies: [])
    }
}

extension Components.Schemas.MinimalChange {
    init(_ group: ParticipantGroup, changed: Int) {
        self.init(participantCount: group.participantCount, changed: changed)
    }
}

extension Components.Schemas.ParticipantGroupMembership {
    init(_ membership: Membership) {
        self.init(participantId: membership.participantID.hex, datetimeCreated: membership.addedAt.rfc3339)
    }
}
