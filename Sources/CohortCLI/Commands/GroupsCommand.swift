import ArgumentParser
import CohortClient

struct GroupsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groups",
        abstract: "List, show, create, rename and delete participant groups.",
        discussion: """
            The server and token come from --url and --token, or PROLIFIC_URL and PROLIFIC_TOKEN.

            Example:
              cohort groups list --workspace $WS --format csv
            """,
        subcommands: [List.self, Get.self, Create.self, Update.self, Delete.self])

    /// Exactly one of `--workspace`, `--project` and `--organisation`, as the API asks.
    struct Scope: ParsableArguments {
        @Option(help: "A workspace's id.")
        var workspace: String?

        @Option(help: "A project's id (deprecated in Prolific's API).")
        var project: String?

        @Option(help: "An organisation's id (organisation-level groups, a Cohort extension).")
        var organisation: String?

        func validate() throws {
            let given = [workspace, project, organisation].compactMap { $0 }
            guard given.count == 1 else {
                throw ValidationError("Give exactly one of --workspace, --project and --organisation.")
            }
        }

        var scope: GroupScope {
            if let workspace { return .workspace(workspace) }
            if let project { return .project(project) }
            return .organisation(organisation ?? "")
        }

        var placement: GroupPlacement {
            if let workspace { return .workspace(workspace) }
            if let project { return .project(project) }
            return .organisation(organisation ?? "")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the groups of a workspace, project or organisation, oldest first.",
            discussion: """
                Deleted groups are listed too, unless --active says otherwise.

                Example:
                  cohort groups list --workspace $WS --active true
                """)

        @OptionGroup var scope: Scope

        @Option(help: "true: live groups only; false: deleted groups only (default: both).")
        var active: Bool?

        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            let groups = try await connection.call { try await $0.groups(in: scope.scope, active: active).all() }
            try Printer(format: output.resolved).print(groups)
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a group.",
            discussion: """
                A deleted group is still shown, with is_deleted true.

                Example:
                  cohort groups get $GROUP --format json
                """)

        @Argument(help: "The group's id.")
        var group: String

        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            try Printer(format: output.resolved).print(try await connection.call { try await $0.group(group) })
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a group, with participants if given; prints the new group.",
            discussion: """
                Participant ids are all checked before anything is sent. Beyond --batch-size ids, the \
                group is created with the first batch and the rest are added in further batches.

                Example:
                  cohort groups create --workspace $WS --name "Wave 2" --file wave1.csv
                """)

        @OptionGroup var scope: Scope

        @Option(help: "The group's name.")
        var name: String

        @Option(help: "What the group is for.")
        var description: String?

        @OptionGroup var participants: ParticipantIDInput
        @OptionGroup var batch: BatchOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            let ids = try participants.load()
            let group = try await ProgressBar.showing { progress in
                try await connection.call(batchSize: batch.batchSize) {
                    try await $0.createGroup(
                        name: name, in: scope.placement, description: description, participantIDs: ids,
                        progress: ids.isEmpty ? nil : progress)
                }
            }
            try Printer(format: output.resolved).print(group)
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rename a group or change its description; prints the group.",
            discussion: """
                To change who is in the group, use cohort members replace.

                Example:
                  cohort groups update $GROUP --name "Wave 2 (final)"
                """)

        @Argument(help: "The group's id.")
        var group: String

        @Option(help: "The new name.")
        var name: String?

        @Option(help: "The new description.")
        var description: String?

        @Flag(help: "Remove the description (the group's description becomes null).")
        var clearDescription = false

        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func validate() throws {
            guard name != nil || description != nil || clearDescription else {
                throw ValidationError("Give --name, --description, --clear-description, or several.")
            }
            if description != nil && clearDescription {
                throw ValidationError("Give --description or --clear-description, not both.")
            }
        }

        func run() async throws {
            let change: PatchField<String> = clearDescription ? .null : description.map { .value($0) } ?? .absent
            let updated = try await connection.call { try await $0.updateGroup(group, name: name, description: change) }
            try Printer(format: output.resolved).print(updated)
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a group.",
            discussion: """
                The deletion is soft: the group still answers, with is_deleted true, and its members \
                stay listable, but it can no longer be changed. Prints nothing on standard output.

                Example:
                  cohort groups delete $GROUP
                """)

        @Argument(help: "The group's id.")
        var group: String

        @OptionGroup var connection: ClientOptions

        func run() async throws {
            try await connection.call { try await $0.deleteGroup(group) }
            Diagnostics.note("Deleted participant group \(group).")
        }
    }
}
