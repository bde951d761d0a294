import ArgumentParser
import CohortCore
import CohortServer
import Logging

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage API tokens.",
        discussion: """
            Example:
              cohort token create --email ada@example.org
            """,
        subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token for a researcher, creating the researcher if needed.",
            discussion: """
                A new researcher gets an organisation and a workspace of their own. The token is printed \
                alone on the last line of standard output. This works while a server runs on the same \
                database.

                Example:
                  TOKEN=$(cohort token create --email ada@example.org | tail -n 1)
                """)

        @Option(help: "The researcher's email.")
        var email: String

        @Option(help: "The researcher's name, for a new researcher (default: the part of the email before @).")
        var name: String?

        @Option(
            help: """
                The SQLite file or postgres:// URL the server uses (default \(ServerConfiguration.defaultDatabase); \
                also COHORT_DATABASE).
                """)
        var database: String?

        /// "email: Enter a valid email address." rather than the envelope's structure.
        static func message(_ error: CohortError) -> String {
            switch error.detail {
            case .message(let message): message
            case .messages(let messages): messages.joined(separator: " ")
            case .fields(let fields):
                fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.joined(separator: " "))" }
                    .joined(separator: "; ")
            }
        }

        func run() async throws {
            Settings.bootstrapLogging(level: .warning)
            let location = Settings.database(database)
            let logger = Logger(label: "cohort")
            let store = try await StoreOpener.open(ServerConfiguration(database: location, databasePoolSize: 1), logger: logger)
            do {
                let (researcher, token) = try await Cohort(store: store).researchers.createToken(email: email, name: name)
                try await store.close()
                print("Created a token for \(researcher.name) <\(researcher.email)> (researcher \(researcher.id)) .")
                print(token.value)
            } catch let error as CohortError {
                try? await store.close()
                throw CommandError(Self.message(error))
            } catch {
                try? await store.close()
                throw error
            }
        }
    }
}
