import CohortAPI
import CohortClient
import HTTPTypes
import Testing

/// Every operation in `openapi.yaml` is classified for retrying: by its method when HTTP makes it
/// idempotent, and otherwise by name, in exactly one of the SDK's two lists. A new POST or PATCH
/// fails here until someone decides whether repeating it is safe.
@Suite struct RetryClassificationTests {
    static func operations() throws -> [(path: String, method: String, id: String)] {
        try ProlificDocument(yaml: String(decoding: OpenAPIDocument.yaml, as: UTF8.self)).operations
    }

    @Test func everyPostAndPatchIsInExactlyOneList() throws {
        var unclassified: [String] = [], twice: [String] = []
        for operation in try Self.operations() where ["post", "patch"].contains(operation.method) {
            let inRepeatable = RetryClassification.repeatable.contains(operation.id)
            let inNot = RetryClassification.notRepeatable.contains(operation.id)
            if !inRepeatable && !inNot { unclassified.append(operation.id) }
            if inRepeatable && inNot { twice.append(operation.id) }
        }
        #expect(unclassified.isEmpty, "classify in RetryClassification: \(unclassified.sorted())")
        #expect(twice.isEmpty, "in both lists: \(twice.sorted())")
    }

    @Test func theListsNameOnlyPostsAndPatchesThatExist() throws {
        let posts = Set(try Self.operations().filter { ["post", "patch"].contains($0.method) }.map(\.id))
        let listed = RetryClassification.repeatable.union(RetryClassification.notRepeatable)
        #expect(listed.subtracting(posts).isEmpty, "stale: \(listed.subtracting(posts).sorted())")
    }

    @Test func methodsDecideTheRest() {
        #expect(RetryClassification.isRepeatable(.get, operationID: "anything"))
        #expect(RetryClassification.isRepeatable(.delete, operationID: "remove-from-participant-group"))
        #expect(RetryClassification.isRepeatable(.post, operationID: "add-to-participant-group"))
        #expect(!RetryClassification.isRepeatable(.post, operationID: "create-participant-group"))
        #expect(!RetryClassification.isRepeatable(.post, operationID: "an-operation-nobody-classified"))
    }
}
