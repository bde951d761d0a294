@testable import CohortServer
import Foundation
import Testing

/// The small rules of the hardening: request ids, metric names, JSON log strings.
@Suite struct SmallRulesTests {
    @Test(arguments: ["abc", "req-1.2_3:4", String(repeating: "a", count: 128), "0f9c9a0001b0b1f4"])
    func saneRequestIDsAreKept(id: String) {
        #expect(RequestIdentifier.isSane(id))
    }

    @Test(arguments: ["", String(repeating: "a", count: 129), "has space", "quote\"d", "new\nline", "tab\tbed", "é"])
    func otherRequestIDsAreReplaced(id: String) {
        #expect(!RequestIdentifier.isSane(id))
    }

    @Test func metricNamesAreMadeValidForPrometheus() {
        #expect(PrometheusExport.sanitise("http.server.request.duration") == "http_server_request_duration")
        #expect(PrometheusExport.sanitise("9lives") == "_lives")
        #expect(PrometheusExport.sanitise("cohort_ok:total") == "cohort_ok:total")
    }

    @Test func jsonLogStringsEscapeWhatJSONNeeds() throws {
        var line = ""
        JSONLogHandler.string("quote \" backslash \\ newline \n tab \t bell \u{7} é", into: &line)
        let decoded = try JSONSerialization.jsonObject(with: Data(line.utf8), options: .fragmentsAllowed) as? String
        #expect(decoded == "quote \" backslash \\ newline \n tab \t bell \u{7} é")
    }

    @Test func jsonLogTimesAreRFC3339InUTCToTheMillisecond() {
        let now = JSONLogHandler.now()
        #expect(now.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil, "\(now)")
    }
}
