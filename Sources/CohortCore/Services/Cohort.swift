/// The use cases over one store, as the server and the command line use them.
public struct Cohort: Sendable {
    public let store: any CohortStore
    public let authenticator: Authenticator
    public let researchers: Researchers
    public let workspaces: Workspaces
    public let projects: Projects
    public let groups: ParticipantGroups
    public let testParticipants: TestParticipants
    public let studies: Studies
    public let testStudies: TestStudies
    public let submissions: Submissions
    /// The participant's side, driven by the sandbox.
    public let participation: Participation
    public let bonuses: Bonuses
    public let messages: Messages
    /// The sandbox's export, seed and reset.
    public let snapshots: StateSnapshots
    /// What every write reads the time from.
    public let clock: any CohortClock
    /// The fee and VAT rates, and a new wallet's balance.
    public let money: MoneySettings

    public init(store: any CohortStore, clock: any CohortClock = SystemClock(), money: MoneySettings = .standard) {
        self.store = store
        self.clock = clock
        self.money = money
        self.authenticator = Authenticator(store: store)
        self.researchers = Researchers(store: store, clock: clock)
        self.workspaces = Workspaces(store: store, clock: clock)
        self.projects = Projects(store: store, clock: clock)
        self.groups = ParticipantGroups(store: store, clock: clock)
        self.testParticipants = TestParticipants(store: store, clock: clock)
        self.studies = Studies(store: store, clock: clock, money: money)
        self.testStudies = TestStudies(store: store, clock: clock)
        self.submissions = Submissions(store: store, clock: clock, money: money)
        self.participation = Participation(store: store, clock: clock, money: money)
        self.bonuses = Bonuses(store: store, clock: clock, money: money)
        self.messages = Messages(store: store, clock: clock)
        self.snapshots = StateSnapshots(store: store)
    }
}
