import CohortAPI
import CohortCore
import OpenAPIRuntime

extension APIHandler {
    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        do {
            try await cohort.store.ping()
        } catch {
            throw CohortError(.serviceUnavailable, "The database does not answer.")
        }
        return .ok(.init(body: .json(.init(status: .ok))))
    }

    func getLiveness(_ input: Operations.GetLiveness.Input) async throws -> Operations.GetLiveness.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    func getOpenapiDocument(_ input: Operations.GetOpenapiDocument.Input) async throws
        -> Operations.GetOpenapiDocument.Output
    {
        .ok(.init(body: .yaml(HTTPBody(OpenAPIDocument.yaml))))
    }
}
