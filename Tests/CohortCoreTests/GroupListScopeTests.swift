import CohortCore
import Testing

/// GroupRules.listScope: the five spellings of a list filter (folded by the server into parameters), and what happens with none or two.
@Suite struct GroupListScopeTests {
    static let spellings = ["workspace_id", "project_id", "filter[workspace_id]", "filter[project_id]", "organisation_id"]

    /// Calls `listScope` with `values` keyed by spelling.
    static func scope(_ values: [String: String]) throws(CohortError) -> GroupListScope {
        try GroupRules.listScope(
            spellings.compactMap { name in
                values[name].map { value in
                    let kind: GroupListScope.Parameter.Kind =
                        name.contains("workspace") ? .workspace : name.contains("project") ? .project : .organisation
                    return GroupListScope.Parameter(name: name, kind: kind, value: value)
                }
            })
    }

    @Test(arguments: [
        ("workspace_id", GroupListScope.workspace(WorkspaceID(workspaceHex)!)),
        ("filter[workspace_id]", .workspace(WorkspaceID(workspaceHex)!)),
        ("project_id", .project(ProjectID(workspaceHex)!)),
        ("filter[project_id]", .project(ProjectID(workspaceHex)!)),
        ("organisation_id", .organisation(OrganisationID(workspaceHex)!)),
    ])
    func eachSpellingNamesItsScope(spelling: String, expected: GroupListScope) throws {
        #expect(try Self.scope([spelling: workspaceHex]) == expected)
    }

    @Test func noneIsAnInvalidScope() throws {
        let error = try #require(throws: CohortError.self) { try Self.scope([:]) }
        #expect(error.kind == .invalidScope)
    }

    @Test func emptyValuesCountAsAbsent() throws {
        let allEmpty = Dictionary(uniqueKeysWithValues: Self.spellings.map { ($0, "") })
        let error = try #require(throws: CohortError.self) { try Self.scope(allEmpty) }
        #expect(error.kind == .invalidScope)
        var oneGiven = allEmpty
        oneGiven["filter[project_id]"] = projectHex
        #expect(try Self.scope(oneGiven) == .project(ProjectID(projectHex)!))
    }

    static let pairs: [(String, String)] = spellings.indices.flatMap { i in
        spellings.indices.filter { $0 > i }.map { (spellings[i], spellings[$0]) }
    }

    @Test(arguments: pairs)
    func twoAtOnceAreAnInvalidScope(first: String, second: String) throws {
        let error = try #require(throws: CohortError.self) { try Self.scope([first: workspaceHex, second: workspaceHex]) }
        #expect(error.kind == .invalidScope)
        #expect(error.detail == .message("Give only one scope; got \(first), \(second)."))
    }

    @Test(arguments: spellings)
    func malformedIDIsNotFound(spelling: String) throws {
        for bad in ["nope", workspaceHex.uppercased(), workspaceHex + "0"] {
            let error = try #require(throws: CohortError.self) { try Self.scope([spelling: bad]) }
            #expect(error.kind == .notFound)
        }
    }
}
