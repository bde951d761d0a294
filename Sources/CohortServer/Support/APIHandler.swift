import CohortAPI
import CohortCore

/// Implements the operations generated from `openapi.yaml`. Each resource's operations live in
/// an extension in that resource's folder; each one decodes, calls the core, and encodes.
struct APIHandler: APIProtocol {
    let cohort: Cohort
    /// Whether `GET /metrics` answers (`--metrics`).
    var metricsEnabled = false
    /// The sandbox, with `--sandbox`; its operations are not routed otherwise.
    var sandbox: SandboxSession?
}

extension APIHandler {
    /// Operations whose body has one content type never see another: the generated code answers
    /// 415 first. This is what a handler throws if that ever changes.
    static var jsonOnly: CohortError { CohortError(.unsupportedMediaType, "Send the body as application/json.") }
}
