import CohortAPI
import CohortCore

extension APIHandler {
    func createBonusPayments(_ input: Operations.CreateBonusPayments.Input) async throws -> Operations.CreateBonusPayments.Output {
        let caller = try RequestScope.caller()
        guard case .json(let body) = input.body else { throw Self.jsonOnly }
        let bonus = try await cohort.bonuses.create(study: body.studyId, csv: body.csvBonuses, caller: caller)
        return .created(
            .init(
                body: .json(
                    .init(
                        id: bonus.id.hex, study: bonus.studyID.hex, amount: bonus.cost.rewards, fees: bonus.cost.fees,
                        vat: bonus.cost.tax, totalAmount: bonus.cost.total))))
    }

    func payBonusPayments(_ input: Operations.PayBonusPayments.Input) async throws -> Operations.PayBonusPayments.Output {
        try await cohort.bonuses.pay(input.path.id, caller: try RequestScope.caller())
        return .accepted(.init(body: .json("The bonuses have been paid.")))
    }
}
