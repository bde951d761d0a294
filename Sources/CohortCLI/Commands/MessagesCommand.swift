import ArgumentParser
import CohortClient
import Foundation

/// `cohort messages ...`: messages with participants about a study.
struct MessagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "messages",
        abstract: "Send messages to participants or a group, and read yours.",
        discussion: """
            Example:
              cohort messages send --study $STUDY --to $PARTICIPANT --body "Thank you!"
              cohort messages send --study $STUDY --group $GROUP --body "A follow-up study is open."
              cohort messages unread
            """,
        subcommands: [Send.self, List.self, Unread.self])

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a message to participants (one or several --to) or to a group's members.",
            discussion: """
                Example:
                  cohort messages send --study $STUDY --to $ONE --to $TWO --body "Thank you!"
                  cohort messages send --study $STUDY --group $GROUP --body "A follow-up study is open."
                """)

        @Option(help: "The study the message is about.") var study: String
        @Option(name: .customLong("to"), help: "A participant's (or researcher's) id; repeat for more.") var recipients: [String] = []
        @Option(help: "A participant group: each current member gets the message.") var group: String?
        @Option(help: "The message.") var body: String
        @OptionGroup var connection: ClientOptions

        func validate() throws {
            if recipients.isEmpty == (group == nil) { throw ValidationError("Give --to ids or --group, one of the two.") }
        }

        func run() async throws {
            try await connection.call { client in
                if let group {
                    try await client.sendMessage(toGroup: group, body: body, study: study)
                } else if recipients.count == 1 {
                    try await client.sendMessage(to: recipients[0], body: body, study: study)
                } else {
                    try await client.sendMessage(toParticipants: recipients, body: body, study: study)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Your messages with one user, or all of them since a time, oldest first.",
            discussion: """
                Example:
                  cohort messages list --user $PARTICIPANT
                  cohort messages list --since 2030-01-01T00:00:00Z --format csv
                """)

        @Option(help: "The other user's id.") var user: String?
        @Option(help: "An RFC 3339 time, at most 30 days back.") var since: String?
        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func validate() throws {
            if (user == nil) == (since == nil) { throw ValidationError("Give --user or --since, one of the two.") }
        }

        func run() async throws {
            let messages = try await connection.call { client in
                if let user { return try await client.messages(with: user) }
                return try await client.messages(createdAfter: since ?? "")
            }
            try Printer(format: output.resolved).print(messages)
        }
    }

    struct Unread: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Messages to you not yet read.",
            discussion: """
                Example:
                  cohort messages unread --format json
                """)

        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            try Printer(format: output.resolved).print(try await connection.call { try await $0.unreadMessages() })
        }
    }
}
