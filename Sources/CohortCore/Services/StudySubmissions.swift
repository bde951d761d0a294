extension RecordStore {
    /// Every submission of a study, in the order the places were taken: one indexed lookup by the
    /// `study` field, whatever else the workspace holds (a list by workspace and field walked
    /// every submission of the workspace).
    func submissions(of study: Study) async throws -> [Submission] {
        try await records(of: Submission.recordKind, carrying: RecordField(Submission.studyField, study.id.hex))
            .filter { $0.workspaceID == study.workspaceID }
            .map { try $0.decode() }
    }
}
