import CohortAPI
import CohortCore
import OpenAPIRuntime

extension APIHandler {
    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        guard metricsEnabled else { throw CohortError(.notFound, "Metrics are off; start the server with --metrics.") }
        return .ok(.init(body: .plainText(HTTPBody(PrometheusExport.text()))))
    }
}
