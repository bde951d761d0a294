import ArgumentParser

@main
struct CohortCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cohort",
        abstract: "A self-hostable server for Prolific's participant-group API.",
        subcommands: [Serve.self, Token.self],
        defaultSubcommand: nil)
}
