import CohortCore
import Testing

extension StoreConformance {
    /// Concurrent takes of a study's last places, through the core's use case over two store
    /// instances on one database (two servers on one PostgreSQL, or two processes on one SQLite
    /// file): the store's locking must never give out more places than the study has.
    @Suite struct LastPlaces {
        @Test(arguments: StoreKind.allCases)
        func concurrentTakesAcrossTwoInstancesNeverOverfillAStudy(kind: StoreKind) async throws {
            try await Self.withTwoInstances(kind) { instances, ada, project in
                let study = try await Self.publishedStudy(places: 3, project: project, by: ada, on: instances[0])
                let people = try instances[0].participation.makeParticipants(count: 24)

                let outcomes = try await Self.takeAtOnce(study, people, through: instances)
                #expect(outcomes.filter { $0 == nil }.count == 3, "\(outcomes)")
                #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == ErrorKind.noPlaceLeft.code }, "\(outcomes)")
                for instance in instances {
                    let after = try await instance.studies.get(study.id.hex, caller: ada.researcher)
                    #expect(after.placesTaken == 3)
                }
            }
        }

        /// One participant taking a place ten times at once (a double click, a retrying client):
        /// a study that allows one submission each gives them one.
        @Test(arguments: StoreKind.allCases)
        func concurrentTakesByOneParticipantMeetTheirLimit(kind: StoreKind) async throws {
            try await Self.withTwoInstances(kind) { instances, ada, project in
                let study = try await Self.publishedStudy(places: 5, project: project, by: ada, on: instances[0])
                let person = try instances[0].participation.makeParticipants(count: 1)[0]
                let outcomes = try await Self.takeAtOnce(study, Array(repeating: person, count: 10), through: instances)
                #expect(outcomes.filter { $0 == nil }.count == 1, "\(outcomes)")
                #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == ErrorKind.submissionLimit.code }, "\(outcomes)")
                let after = try await instances[1].studies.get(study.id.hex, caller: ada.researcher)
                #expect(after.placesTaken == 1)
            }
        }

        /// Two store instances on one fresh database, each under the core, with a researcher
        /// and a project made through the first.
        static func withTwoInstances(
            _ kind: StoreKind, _ body: ([Cohort], Tenant, Project) async throws -> Void
        ) async throws {
            try await withLocation(kind) { location in
                try await withOpenStore(location) { first in
                    try await withOpenStore(location) { second in
                        let ada = try await first.tenant("ada@example.org")
                        let project = try await first.makeProject("Lab", in: ada.workspace, by: ada)
                        try await body([Cohort(store: first), Cohort(store: second)], ada, project)
                    }
                }
            }
        }

        /// Every participant takes a place at once, alternately through each instance: nil for a
        /// place given, else the refusal's error code.
        static func takeAtOnce(_ study: Study, _ people: [ParticipantID], through instances: [Cohort]) async throws -> [Int?] {
            try await withThrowingTaskGroup(of: Int?.self) { tasks in
                for (index, person) in people.enumerated() {
                    tasks.addTask {
                        do {
                            _ = try await instances[index % instances.count].participation.take(study: study.id.hex, participant: person.hex)
                            return nil
                        } catch let error as CohortError {
                            return error.kind.code
                        }
                    }
                }
                var codes: [Int?] = []
                for try await code in tasks { codes.append(code) }
                return codes
            }
        }

        static func publishedStudy(places: Int, project: Project, by tenant: Tenant, on cohort: Cohort) async throws -> Study {
            var input = StudyInput()
            input.name = "Last places"
            input.description = "Taken all at once."
            input.externalStudyURL = "https://example.org/run"
            input.prolificIDOption = "url_parameters"
            input.totalAvailablePlaces = Double(places)
            input.estimatedCompletionTime = 5
            input.reward = 100
            input.project = project.id.hex
            input.completionCodes = [
                CompletionCodeInput(code: .set("DONE"), codeType: "COMPLETED", actions: [CodeActionInput(action: "MANUALLY_REVIEW")], actor: nil)
            ]
            let draft = try await cohort.studies.create(input, caller: tenant.researcher)
            return try await cohort.studies.transition(draft.id.hex, StudyTransitionInput(action: "PUBLISH", publishAt: nil), caller: tenant.researcher)
        }
    }
}
