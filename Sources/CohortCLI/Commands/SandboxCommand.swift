import ArgumentParser
import CohortClient
import Foundation

/// `cohort sandbox ...`: the operations of a server started with `--sandbox`, sent with its admin
/// token (`--token`, or PROLIFIC_TOKEN).
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Drive a Cohort sandbox (cohort serve --sandbox), with its admin token.",
        subcommands: [
            Clock.self, Reset.self, Seed.self, Export.self, Faults.self, Requests.self, Participants.self, Take.self,
            Complete.self, Return.self,
        ])

    struct Clock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the sandbox's clock, or move it forward.",
            discussion: """
                Every time the sandbox writes is read from this clock; it never goes backwards.

                Examples:
                  cohort sandbox clock --url http://127.0.0.1:8080 --token <admin token>
                  cohort sandbox clock --advance 86400
                  cohort sandbox clock --set 2030-01-01T00:00:00Z
                """)

        @Option(help: "Seconds to move the clock forward.")
        var advance: Int?

        @Option(name: .customLong("set"), help: "An RFC 3339 time to set the clock to (not before its time now).")
        var time: String?

        @OptionGroup var connection: ClientOptions

        func validate() throws {
            if advance != nil && time != nil { throw ValidationError("Give --advance or --set, not both.") }
        }

        func run() async throws {
            let now = try await connection.call { client in
                if let advance { return try await client.advanceSandboxClock(bySeconds: advance) }
                if let time { return try await client.setSandboxClock(to: time) }
                return try await client.sandboxClock()
            }
            print(now)
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Return the sandbox to its start-up state (tables, fault rules, journal; not the clock).")

        @OptionGroup var connection: ClientOptions

        func run() async throws {
            try await connection.call { try await $0.resetSandbox() }
        }
    }

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the sandbox's whole state with a state file's (docs/seed.schema.json).")

        @Argument(help: "The state file; - for standard input.")
        var file: String

        @OptionGroup var connection: ClientOptions

        func run() async throws {
            let bytes =
                file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
            try await connection.call { try await $0.seedSandbox(stateFile: bytes) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the sandbox's whole state as a state file, tokens as their digests.")

        @OptionGroup var connection: ClientOptions

        func run() async throws {
            let bytes = try await connection.call { try await $0.exportSandbox() }
            FileHandle.standardOutput.write(bytes)
        }
    }

    struct Faults: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the sandbox's fault rules, add one, or remove one.",
            discussion: """
                Examples:
                  cohort sandbox faults
                  cohort sandbox faults --add --operation get-participant-groups --status 503 --count 2
                  cohort sandbox faults --add --path '/api/v1/participant-groups/**' --method POST --latency-ms 500
                  cohort sandbox faults --remove <id>
                """)

        @Flag(help: "Add a rule.") var add = false
        @Option(help: "Remove the rule with this id.") var remove: String?
        @Option(help: "An operationId of openapi.yaml.") var operation: String?
        @Option(help: "A path pattern: * for one segment, ** (last) for the rest.") var path: String?
        @Option(help: "Only this method.") var method: String?
        @Option(help: "Answer with this error status (400 to 599).") var status: Int?
        @Option(name: .customLong("latency-ms"), help: "Wait this long first.") var latency: Int?
        @Flag(help: "Close the connection without an answer.") var drop = false
        @Option(help: "The chance it fires, above 0 and at most 1 (default 1).") var probability: Double?
        @Option(help: "How many times it fires before it goes (default: until removed).") var count: Int?

        @OptionGroup var connection: ClientOptions

        func run() async throws {
            if let remove {
                try await connection.call { try await $0.removeSandboxFault(id: remove) }
            } else if add {
                let rule = NewSandboxFault(
                    operationId: operation, path: path, method: method, status: status, latencyMs: latency,
                    drop: drop ? true : nil, probability: probability, count: count)
                let added = try await connection.call { try await $0.addSandboxFault(rule) }
                print(try Printer.json(added))
            } else {
                let rules = try await connection.call { try await $0.sandboxFaults() }
                print(try Printer.json(rules))
            }
        }
    }

    struct Requests: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The sandbox's request journal, oldest first.")

        @Option(help: "Only this path (* for one segment, ** last for the rest).") var path: String?
        @Option(help: "Only this method.") var method: String?
        @Option(help: "Only this status.") var status: Int?
        @Option(help: "Only requests at or after this RFC 3339 time.") var since: String?

        @OptionGroup var connection: ClientOptions

        func run() async throws {
            let entries = try await connection.call {
                try await $0.sandboxRequests(path: path, method: method, status: status, since: since)
            }
            print(try Printer.json(entries))
        }
    }
}
