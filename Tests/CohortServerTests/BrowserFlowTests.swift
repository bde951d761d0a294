import Foundation
import Testing

/// A real experiment page in a real browser (headless Chromium from Debian's packages): it
/// reads `PROLIFIC_PID` from its URL and sends the participant to Prolific's completion URL, as
/// a jsPsych study does; the take link's cookie lets Cohort find the submission.
@Suite struct BrowserFlowTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    /// Not yet passing: headless Chromium stalls on the take link's redirect chain and dumps
    /// nothing (issue 13's note). Run it with COHORT_BROWSER_TEST=1 while that is worked on.
    static let enabled = ProcessInfo.processInfo.environment["COHORT_BROWSER_TEST"] == "1"

    @Test(.enabled(if: enabled, "not yet passing: run with COHORT_BROWSER_TEST=1"))
    func anExperimentPageLeavesItsSubmissionAwaitingReview() async throws {
        let chromium = try #require(Self.chromium, "Chromium is not installed")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withServer(configure: sandboxForSubmissions) { server in
            // The experiment: shows the participant it was given, then finishes.
            let page = """
                <!doctype html><html><body><p id="pid"></p><script>
                const pid = new URLSearchParams(location.search).get("PROLIFIC_PID");
                document.getElementById("pid").textContent = pid;
                setTimeout(() => { location.href = "\(server.baseURL)/submissions/complete?cc=C1OK"; }, 100);
                </script></body></html>
                """
            try page.write(to: folder.appendingPathComponent("experiment.html"), atomically: true, encoding: .utf8)
            let pages = folder.appendingPathComponent("pages.log").path
            let files = try ChildProcess(
                "/usr/bin/env", ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.path],
                environment: ProcessInfo.processInfo.environment, stdout: pages, stderr: pages + ".err")
            defer { files.signal(SIGTERM) }
            let port = try await Self.port(announcedIn: pages)
            let study = try await server.publishedStudy([
                "external_study_url": #""http://127.0.0.1:\#(port)/experiment.html?PROLIFIC_PID={{%PROLIFIC_PID%}}&SESSION_ID={{%SESSION_ID%}}""#
            ])
            let person = participant(42)
            let link = "\(server.baseURL)/_cohort/take/\(study)?participant_id=\(person)&token=\(TestServer.sandboxAdmin)"
            let dom = folder.appendingPathComponent("dom.html").path
            let browser = try ChildProcess(
                chromium,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(folder.path)/profile",
                    "--virtual-time-budget=15000", "--timeout=20000", "--dump-dom", link,
                ],
                environment: ProcessInfo.processInfo.environment, stdout: dom, stderr: dom + ".err")
            // Headless Chromium can linger after dumping; it is given a minute, then stopped.
            let watchdog = Task {
                try await Task.sleep(for: .seconds(60))
                browser.signal(SIGKILL)
            }
            _ = try await browser.waitForExit()
            watchdog.cancel()
            let final = (try? String(contentsOfFile: dom, encoding: .utf8)) ?? ""
            #expect(final.contains("Submission complete"), "the browser ended on: \(final)")
            let listed = try await server.request(.GET, "/api/v1/submissions/?study=\(study)").json["results"]?.array ?? []
            #expect(listed.count == 1)
            #expect(listed.first?["participant_id"]?.string == person)
            #expect(listed.first?["status"]?.string == "AWAITING REVIEW")
            #expect(listed.first?["study_code"]?.string == "C1OK")
        }
    }

    /// The port `python3 -m http.server 0` says it serves on.
    static func port(announcedIn log: String) async throws -> Int {
        for _ in 0..<250 {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"port (\d+)"#, options: .regularExpression),
                let port = Int(text[range].dropFirst(5))
            {
                return port
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CocoaError(.fileReadUnknown)
    }
}
