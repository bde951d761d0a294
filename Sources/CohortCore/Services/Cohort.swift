/// The use cases over one store, as the server and the command line use them.
public struct Cohort: Sendable {
    public let store: any CohortStore
    public let authenticator: Authenticator
    public let researchers: Researchers
    public let workspaces: Workspaces
    public let projects: Projects
    public let groups: ParticipantGroups
    public let testParticipants: TestParticipants

    public init(store: any CohortStore) {
        self.store = store
        self.authenticator = Authenticator(store: store)
        self.researchers = Researchers(store: store)
        self.workspaces = Workspaces(store: store)
        self.projects = Projects(store: store)
        self.groups = ParticipantGroups(store: store)
        self.testParticipants = TestParticipants(store: store)
    }
}
