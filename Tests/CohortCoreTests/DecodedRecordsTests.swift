@testable import CohortCore
import Foundation
import Testing

/// A record decoded again gives what its body says now, never what an earlier body said.
@Suite struct DecodedRecordsTests {
    static let workspace = WorkspaceID("5e9b9c9b0f9c9a1111111111")!

    static func wallet(_ cents: Int) throws -> StoredRecord {
        try Wallet(workspaceID: workspace, createdAt: Timestamp(secondsSince1970: 1), totalCents: cents).record()
    }

    @Test func aRecordWithANewBodyDecodesTheNewBody() throws {
        let before = try Self.wallet(100)
        #expect(try before.decode(as: Wallet.self).totalCents == 100)
        #expect(try before.decode(as: Wallet.self).totalCents == 100)
        let after = try Self.wallet(250)
        #expect(after.key == before.key)
        #expect(try after.decode(as: Wallet.self).totalCents == 250)
        #expect(try before.decode(as: Wallet.self).totalCents == 100)
    }

    @Test func theMemoryIsBoundedAndAsksForTheRightType() throws {
        let memory = DecodedRecords(capacity: 2)
        var records: [StoredRecord] = []
        for number in 0..<5 {
            let record = try Wallet(
                workspaceID: WorkspaceID.generate(), createdAt: Timestamp(secondsSince1970: 1), totalCents: number
            ).record()
            memory.remember(try record.decode(as: Wallet.self), for: record)
            records.append(record)
        }
        #expect(memory.count == 2)
        let last = try #require(records.last)
        let remembered: Wallet? = memory.value(for: last)
        #expect(remembered?.totalCents == 4)
        let asStudy: Study? = memory.value(for: last)
        #expect(asStudy == nil)
    }

    /// A resource written to a record is remembered as that record's decoding, so it must be what
    /// a fresh decoding of the body gives: the round trip is exact for every resource a
    /// transaction writes (study, submission, wallet, message, claim).
    @Test func aWrittenResourceIsWhatItsBodyDecodesTo() throws {
        var study = try SubmissionRulesTests.study(codes: [
            SubmissionRulesTests.code("DONE", [.automaticallyApprove, .addToParticipantGroup(SubmissionRulesTests.group)])
        ])
        study.settleAfter = Timestamp(secondsSince1970: 1_900_000_000)
        let submission = SubmissionRulesTests.submission(.awaitingReview, in: study)
        let message = Message(
            id: MessageID.generate(), workspaceID: study.workspaceID, createdAt: Timestamp(secondsSince1970: 5),
            senderID: "a", recipientID: "b", body: "Thank you.", studyID: study.id, category: nil)
        let claim = PlaceClaim(
            study: study.id, participant: submission.participantID, ordinal: 0, submission: submission.id,
            workspaceID: study.workspaceID, at: Timestamp(secondsSince1970: 6))
        func fresh<R: PlainResource>(_ record: StoredRecord, as type: R.Type) throws -> R {
            try RecordCoding.decoder.decode(R.self, from: Data(record.body.utf8))
        }
        #expect(try fresh(study.record(), as: Study.self) == study)
        #expect(try fresh(submission.record(), as: Submission.self) == submission)
        #expect(try fresh(Self.wallet(321), as: Wallet.self) == (try Self.wallet(321).decode(as: Wallet.self)))
        #expect(try fresh(message.record(), as: Message.self) == message)
        #expect(try fresh(claim.record(), as: PlaceClaim.self) == claim)
    }

    /// A record read and then written stays remembered, with the new body; a record only written
    /// is not remembered, so that writes of new records do not push out the ones being read.
    @Test func aRecordReadThenWrittenIsRememberedOnlyWrittenIsNot() throws {
        var study = try SubmissionRulesTests.study(codes: [])
        study.content.name = "Read then written \(UUID().uuidString)"  // a body no other test has
        let first = try study.record(version: 1)
        let neverRead: Study? = DecodedRecords.shared.value(for: first)
        #expect(neverRead == nil)
        _ = try first.decode(as: Study.self)
        study.placesTaken += 1
        let second = try study.record(version: 2)
        let remembered: Study? = DecodedRecords.shared.value(for: second)
        #expect(remembered == study)
    }
}
