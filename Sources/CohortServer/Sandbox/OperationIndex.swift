import CohortAPI
import CohortCore

/// Which operation of `openapi.yaml` a request is, for fault rules that name an `operationId`.
/// Read from the served document itself, so that it always knows exactly the operations served.
struct OperationIndex: Sendable {
    private let entries: [(method: String, path: PathPattern, operationID: String)]

    var operationIDs: Set<String> { Set(entries.map(\.operationID)) }

    /// Reads `paths:` of the document: a path at two spaces' indent, a method at four, its
    /// `operationId:` at six, as the file is written (a test holds it to every operation there).
    init(yaml: String = String(decoding: OpenAPIDocument.yaml, as: UTF8.self)) {
        var entries: [(String, PathPattern, String)] = []
        var inPaths = false
        var path: PathPattern?
        var method: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") { inPaths = line == "paths:" }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   "), line.hasSuffix(":") {
                path = PathPattern(String(line.dropFirst(2).dropLast()))
                method = nil
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                method = String(line.dropFirst(4).dropLast()).uppercased()
            } else if line.hasPrefix("      operationId: "), let path, let method {
                entries.append((method, path, String(line.dropFirst("      operationId: ".count))))
            }
        }
        self.entries = entries
    }

    /// The operation answering `method` on `path`; HEAD is GET's.
    func operation(method: String, path: String) -> String? {
        let method = method == "HEAD" ? "GET" : method
        let segments = PathPattern.segments(of: path)
        return entries.first { $0.method == method && $0.path.matches(segments: segments) }?.operationID
    }
}
