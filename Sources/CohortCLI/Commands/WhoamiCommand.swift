import ArgumentParser
import CohortClient

struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show the researcher the token belongs to.",
        discussion: """
            A quick check that the server answers and the token is good.

            Example:
              PROLIFIC_URL=http://127.0.0.1:8080 PROLIFIC_TOKEN=... cohort whoami
            """)

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ClientOptions

    func run() async throws {
        try Printer(format: output.resolved).print(try await connection.call { try await $0.me() })
    }
}
