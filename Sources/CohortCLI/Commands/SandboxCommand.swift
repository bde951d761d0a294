import ArgumentParser
import CohortClient

/// `cohort sandbox ...`: the operations of a server started with `--sandbox`, sent with its admin
/// token (`--token`, or PROLIFIC_TOKEN).
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Drive a Cohort sandbox (cohort serve --sandbox), with its admin token.",
        subcommands: [Clock.self])

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
}
