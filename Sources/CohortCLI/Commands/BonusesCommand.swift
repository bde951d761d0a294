import ArgumentParser
import CohortClient
import Foundation

/// `cohort bonuses ...`: Prolific's two-step bonuses, set up from a CSV and then paid.
struct BonusesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bonuses",
        abstract: "Set up bonuses for a study's participants from a CSV, and pay them.",
        discussion: """
            The CSV is Prolific's: one `<participant or submission id>,<amount>` a line, the amount \
            in the study's currency (1.50). Paying is not idempotent: paying twice pays twice.

            Example:
              cohort bonuses create --study $STUDY --file bonuses.csv
              cohort bonuses pay $BULK_BONUS
            """,
        subcommands: [Create.self, Pay.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set up bonuses from a CSV; prints them with their fees, in cents. Nothing is paid.",
            discussion: """
                Example:
                  cohort bonuses create --study $STUDY --file bonuses.csv
                """)

        @Option(help: "The study's id.") var study: String
        @Option(help: "The CSV; - reads standard input.") var file: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            let csv = try InputText.read(file)
            try Printer(format: output.resolved).print(try await connection.call { try await $0.createBonuses(study: study, csv: csv) })
        }

    }

    struct Pay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pay bonuses set up with `bonuses create`: the total leaves the wallet.",
            discussion: """
                Example:
                  cohort bonuses pay $BULK_BONUS
                """)

        @Argument(help: "The id `bonuses create` printed.") var id: String
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            try await connection.call { try await $0.payBonuses(id) }
        }
    }
}
