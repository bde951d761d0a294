import ArgumentParser
import CohortClient
import Foundation

/// `cohort sandbox participants|take|complete|return`: the participant's side of a sandbox, with
/// its admin token. Each prints the API's JSON.
extension SandboxCommand {
    struct Participants: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make fresh participant ids; prints one a line.",
            discussion: """
                Example:
                  cohort sandbox participants --count 20 > participants.txt
                """)

        @Option(help: "How many (1 to 10,000).") var count: Int = 1
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            let ids = try await connection.call { try await $0.makeSandboxParticipants(count: count) }
            print(ids.joined(separator: "\n"))
        }
    }

    struct Take: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A participant takes a place in a study and starts it; prints the submission and start_url.",
            discussion: """
                Example:
                  cohort sandbox take $STUDY --participant $PARTICIPANT
                """)

        @Argument(help: "The study's id.") var study: String
        @Option(help: "The participant's id.") var participant: String
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            print(try Printer.json(try await connection.call { try await $0.takeSandboxPlace(study: study, participant: participant) }))
        }
    }

    struct Complete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The participant comes back with a completion code (none: NOCODE); prints the submission.",
            discussion: """
                Example:
                  cohort sandbox complete $SUBMISSION --code C1OK
                  cohort sandbox complete $SUBMISSION
                """)

        @Argument(help: "The submission's id.") var submission: String
        @Option(help: "The completion code the participant brings back.") var code: String?
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            print(try Printer.json(try await connection.call { try await $0.completeSandboxSubmission(submission, code: code) }))
        }
    }

    struct Return: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The participant returns their place; prints the submission.",
            discussion: """
                Example:
                  cohort sandbox return $SUBMISSION
                """)

        @Argument(help: "The submission's id.") var submission: String
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            print(try Printer.json(try await connection.call { try await $0.returnSandboxSubmission(submission) }))
        }
    }
}
