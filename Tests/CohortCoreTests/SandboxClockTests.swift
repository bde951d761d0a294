import CohortCore
import Synchronization
import Testing

/// The sandbox's clock: the machine's time plus the advances, never backwards.
@Suite struct SandboxClockUnitTests {
    final class Machine: Sendable {
        let seconds = Mutex<Int64>(1_000)
        var now: Timestamp { Timestamp(secondsSince1970: seconds.withLock { $0 }) }
    }

    @Test func itFollowsTheMachinePlusTheAdvances() throws {
        let machine = Machine()
        let clock = SandboxClock { machine.now }
        #expect(clock.now().secondsSince1970 == 1_000)
        try clock.advance(by: 60)
        #expect(clock.now().secondsSince1970 == 1_060)
        machine.seconds.withLock { $0 += 5 }
        #expect(clock.now().secondsSince1970 == 1_065)
        try clock.set(to: Timestamp(secondsSince1970: 2_000))
        #expect(clock.now().secondsSince1970 == 2_000)
    }

    @Test func itNeverGoesBackwards() throws {
        let machine = Machine()
        let clock = SandboxClock { machine.now }
        try clock.advance(by: 10)
        machine.seconds.withLock { $0 -= 100 }  // the machine's clock is set back
        #expect(clock.now().secondsSince1970 == 1_010)
        #expect(throws: CohortError.self) { try clock.advance(by: -1) }
        #expect(throws: CohortError.self) { try clock.set(to: Timestamp(secondsSince1970: 1_000)) }
        #expect(throws: CohortError.self) { try clock.advance(by: SandboxClock.longestAdvance + 1) }
        #expect(clock.now().secondsSince1970 == 1_010)
    }

    @Test func rfc3339TimesParse() {
        #expect(Timestamp(rfc3339: "2030-01-01T00:00:00Z")?.rfc3339 == "2030-01-01T00:00:00Z")
        #expect(Timestamp(rfc3339: "2030-01-01T01:00:00.250+01:00")?.rfc3339 == "2030-01-01T00:00:00Z")
        #expect(Timestamp(rfc3339: "soon") == nil)
    }
}
