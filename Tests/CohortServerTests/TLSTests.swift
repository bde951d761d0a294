import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `cohort serve --tls-cert --tls-key`: HTTPS on the same port, with every layer of the HTTP
/// stack (the hardened channel's byte counting, body limits, the envelope) below TLS.
@Suite struct TLSTests {
    /// A self-signed certificate for 127.0.0.1 and localhost, made with the openssl command.
    private static func makeCertificate(in directory: URL) async throws -> (certificate: String, key: String) {
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let openssl = try ChildProcess(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", certificate,
            ], environment: [:])
        #expect(try await openssl.waitForExit() == 0, "openssl req failed")
        return (certificate, key)
    }

    @Test func itServesHTTPSWithTheGivenCertificateAndNothingInClear() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let (certificate, key) = try await Self.makeCertificate(in: directory)
        let server = try CohortProcess(
            ["serve", "--port", "0", "--database", directory.appendingPathComponent("db.sqlite").path,
             "--tls-cert", certificate, "--tls-key", key],
            environment: ["COHORT_BOOTSTRAP_TOKEN": "tls-token"])
        defer { server.signal(SIGKILL) }
        let url = try await server.waitUntilServing()
        #expect(url.hasPrefix("https://127.0.0.1:"))

        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
        do {
            var me = HTTPClientRequest(url: url + "/api/v1/users/me/")
            me.headers.add(name: "Authorization", value: "Token tls-token")
            let answer = try await client.execute(me, timeout: .seconds(30))
            #expect(answer.status == .ok)
            let body = String(buffer: try await answer.body.collect(upTo: 1 << 20))
            #expect(body.contains("\"email\""))

            // A body goes through the whole stack too, and a malformed one still gets the envelope.
            var create = HTTPClientRequest(url: url + "/api/v1/participant-groups/")
            create.method = .POST
            create.headers.add(name: "Authorization", value: "Token tls-token")
            create.headers.add(name: "Content-Type", value: "application/json")
            create.body = .bytes(ByteBuffer(string: "{\"name\": "))
            let refused = try await client.execute(create, timeout: .seconds(30))
            #expect(refused.status == .badRequest)
            #expect(String(buffer: try await refused.body.collect(upTo: 1 << 20)).contains("\"error_code\""))
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()

        // The same port does not answer plain HTTP.
        let plain = url.replacingOccurrences(of: "https://", with: "http://") + "/health/live"
        await #expect(throws: (any Error).self) {
            _ = try await HTTPClient.shared.execute(HTTPClientRequest(url: plain), timeout: .seconds(10))
        }
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0)
    }

    @Test func aKeyWithoutACertificateOrAFileThatIsNotPEMIsRefusedAtStart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let notPEM = directory.appendingPathComponent("not.pem").path
        try Data("hello".utf8).write(to: URL(fileURLWithPath: notPEM))
        let database = directory.appendingPathComponent("db.sqlite").path

        let alone = try await CohortProcess.run(["serve", "--port", "0", "--database", database, "--tls-key", notPEM])
        #expect(alone.status != 0)
        #expect(alone.stderr.contains("--tls-cert and --tls-key go together"))

        let bad = try await CohortProcess.run(
            ["serve", "--port", "0", "--database", database, "--tls-cert", notPEM, "--tls-key", notPEM])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("\(notPEM) is not a PEM certificate chain"))
    }
}
