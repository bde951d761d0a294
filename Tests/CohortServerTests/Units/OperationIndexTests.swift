import CohortAPI
@testable import CohortServer
import Foundation
import Testing
import Yams

/// ``OperationIndex`` reads `openapi.yaml` line by line, for fault rules that name an operation:
/// held here to every operation the document has, as a YAML parser reads it.
@Suite struct OperationIndexTests {
    @Test func everyOperationOfTheDocumentIsFoundAtItsPath() throws {
        let text = String(decoding: OpenAPIDocument.yaml, as: UTF8.self)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let index = OperationIndex(yaml: text)
        var expected = Set<String>()
        for (path, methods) in paths {
            // A concrete path: each `{parameter}` a value.
            let concrete = path.replacingOccurrences(of: #"\{[^}]+\}"#, with: "abc123", options: .regularExpression)
            for (method, operation) in methods {
                guard let id = (operation as? [String: Any])?["operationId"] as? String else { continue }
                expected.insert(id)
                #expect(index.operation(method: method.uppercased(), path: concrete) == id, "\(method) \(path)")
            }
        }
        #expect(index.operationIDs == expected)
        #expect(index.operation(method: "HEAD", path: "/api/v1/users/me/") == "get-user")
        #expect(index.operation(method: "GET", path: "/nowhere") == nil)
    }
}
