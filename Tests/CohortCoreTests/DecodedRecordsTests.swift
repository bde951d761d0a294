@testable import CohortCore
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
}
