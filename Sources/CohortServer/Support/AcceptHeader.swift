import CohortCore
import HTTPTypes

/// The `Accept` check the generated handlers make, for the routes written by hand: a request that
/// names media types, none of them JSON or a wildcard over it, is answered 406.
enum AcceptHeader {
    static func requireJSON(_ headers: HTTPFields) throws(CohortError) {
        guard let accept = headers[values: .accept].joined(separator: ",").nonEmptyText else { return }
        let acceptable = accept.split(separator: ",").contains { range in
            let type = range.split(separator: ";", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            return type == "application/json" || type == "application/*" || type == "*/*"
        }
        if !acceptable { throw CohortError(.notAcceptable, "This resource is only available as JSON.") }
    }
}

extension String {
    fileprivate var nonEmptyText: String? { isEmpty ? nil : self }
}

import Foundation
