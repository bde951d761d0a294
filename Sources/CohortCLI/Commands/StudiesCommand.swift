import ArgumentParser
import CohortClient
import Foundation

struct StudiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studies",
        abstract: "List, show, create, update, publish, pause, start, stop, duplicate, price and delete studies.",
        discussion: """
            The server and token come from --url and --token, or PROLIFIC_URL and PROLIFIC_TOKEN. A study \
            is created from a JSON file in the shape of Prolific's create-study body.

            Example:
              cohort studies create --file study.json
              cohort studies publish $STUDY
              cohort studies list --state ACTIVE --format csv
            """,
        subcommands: [
            List.self, Get.self, Create.self, Update.self, Publish.self, Schedule.self, Pause.self, Start.self, Stop.self,
            Duplicate.self, Cost.self, Delete.self,
        ])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List your studies, or a project's, oldest first.",
            discussion: """
                Example:
                  cohort studies list --state UNPUBLISHED
                  cohort studies list --project $PROJECT --format json
                """)

        @Option(help: "Only studies in this state (ACTIVE, PAUSED, UNPUBLISHED, SCHEDULED, COMPLETED, AWAITING REVIEW, ...).")
        var state: String?

        @Option(help: "Only the studies of this project.")
        var project: String?

        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func validate() throws {
            if let state, StudyState(rawValue: state.uppercased()) == nil {
                throw ValidationError("'\(state)' is not a study state.")
            }
            if state != nil && project != nil { throw ValidationError("Give --state or --project, not both.") }
        }

        func run() async throws {
            let studies = try await connection.call { client in
                if let project { return try await client.studies(inProject: project).all() }
                return try await client.studies(state: state.flatMap { StudyState(rawValue: $0.uppercased()) }).all()
            }
            try Printer(format: output.resolved).print(studies)
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a study.",
            discussion: """
                Example:
                  cohort studies get $STUDY --format json
                """)

        @Argument(help: "The study's id.") var study: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            try Printer(format: output.resolved).print(try await connection.call { try await $0.study(study) })
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a draft study from a JSON file; prints the draft.",
            discussion: """
                The file holds Prolific's create-study body (name, description, external_study_url, \
                prolific_id_option, completion_codes, total_available_places, estimated_completion_time, \
                reward in cents, project, ...). Every bad field is reported at once; nothing is created.

                Example:
                  cohort studies create --file study.json --project $PROJECT
                """)

        @Option(help: "The JSON body; - reads standard input.") var file: String
        @Option(help: "The project, in place of the file's (default: the file's, or your first project).")
        var project: String?
        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            var body = try StudyFile.read(file)
            if let project { body.project = project }
            try Printer(format: output.resolved).print(try await connection.call { try await $0.createStudy(body) })
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a study's fields; prints the study.",
            discussion: """
                A draft takes any field; a published study its internal name, more places, and the few \
                other fields Prolific allows. The fields come from a JSON file, or the options below.

                Example:
                  cohort studies update $STUDY --places 40
                  cohort studies update $STUDY --file changes.json
                """)

        @Argument(help: "The study's id.") var study: String
        @Option(help: "A JSON body of the fields to change; - reads standard input.") var file: String?
        @Option(help: "total_available_places: how many participants to recruit.") var places: Int?
        @Option(help: "internal_name: a name participants do not see.") var internalName: String?
        @Option(help: "name: the study's public title.") var name: String?
        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func validate() throws {
            guard file != nil || places != nil || internalName != nil || name != nil else {
                throw ValidationError("Give --file, --places, --internal-name, --name, or several.")
            }
        }

        func run() async throws {
            var body = try file.map(StudyFile.read) ?? StudyBody()
            if let places { body.totalAvailablePlaces = Double(places) }
            if let internalName { body.internalName = .value(internalName) }
            if let name { body.name = name }
            try Printer(format: output.resolved).print(try await connection.call { try await $0.updateStudy(study, body) })
        }
    }

    /// `publish`, `pause`, `start` and `stop`: one action on one study.
    struct Transition: ParsableArguments {
        @Argument(help: "The study's id.") var study: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run(_ action: StudyAction, publishAt: Date? = nil) async throws {
            let study = try await connection.call { try await $0.transitionStudy(self.study, action, publishAt: publishAt) }
            try Printer(format: output.resolved).print(study)
        }
    }

    struct Publish: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a draft: it goes ACTIVE, and its cost is held in the workspace's wallet.",
            discussion: """
                Example:
                  cohort studies publish $STUDY
                """)
        @OptionGroup var transition: Transition
        func run() async throws { try await transition.run(.publish) }
    }

    struct Schedule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Schedule a draft to publish at a time; --cancel returns a scheduled study to draft.",
            discussion: """
                Example:
                  cohort studies schedule $STUDY --at 2030-01-01T09:00:00Z
                  cohort studies schedule $STUDY --cancel
                """)
        @Option(help: "When to publish, RFC 3339.") var at: String?
        @Flag(help: "Cancel the scheduled publishing.") var cancel = false
        @OptionGroup var transition: Transition

        func validate() throws {
            guard (at != nil) != cancel else { throw ValidationError("Give --at or --cancel.") }
            if let at, ISO8601DateFormatter().date(from: at) == nil {
                throw ValidationError("--at takes an RFC 3339 time, such as 2030-01-01T09:00:00Z.")
            }
        }

        func run() async throws {
            if cancel { return try await transition.run(.cancelPublish) }
            try await transition.run(.schedulePublish, publishAt: at.flatMap { ISO8601DateFormatter().date(from: $0) })
        }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause an active study: no new participants until it is started again.",
            discussion: "Example:\n  cohort studies pause $STUDY")
        @OptionGroup var transition: Transition
        func run() async throws { try await transition.run(.pause) }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a paused study again.", discussion: "Example:\n  cohort studies start $STUDY")
        @OptionGroup var transition: Transition
        func run() async throws { try await transition.run(.start) }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop an active or paused study; what its untaken places held is released.",
            discussion: "Example:\n  cohort studies stop $STUDY")
        @OptionGroup var transition: Transition
        func run() async throws { try await transition.run(.stop) }
    }

    struct Duplicate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a study into a new draft, blocking the original's participants unless told not to.",
            discussion: """
                Example:
                  cohort studies duplicate $STUDY --allow-previous-participants
                """)
        @Argument(help: "The study's id.") var study: String
        @Flag(help: "Do not add the original to a previous_studies_blocklist filter.") var allowPreviousParticipants = false
        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            let copy = try await connection.call {
                try await $0.duplicateStudy(study, blockPreviousParticipants: !allowPreviousParticipants)
            }
            try Printer(format: output.resolved).print(copy)
        }
    }

    struct Cost: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What a study has cost, or with --projected what its places will cost, in cents.",
            discussion: """
                Example:
                  cohort studies cost $STUDY --projected --format csv
                """)
        @Argument(help: "The study's id.") var study: String
        @Flag(help: "What the study's places will cost, rather than what was spent.") var projected = false
        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            let cost = try await connection.call { try await $0.studyCost(study, projected: projected) }
            try Printer(format: output.resolved).print(StudyCostRow.rows(cost))
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a draft study (a published one cannot be).",
            discussion: """
                Prints nothing on standard output.

                Example:
                  cohort studies delete $STUDY
                """)
        @Argument(help: "The study's id.") var study: String
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            try await connection.call { try await $0.deleteStudy(study) }
            Diagnostics.note("Deleted study \(study).")
        }
    }
}

/// A study body from a file, or standard input for `-`.
enum StudyFile {
    static func read(_ path: String) throws -> StudyBody {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ValidationError("Cannot read \(path).")
            }
            data = contents
        }
        do {
            return try JSONDecoder().decode(StudyBody.self, from: data)
        } catch {
            throw ValidationError("\(path) is not a study body: \(error)")
        }
    }
}

/// One line of `studies cost`: what was paid for, and its parts.
struct StudyCostRow: Tabular {
    let kind: String
    let rewards: Int
    let fees: Int
    let tax: Int
    let currency: String

    static let columns = ["kind", "rewards", "fees", "tax", "currency"]
    var cells: [String] { [kind, String(rewards), String(fees), String(tax), currency] }

    static func rows(_ cost: StudyTotalCost) -> [StudyCostRow] {
        [("rewards", cost.rewards), ("bonuses", cost.bonuses)].map { kind, breakdown in
            StudyCostRow(
                kind: kind, rewards: breakdown?.rewards?.amount ?? 0, fees: breakdown?.fees?.amount ?? 0,
                tax: breakdown?.tax?.amount ?? 0, currency: breakdown?.rewards?.currency ?? "")
        }
    }
}
