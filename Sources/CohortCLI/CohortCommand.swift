import ArgumentParser

/// The `cohort` command: `serve`, `token`, and the client commands. A library, so that its
/// parsing can be tested without a process; the executable only calls ``main()``.
public struct CohortCommand: AsyncParsableCommand {
    public init() {}

    public static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "A self-hostable server for Prolific's API, and a client for it.",
        discussion: """
            The client commands talk to a Cohort server or to Prolific itself: the server and token \
            come from --url and --token, or PROLIFIC_URL (default https://api.prolific.com) and PROLIFIC_TOKEN.

            Example:
              cohort serve --port 8080
              export PROLIFIC_URL=http://127.0.0.1:8080 PROLIFIC_TOKEN=<token>
              cohort workspaces list
            """,
        subcommands: [
            Serve.self, Token.self, GroupsCommand.self, MembersCommand.self, StudiesCommand.self, SubmissionsCommand.self,
            BonusesCommand.self, MessagesCommand.self, WorkspacesCommand.self,
            WhoamiCommand.self,
            SandboxCommand.self,
        ],
        defaultSubcommand: nil)
}
