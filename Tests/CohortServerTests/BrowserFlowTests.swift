import Foundation
import Testing

/// A real experiment page in a real browser (headless Chromium from Debian's packages): it
/// reads `PROLIFIC_PID` from its URL and sends the participant to Prolific's completion URL, as
/// a jsPsych study does; the take link's cookie lets Cohort find the submission.
///
/// The browser is driven over the DevTools protocol (``driver``), not with `--dump-dom`, which
/// cannot read this flow's last page: without `--virtual-time-budget` it dumps the first
/// document once it has loaded (the experiment page, before its timer sends the participant
/// on), and with one, Chromium never ends after a page's script navigates (its budget never
/// expires on the new document; `--timeout` does not end it either), so it dumped nothing.
@Suite struct BrowserFlowTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    /// CI sets `COHORT_REQUIRE_BROWSER=1`: then a missing Chromium fails the test instead of
    /// skipping it.
    static let required = ProcessInfo.processInfo.environment["COHORT_REQUIRE_BROWSER"] == "1"
    static let enabled = chromium != nil || required

    @Test(.enabled(if: enabled, "Chromium is not installed (COHORT_REQUIRE_BROWSER=1 makes that a failure)"))
    func anExperimentPageLeavesItsSubmissionAwaitingReview() async throws {
        let chromium = try #require(Self.chromium, "Chromium is not installed, and COHORT_REQUIRE_BROWSER=1 requires it")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withServer(configure: sandboxForSubmissions) { server in
            // The experiment: shows the participant it was given and finishes, as long as that is
            // the participant who took the place (so the test fails if PROLIFIC_PID is not filled in).
            let person = participant(42)
            let page = """
                <!doctype html><html><body><p id="pid"></p><script>
                const pid = new URLSearchParams(location.search).get("PROLIFIC_PID");
                document.getElementById("pid").textContent = pid;
                if (pid === "\(person)") {
                  setTimeout(() => { location.href = "\(server.baseURL)/submissions/complete?cc=C1OK"; }, 100);
                }
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
            let link = "\(server.baseURL)/_cohort/take/\(study)?participant_id=\(person)&token=\(TestServer.sandboxAdmin)"
            // The driver gives up after 45 seconds, printing the last page it saw.
            let driver = folder.appendingPathComponent("drive.py").path
            try Self.driver.write(toFile: driver, atomically: true, encoding: .utf8)
            let dom = folder.appendingPathComponent("dom.html").path
            let browser = try ChildProcess(
                "/usr/bin/env", ["python3", "-u", driver, chromium, "\(folder.path)/profile", link, "/submissions/complete", "45"],
                environment: ProcessInfo.processInfo.environment, stdout: dom, stderr: dom + ".err")
            // A stuck driver cannot hang the suite: it is given a minute, then killed (the
            // browser ends when the driver's end of its DevTools pipe closes).
            let watchdog = Task {
                try await Task.sleep(for: .seconds(60))
                browser.signal(SIGKILL)
            }
            let status = try await browser.waitForExit()
            watchdog.cancel()
            let final = (try? String(contentsOfFile: dom, encoding: .utf8)) ?? ""
            let log = (try? String(contentsOfFile: dom + ".err", encoding: .utf8)) ?? ""
            let browserLog = (try? String(contentsOfFile: "\(folder.path)/profile.log", encoding: .utf8)) ?? ""
            #expect(status == 0, "the driver ended with \(status):\n\(log)\nthe browser's log:\n\(browserLog.suffix(4000))")
            #expect(final.contains("Submission complete"), "the browser ended on: \(final)\n\(log)")
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

    /// Drives headless Chromium over the DevTools protocol on a pipe, with Python's standard
    /// library alone (written to a file and run with `python3`): `driver CHROMIUM PROFILE URL
    /// MARKER SECONDS` opens URL, follows the page's own navigations, and prints the HTML of the
    /// first loaded document whose address contains MARKER.
    static let driver = #"""
        """Drives headless Chromium over the DevTools protocol (--remote-debugging-pipe), with
        Python's standard library alone: opens URL, waits until the page's address contains MARKER
        and its document has loaded, and prints that document's HTML. A page's own navigations
        (a redirect, a script setting location.href) are followed as a browser follows them.

        usage: drive.py CHROMIUM PROFILE URL MARKER SECONDS

        Progress goes to stderr, the browser's own log to PROFILE.log; exit 0 once the page was
        reached, 1 if not by SECONDS (then the last document seen is printed), 2 if the browser
        could not be driven. If this script is killed, the browser ends as its pipe closes.
        """
        import fcntl, json, os, select, signal, sys, time

        chromium, profile, url, marker, seconds = sys.argv[1:6]
        deadline = time.monotonic() + float(seconds)


        def log(text):
            print(f"drive.py: {text}", file=sys.stderr, flush=True)


        # The browser reads commands from its fd 3 and writes answers to its fd 4, each message JSON
        # ended by a NUL. The pipes are moved above the low numbers so that the spawn's dup2 onto 3
        # and 4 never meets a descriptor already there; every other one is close-on-exec.
        def high(fd):
            moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 100)
            os.close(fd)
            return moved


        commands_read, commands_write = map(high, os.pipe())
        answers_read, answers_write = map(high, os.pipe())
        browser_log = profile + ".log"
        arguments = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank",
        ]
        try:
            pid = os.posix_spawn(
                chromium, arguments, dict(os.environ),
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_OPEN, 1, browser_log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644),
                    (os.POSIX_SPAWN_DUP2, 1, 2),
                    (os.POSIX_SPAWN_DUP2, commands_read, 3),
                    (os.POSIX_SPAWN_DUP2, answers_write, 4),
                ],
                setsid=True,  # its own process group, so that all of it can be stopped at the end
            )
        except OSError as error:
            log(f"cannot start {chromium}: {error}")
            sys.exit(2)
        os.close(commands_read)
        os.close(answers_write)
        log(f"chromium started, pid {pid}, log {browser_log}")


        def stop_browser():
            """Asks the browser to close, gives it five seconds, then kills its process group."""
            try:
                os.write(commands_write, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
            except OSError:
                pass
            for _ in range(50):
                if os.waitpid(pid, os.WNOHANG) != (0, 0):
                    break
                time.sleep(0.1)
            else:
                log("the browser did not close: killed")
                os.killpg(pid, signal.SIGKILL)
                os.waitpid(pid, 0)


        class Gone(Exception):
            pass


        class Late(Exception):
            pass


        buffer = b""
        next_id = 0


        def message():
            """The browser's next message (an answer or an event), waiting no later than the deadline."""
            global buffer
            while b"\0" not in buffer:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Late()
                ready, _, _ = select.select([answers_read], [], [], left)
                if not ready:
                    raise Late()
                chunk = os.read(answers_read, 1 << 20)
                if not chunk:
                    raise Gone()
                buffer += chunk
            text, _, buffer = buffer.partition(b"\0")
            return json.loads(text)


        def call(method, params=None, session=None):
            """Sends a command and answers its result; an error answer raises RuntimeError."""
            global next_id
            next_id += 1
            command = {"id": next_id, "method": method, "params": params or {}}
            if session:
                command["sessionId"] = session
            try:
                os.write(commands_write, json.dumps(command).encode() + b"\0")
            except OSError:
                raise Gone()
            while True:
                answer = message()
                if answer.get("id") == next_id:
                    if "error" in answer:
                        raise RuntimeError(f"{method}: {answer['error'].get('message')}")
                    return answer.get("result", {})
                if answer.get("method") == "Page.frameNavigated" and "parentId" not in answer["params"]["frame"]:
                    log(f"navigated to {answer['params']['frame']['url']}")


        def evaluate(session, expression):
            result = call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)
            if "exceptionDetails" in result:
                details = result["exceptionDetails"]
                raise RuntimeError(details.get("exception", {}).get("description") or details.get("text"))
            return result["result"].get("value")


        status = 2
        last = ""
        try:
            targets = call("Target.getTargets")["targetInfos"]
            page = next((target["targetId"] for target in targets if target["type"] == "page"), None)
            if page is None:
                page = call("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = call("Target.attachToTarget", {"targetId": page, "flatten": True})["sessionId"]
            call("Page.enable", session=session)
            log(f"opening {url}")
            call("Page.navigate", {"url": url}, session)
            status = 1
            while True:
                try:
                    href, state, html = evaluate(
                        session, "[location.href, document.readyState, document.documentElement ? document.documentElement.outerHTML : '']")
                    last = html
                    if marker in href and state == "complete":
                        log(f"reached {href}")
                        status = 0
                        break
                except RuntimeError as error:
                    # Between two documents there is no context to evaluate in: try again.
                    log(f"(between pages: {error})")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise Late()
                time.sleep(min(0.1, left))
        except Late:
            log(f"gave up after {seconds} s without reaching a page whose address contains {marker!r}")
        except Gone:
            log("the browser closed its pipe (it crashed or did not start: see its log)")
            status = 2
        finally:
            stop_browser()
        print(last)
        sys.exit(status)
        """#
}
