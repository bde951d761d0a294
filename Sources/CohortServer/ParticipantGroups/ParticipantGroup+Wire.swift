import CohortAPI
import CohortCore

extension WireParticipantGroup {
    /// The group, with the studies whose codes add to or remove from it (``Studies/feeders(of:)``).
    init(_ group: ParticipantGroup, feeders: [Study] = []) {
        self.init(
            id: group.id.hex, name: group.name, projectId: group.projectID?.hex,
            workspaceId: group.owner.workspaceID?.hex, organisationId: group.owner.organisationID?.hex,
            description: group.description, participantCount: group.participantCount, isDeleted: group.isDeleted,
            feederStudies: feeders.map { Components.Schemas.FeederStudy($0, feeding: group.id) })
    }
}

extension Components.Schemas.FeederStudy {
    /// One entry per code action of the study that adds to or removes from `group`.
    init(_ study: Study, feeding group: GroupID) {
        let codes = study.content.completionCodes.flatMap { code in
            code.actions.compactMap { action -> FeederCompletionCodesPayloadPayload? in
                switch action {
                case .addToParticipantGroup(group):
                    .init(code: code.code, codeType: code.codeType, action: .addToParticipantGroup)
                case .removeFromParticipantGroup(group):
                    .init(code: code.code, codeType: code.codeType, action: .removeFromParticipantGroup)
                default: nil
                }
            }
        }
        self.init(
            id: study.id.hex, name: study.content.name, internalName: study.content.internalName,
            status: study.status.rawValue, feederCompletionCodes: codes)
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
