import ArgumentParser
import CohortCore
import CohortServer
import Foundation
import Logging

struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage API tokens, on the database a server uses.",
        discussion: """
            These work on the database directly, while servers run on it.

            Examples:
              cohort token create --email ada@example.org
              cohort token list --format csv
              cohort token revoke 3f2a9c0e1b7d4a65
            """,
        subcommands: [Create.self, List.self, Revoke.self])

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

        @OptionGroup var store: TokenStoreOptions

        func run() async throws {
            let (researcher, token) = try await store.withCohort { try await $0.researchers.createToken(email: email, name: name) }
            print("Created a token for \(researcher.name) <\(researcher.email)> (researcher \(researcher.id)) .")
            print(token.value)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every token: its id, its researcher and when it was made (never its value).",
            discussion: """
                The id is not the token: it is the first 16 hex characters of the token's SHA-256 \
                digest, safe to show, and what revoke takes.

                Example:
                  cohort token list --format csv
                """)

        @OptionGroup var store: TokenStoreOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let tokens = try await store.withCohort { try await $0.researchers.tokens() }
            try Printer(format: output.resolved).print(tokens.map(TokenRow.init))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke tokens: by id, every token of a researcher, or a token read from standard input.",
            discussion: """
                A revoked token is refused (401) from the next request on, by every server on the \
                database, tokens they had cached included. Exits non-zero when nothing matched.

                Examples:
                  cohort token revoke 3f2a9c0e1b7d4a65
                  cohort token revoke --email ada@example.org
                  echo "$TOKEN" | cohort token revoke --token-stdin
                """)

        @Argument(help: "A token's id, as token list shows it.")
        var id: String?

        @Option(help: "Revoke every token of the researcher with this email.")
        var email: String?

        @Flag(help: "Read the token itself from standard input (kept off the command line and out of ps).")
        var tokenStdin = false

        @OptionGroup var store: TokenStoreOptions

        func validate() throws {
            let given = [id != nil, email != nil, tokenStdin].filter { $0 }.count
            guard given == 1 else { throw ValidationError("Give exactly one of an id, --email and --token-stdin.") }
        }

        func run() async throws {
            let selection: TokenSelection
            if let id {
                selection = .id(id.lowercased())
            } else if let email {
                selection = .researcher(email: email)
            } else {
                let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) ?? ""
                guard !line.isEmpty else { throw CommandError("no token on standard input") }
                selection = .digest(APIToken(line).digest)
            }
            let revoked = try await store.withCohort { try await $0.researchers.revoke(selection) }
            guard revoked > 0 else { throw CommandError("no token matched; nothing was revoked") }
            print("Revoked \(revoked) token\(revoked == 1 ? "" : "s").")
        }
    }
}

/// The database a token command works on, and how it opens it.
struct TokenStoreOptions: ParsableArguments {
    @Option(
        help: """
            The SQLite file or postgres:// URL the server uses (default \(ServerConfiguration.defaultDatabase); \
            also COHORT_DATABASE).
            """)
    var database: String?

    /// Opens the store, runs `body` on it and closes it; rule errors become one-line messages.
    func withCohort<T>(_ body: (Cohort) async throws -> T) async throws -> T {
        CohortLogging.bootstrap(level: .warning)
        let location = try ServeSettings.database(flag: database)
        let store = try await StoreOpener.open(
            ServerConfiguration(database: location, databasePoolSize: 1), logger: Logger(label: "cohort"))
        do {
            let result = try await body(Cohort(store: store))
            try await store.close()
            return result
        } catch let error as CohortError {
            try? await store.close()
            throw CommandError(Self.message(error))
        } catch {
            try? await store.close()
            throw error
        }
    }

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
}

/// A token as `token list` prints it.
struct TokenRow: Tabular {
    let id: String
    let email: String
    let researcherId: String
    let datetimeCreated: String

    init(_ record: TokenRecord) {
        id = record.id
        email = record.researcher.email
        researcherId = record.researcher.id.hex
        datetimeCreated = record.createdAt.rfc3339
    }

    static let columns = ["id", "email", "researcher_id", "datetime_created"]
    var cells: [String] { [id, email, researcherId, datetimeCreated] }

    enum CodingKeys: String, CodingKey {
        case id, email
        case researcherId = "researcher_id"
        case datetimeCreated = "datetime_created"
    }
}
