import ArgumentParser
import CohortClient

struct MembersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "members",
        abstract: "List, add, remove and replace the participants in a group.",
        discussion: """
            Participant ids are given as arguments, or with --file: one id a line, or a CSV with a \
            participant_id column (what members list --format csv prints); --file - reads standard \
            input. Every id is checked before anything is sent; the invalid ones are all listed with \
            their line numbers.

            Example:
              cohort members list $GROUP --format csv > wave1.csv
              cohort members add $OTHER_GROUP --file wave1.csv
            """,
        subcommands: [List.self, Add.self, Remove.self, Replace.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a group's members, in the order they joined.",
            discussion: """
                As CSV the columns are participant_id and datetime_created, which --file reads back.

                Example:
                  cohort members list $GROUP --format csv > members.csv
                """)

        @Argument(help: "The group's id.")
        var group: String

        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            try Printer(format: output.resolved).print(try await connection.call { try await $0.members(of: group).all() })
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add participants to a group; prints the whole membership after the change.",
            discussion: """
                Participants already in the group stay, keeping the time they joined. Ids go in \
                batches of --batch-size; running the command again after a failure part-way completes it.

                Example:
                  cohort members add $GROUP 5e9b9c9b0f9c9a0001b0b1f4 5e9b9c9b0f9c9a0001b0b1f5
                  cut -d, -f2 export.csv | cohort members add $GROUP --file -
                """)

        @OptionGroup var change: MembershipChangeOptions

        func run() async throws {
            let members = try await change.send { try await $0.addMembers($1, to: change.group, progress: $2) }
            try change.printer.print(members)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove participants from a group; prints the remaining membership.",
            discussion: """
                Ids that are not members are ignored. Ids go in batches of --batch-size.

                Example:
                  cohort members remove $GROUP --file withdrawn.txt
                """)

        @OptionGroup var change: MembershipChangeOptions

        func run() async throws {
            let members = try await change.send { try await $0.removeMembers($1, from: change.group, progress: $2) }
            try change.printer.print(members)
        }
    }

    struct Replace: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a group's membership exactly the given participants; prints the group.",
            discussion: """
                Members who stay keep the time they joined. Up to --batch-size ids this is one \
                request, all or nothing; beyond, the first batch replaces the membership and the rest \
                are added, so after a failure part-way, running the command again completes it. An \
                empty file empties the group.

                Example:
                  cohort members replace $GROUP --file final-cohort.csv
                """)

        @OptionGroup var change: MembershipChangeOptions

        func run() async throws {
            let group = try await change.send { try await $0.replaceMembers(of: change.group, with: $1, progress: $2) }
            try change.printer.print(group)
        }
    }
}

/// What add, remove and replace take: a group, the participant ids, and how to send and print.
struct MembershipChangeOptions: ParsableArguments {
    @Argument(help: "The group's id.")
    var group: String

    @OptionGroup var participants: ParticipantIDInput
    @OptionGroup var batch: BatchOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ClientOptions

    func validate() throws { try participants.require() }

    var printer: Printer { Printer(format: output.resolved) }

    /// Loads the ids and makes the change in batches, with a progress bar.
    func send<T>(_ change: (ProlificClient, [String], @escaping BatchProgress) async throws -> T) async throws -> T {
        let ids = try participants.load()
        return try await ProgressBar.showing { progress in
            try await connection.call(batchSize: batch.batchSize) { try await change($0, ids, progress) }
        }
    }
}
