import CohortAPI
import CohortCore

extension APIHandler {
    func setSandboxWallet(_ input: Operations.SetSandboxWallet.Input) async throws -> Operations.SetSandboxWallet.Output {
        let session = try Self.sandbox(sandbox)
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let (wallet, currency) = try await session.cohort.studies.setBalance(
            workspace: input.path.workspaceId, totalCents: Int(body.totalBalance))
        return .ok(.init(body: .json(.init(wallet, currency: currency, money: session.cohort.money))))
    }
}
