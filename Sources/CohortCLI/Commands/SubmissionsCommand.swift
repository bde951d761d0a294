import ArgumentParser
import CohortClient
import Foundation

/// `cohort submissions ...`: a study's submissions, and the researcher's review of them.
struct SubmissionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submissions",
        abstract: "List, show, count, approve and reject a study's submissions.",
        discussion: """
            Example:
              cohort submissions list --study $STUDY --status "AWAITING REVIEW" --format csv
              cohort submissions approve $SUBMISSION
              cohort submissions bulk-approve --study $STUDY --file participants.csv
            """,
        subcommands: [List.self, Get.self, Counts.self, Approve.self, Reject.self, BulkApprove.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a study's submissions, in the order the places were taken.",
            discussion: """
                Example:
                  cohort submissions list --study $STUDY
                  cohort submissions list --study $STUDY --status APPROVED --format json
                """)

        @Option(help: "The study's id.") var study: String
        @Option(help: "Only submissions in this status (ACTIVE, AWAITING REVIEW, APPROVED, REJECTED, RETURNED, ...).")
        var status: String?
        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func validate() throws {
            if let status, SubmissionsCommand.status(status) == nil {
                throw ValidationError("'\(status)' is not a submission status.")
            }
        }

        func run() async throws {
            let submissions = try await connection.call { client in
                try await client.submissions(inStudy: study, matching: .init(status: status.flatMap(SubmissionsCommand.status)))
                    .all()
            }
            try Printer(format: output.resolved).print(submissions)
        }
    }

    /// A status as typed: any case, `_` for a space (`awaiting_review`).
    static func status(_ text: String) -> SubmissionStatus? {
        let upper = text.uppercased()
        return SubmissionStatus(rawValue: upper) ?? SubmissionStatus(rawValue: upper.replacingOccurrences(of: "_", with: " "))
            ?? SubmissionStatus(rawValue: upper.replacingOccurrences(of: "_", with: "-"))
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a submission.",
            discussion: """
                Example:
                  cohort submissions get $SUBMISSION --format json
                """)

        @Argument(help: "The submission's id.") var submission: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            try Printer(format: output.resolved).print(try await connection.call { try await $0.submission(submission) })
        }
    }

    struct Counts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count a study's submissions by status.",
            discussion: """
                Example:
                  cohort submissions counts $STUDY
                """)

        @Argument(help: "The study's id.") var study: String
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            print(try Printer.json(try await connection.call { try await $0.submissionCounts(ofStudy: study) }))
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a submission awaiting review: its reward is paid.",
            discussion: """
                Example:
                  cohort submissions approve $SUBMISSION
                """)

        @Argument(help: "The submission's id.") var submission: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            try Printer(format: output.resolved).print(
                try await connection.call { try await $0.transitionSubmission(submission, .approve) })
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject a submission awaiting review; the message goes to the participant.",
            discussion: """
                Example:
                  cohort submissions reject $SUBMISSION --category LOW_EFFORT --message "$(cat reason.txt)"
                """)

        @Argument(help: "The submission's id.") var submission: String
        @Option(help: "Why, for the participant: at least 100 characters.") var message: String
        @Option(
            help: """
                TOO_QUICKLY, TOO_SLOWLY, FAILED_INSTRUCTIONS, INCOMP_LONGITUDINAL, FAILED_CHECK, LOW_EFFORT, \
                MALINGERING, NO_CODE, BAD_CODE, NO_DATA, UNSUPP_DEVICE or OTHER.
                """)
        var category: String
        @OptionGroup var output: OutputOptions
        @OptionGroup var connection: ClientOptions

        func run() async throws {
            let rejected = try await connection.call {
                try await $0.transitionSubmission(submission, .reject(message: message, category: category.uppercased()))
            }
            try Printer(format: output.resolved).print(rejected)
        }
    }

    struct BulkApprove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bulk-approve",
            abstract: "Approve many submissions at once, all or none (at most 1,000).",
            discussion: """
                Either the submissions' ids, or --study and the participants' ids (as arguments or \
                with --file, one a line or a CSV with a participant_id column).

                Example:
                  cohort submissions bulk-approve --submission $ONE --submission $TWO
                  cohort submissions bulk-approve --study $STUDY --file participants.csv
                """)

        @Option(name: .customLong("submission"), help: "A submission's id; repeat for more.") var submissions: [String] = []
        @Option(help: "The study whose participants' submissions to approve.") var study: String?
        @OptionGroup var participants: ParticipantIDInput
        @OptionGroup var connection: ClientOptions

        func validate() throws {
            switch (submissions.isEmpty, study) {
            case (false, nil): if participants.isGiven { throw ValidationError("Participant ids go with --study.") }
            case (true, .some): try participants.require()
            case (false, .some): throw ValidationError("Give --submission ids, or --study with participant ids, not both.")
            case (true, nil): throw ValidationError("Give --submission ids, or --study with participant ids.")
            }
        }

        func run() async throws {
            if let study {
                let ids = try participants.load()
                try await connection.call { try await $0.bulkApprove(study: study, participants: ids) }
            } else {
                try await connection.call { try await $0.bulkApprove(submissions: submissions) }
            }
        }
    }
}
