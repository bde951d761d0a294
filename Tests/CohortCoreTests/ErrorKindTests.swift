import CohortCore
import Testing

/// ErrorKind: codes are unique and follow "status times 100 plus a serial".
@Suite struct ErrorKindTests {
    @Test func codesAreUniqueAndDerivedFromTheStatus() {
        let codes = ErrorKind.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        for kind in ErrorKind.all {
            #expect(kind.code / 100 == kind.status, "\(kind.title)")
            #expect(!kind.title.isEmpty)
        }
    }

}
