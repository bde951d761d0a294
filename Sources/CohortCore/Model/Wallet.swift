/// A workspace's money: what it holds (`total_balance`) and what published studies hold of it.
/// Kept as a plain resource whose id is the workspace's, so that a publish and the wallet change
/// in one transaction; a workspace that never had one has ``MoneySettings/startingBalanceCents``.
public struct Wallet: PlainResource, Hashable {
    public static let recordKind = RecordKind("wallet")

    public let id: WalletID
    public let workspaceID: WorkspaceID
    public let createdAt: Timestamp
    /// Cents, in the workspace's currency.
    public var totalCents: Int
    /// Cents held for published studies' places, part of ``totalCents``.
    public var reservedCents: Int

    public init(workspaceID: WorkspaceID, createdAt: Timestamp, totalCents: Int, reservedCents: Int = 0) {
        self.id = WalletID(workspaceID.objectID)
        self.workspaceID = workspaceID
        self.createdAt = createdAt
        self.totalCents = totalCents
        self.reservedCents = reservedCents
    }

    public var availableCents: Int { totalCents - reservedCents }

    public var listFields: Set<RecordField> { [] }

    public static func key(of workspace: WorkspaceID) -> RecordKey { key(WalletID(workspace.objectID)) }
}

public typealias WalletID = ID<Wallet>
extension Wallet: NamedEntity { public static let entityName = "Wallet" }
