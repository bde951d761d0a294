import CohortCore

/// A plain resource that exists only in the tests: what a study, a filter set or a message is to
/// the storage layer, a document in a workspace with a few fields that lists filter on.
struct Note: PlainResource, Hashable {
    enum Entity: NamedEntity { static let entityName = "Note" }

    static let recordKind = RecordKind("note")
    let id: ID<Entity>
    let workspaceID: WorkspaceID
    let createdAt: Timestamp
    var text: String
    var status: String
    var tags: [String]

    init(in workspace: WorkspaceID, text: String, status: String = "DRAFT", tags: [String] = [], at: Timestamp = time()) {
        self.id = .generate()
        self.workspaceID = workspace
        self.createdAt = at
        self.text = text
        self.status = status
        self.tags = tags
    }

    var listFields: Set<RecordField> {
        Set([RecordField("status", status)] + tags.map { RecordField("tag", $0) })
    }
}
