import ArgumentParser
import CohortClient

struct WorkspacesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspaces",
        abstract: "The workspaces the token's researcher belongs to.",
        discussion: """
            Example:
              cohort workspaces list --format csv
            """,
        subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List your workspaces, oldest first.",
            discussion: """
                A group lives in a workspace: give its id to groups list and groups create.

                Example:
                  WS=$(cohort workspaces list --format json | jq -r '.[0].id')
                """)

        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            try Printer(format: output.resolved).print(try await connection.call { try await $0.workspaces().all() })
        }
    }
}
