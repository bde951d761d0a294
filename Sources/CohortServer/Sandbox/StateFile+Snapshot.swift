import CohortCore
import Foundation

extension StateFile {
    /// The file an export writes: every list, every field.
    init(_ snapshot: StateSnapshot) {
        formatVersion = Self.formatVersion
        organisations = snapshot.organisations.map {
            Organisation(id: $0.id.hex, name: $0.name, datetimeCreated: $0.createdAt.rfc3339)
        }
        researchers = snapshot.researchers.map {
            Researcher(
                id: $0.researcher.id.hex, email: $0.researcher.email, name: $0.researcher.name,
                organisationID: $0.researcher.organisationID.hex, datetimeCreated: $0.createdAt.rfc3339)
        }
        tokens = snapshot.tokens.map {
            Token(researcherID: $0.researcherID.hex, digest: $0.digest.hex, datetimeCreated: $0.createdAt.rfc3339)
        }
        workspaces = snapshot.workspaces.map {
            Workspace(
                id: $0.id.hex, organisationID: $0.organisationID.hex, ownerID: $0.ownerID.hex, title: $0.title,
                description: $0.description, naivetyDistributionRate: $0.naivetyDistributionRate,
                currencyCode: $0.currencyCode.rawValue, datetimeCreated: $0.createdAt.rfc3339)
        }
        workspaceMembers = snapshot.workspaceMembers.map {
            WorkspaceMember(workspaceID: $0.workspaceID.hex, researcherID: $0.researcherID.hex, role: $0.role)
        }
        projects = snapshot.projects.map(Project.init)
        participantGroups = snapshot.groups.map(Group.init)
        memberships = snapshot.memberships.map {
            Membership(
                groupID: $0.groupID.hex, participantID: $0.membership.participantID.hex,
                datetimeCreated: $0.membership.addedAt.rfc3339)
        }
        testParticipants = snapshot.testParticipants.map {
            TestParticipant(id: $0.id.hex, email: $0.email, createdBy: $0.createdBy.hex, datetimeCreated: $0.createdAt.rfc3339)
        }
        // Wallets in their own terms; any other record (or a wallet that does not decode) as stored.
        var wallets: [Wallet] = []
        var others: [StoredRecord] = []
        for record in snapshot.records {
            if record.kind == CohortCore.Wallet.recordKind, let wallet = try? record.decode(as: CohortCore.Wallet.self) {
                wallets.append(
                    Wallet(
                        workspaceID: wallet.workspaceID.hex, totalBalance: wallet.totalCents,
                        reservedBalance: wallet.reservedCents, datetimeCreated: wallet.createdAt.rfc3339))
            } else {
                others.append(record)
            }
        }
        self.wallets = wallets
        records = others.map(Record.init)
    }

    /// The bytes of an export: keys sorted and indented, so that the same state always reads the
    /// same, and a file diffs well.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// A file as sent or read: JSON with only known keys and the known format version, in the
    /// envelope's terms when it is not.
    static func decode(_ bytes: Data) throws -> StateFile {
        let file: StateFile
        do {
            file = try JSONDecoder().decode(StateFile.self, from: bytes)
        } catch let error as DecodingError {
            throw ErrorTranslation.fromDecoding(error)
        }
        var errors = FieldErrors()
        for place in unknownKeys(in: try JSONSerialization.jsonObject(with: bytes)) { errors.add(place, "Unknown field.") }
        if let version = file.formatVersion, version != formatVersion {
            errors.add("format_version", "Only format_version \(formatVersion) is known.")
        }
        try errors.throwIfAny()
        return file
    }

    /// The snapshot the file describes, with defaults filled in (`now` for a missing time), or
    /// every malformed value it has, by place. Whether its references hold is ``SnapshotRules``'s
    /// to say.
    func snapshot(now: Timestamp) throws -> StateSnapshot {
        var parser = Parser(now: now)
        var snapshot = StateSnapshot()
        for (index, entry) in (organisations ?? []).enumerated() {
            let place = "organisations[\(index)]"
            if let id: OrganisationID = parser.id(entry.id, "\(place).id") {
                snapshot.organisations.append(
                    .init(id: id, name: entry.name, createdAt: parser.time(entry.datetimeCreated, place)))
            }
        }
        for (index, entry) in (researchers ?? []).enumerated() {
            let place = "researchers[\(index)]"
            if let id: ResearcherID = parser.id(entry.id, "\(place).id"),
                let organisation: OrganisationID = parser.id(entry.organisationID, "\(place).organisation_id")
            {
                let researcher = CohortCore.Researcher(
                    id: id, email: entry.email.lowercased(), name: entry.name, organisationID: organisation)
                snapshot.researchers.append(.init(researcher: researcher, createdAt: parser.time(entry.datetimeCreated, place)))
            }
        }
        for (index, entry) in (tokens ?? []).enumerated() {
            let place = "tokens[\(index)]"
            let digest: TokenDigest?
            switch (entry.token, entry.digest) {
            case (let token?, nil): digest = token.isEmpty ? nil : APIToken(token).digest
            case (nil, let hex?): digest = try? TokenDigest(storedHex: hex)
            default:
                parser.errors.add(place, "Give exactly one of token and digest.")
                continue
            }
            guard let digest else {
                parser.errors.add(place, "A token is not empty; a digest is 64 hex characters.")
                continue
            }
            if let researcher: ResearcherID = parser.id(entry.researcherID, "\(place).researcher_id") {
                snapshot.tokens.append(
                    .init(digest: digest, researcherID: researcher, createdAt: parser.time(entry.datetimeCreated, place)))
            }
        }
        for (index, entry) in (workspaces ?? []).enumerated() {
            let place = "workspaces[\(index)]"
            let currency = parser.choice(entry.currencyCode ?? CurrencyCode.gbp.rawValue, CurrencyCode.self, "\(place).currency_code")
            if let id: WorkspaceID = parser.id(entry.id, "\(place).id"),
                let organisation: OrganisationID = parser.id(entry.organisationID, "\(place).organisation_id"),
                let owner: ResearcherID = parser.id(entry.ownerID, "\(place).owner_id"), let currency
            {
                snapshot.workspaces.append(
                    CohortCore.Workspace(
                        id: id, organisationID: organisation, title: entry.title, description: entry.description ?? "",
                        ownerID: owner, naivetyDistributionRate: entry.naivetyDistributionRate, currencyCode: currency,
                        createdAt: parser.time(entry.datetimeCreated, place)))
            }
        }
        for (index, entry) in (workspaceMembers ?? []).enumerated() {
            let place = "workspace_members[\(index)]"
            if let workspace: WorkspaceID = parser.id(entry.workspaceID, "\(place).workspace_id"),
                let researcher: ResearcherID = parser.id(entry.researcherID, "\(place).researcher_id")
            {
                snapshot.workspaceMembers.append(
                    .init(workspaceID: workspace, researcherID: researcher, role: entry.role ?? Member.workspaceAdmin))
            }
        }
        for (index, entry) in (projects ?? []).enumerated() {
            let place = "projects[\(index)]"
            let visibility = parser.choice(entry.type ?? "PRIVATE", CohortCore.Project.Visibility.self, "\(place).type")
            var details: CohortCore.Project.PublicDetails?
            if let status = entry.publicStatus {
                details = parser.choice(status, CohortCore.Project.PublicDetails.Status.self, "\(place).public_status").map {
                    .init(
                        status: $0, title: entry.publicTitle, shortDescription: entry.publicShortDescription,
                        description: entry.publicDescription)
                }
            }
            if let id: ProjectID = parser.id(entry.id, "\(place).id"),
                let workspace: WorkspaceID = parser.id(entry.workspaceID, "\(place).workspace_id"),
                let owner: ResearcherID = parser.id(entry.ownerID, "\(place).owner_id"), let visibility
            {
                snapshot.projects.append(
                    CohortCore.Project(
                        id: id, workspaceID: workspace, title: entry.title, description: entry.description ?? "",
                        ownerID: owner, visibility: visibility, publicDetails: details,
                        naivetyDistributionRate: entry.naivetyDistributionRate, isLongitudinal: entry.isLongitudinal ?? false,
                        longitudinalConfigJSON: entry.longitudinalConfig, createdAt: parser.time(entry.datetimeCreated, place)))
            }
        }
        for (index, entry) in (participantGroups ?? []).enumerated() {
            let place = "participant_groups[\(index)]"
            let owner: ParticipantGroup.Owner?
            switch (entry.workspaceID, entry.organisationID) {
            case (let workspace?, nil): owner = parser.id(workspace, "\(place).workspace_id").map { .workspace($0) }
            case (nil, let organisation?): owner = parser.id(organisation, "\(place).organisation_id").map { .organisation($0) }
            default:
                parser.errors.add(place, "Give exactly one of workspace_id and organisation_id.")
                owner = nil
            }
            let project: ProjectID?? = entry.projectID.map { parser.id($0, "\(place).project_id") }
            if let id: GroupID = parser.id(entry.id, "\(place).id"), let owner, project != .some(nil) {
                snapshot.groups.append(
                    ParticipantGroup(
                        id: id, name: entry.name, description: entry.description, owner: owner, projectID: project ?? nil,
                        participantCount: 0, isDeleted: entry.isDeleted ?? false,
                        createdAt: parser.time(entry.datetimeCreated, place)))
            }
        }
        for (index, entry) in (memberships ?? []).enumerated() {
            let place = "memberships[\(index)]"
            if let group: GroupID = parser.id(entry.groupID, "\(place).group_id"),
                let participant: ParticipantID = parser.id(entry.participantID, "\(place).participant_id")
            {
                snapshot.memberships.append(
                    .init(
                        groupID: group,
                        membership: CohortCore.Membership(
                            participantID: participant, addedAt: parser.time(entry.datetimeCreated, place))))
            }
        }
        for (index, entry) in (testParticipants ?? []).enumerated() {
            let place = "test_participants[\(index)]"
            if let id: ParticipantID = parser.id(entry.id, "\(place).id"),
                let creator: ResearcherID = parser.id(entry.createdBy, "\(place).created_by")
            {
                snapshot.testParticipants.append(
                    .init(id: id, email: entry.email.lowercased(), createdBy: creator, createdAt: parser.time(entry.datetimeCreated, place)))
            }
        }
        for (index, entry) in (wallets ?? []).enumerated() {
            let place = "wallets[\(index)]"
            guard let workspace: WorkspaceID = parser.id(entry.workspaceID, "\(place).workspace_id") else { continue }
            let reserved = entry.reservedBalance ?? 0
            guard entry.totalBalance >= 0, reserved >= 0, reserved <= entry.totalBalance else {
                parser.errors.add(place, "total_balance and reserved_balance are 0 or more, and reserved_balance is at most total_balance.")
                continue
            }
            let wallet = CohortCore.Wallet(
                workspaceID: workspace, createdAt: parser.time(entry.datetimeCreated, place), totalCents: entry.totalBalance,
                reservedCents: reserved)
            if let record = try? wallet.record() { snapshot.records.append(record) }
        }
        for (index, entry) in (records ?? []).enumerated() {
            let place = "records[\(index)]"
            if let workspace: WorkspaceID = parser.id(entry.workspaceID, "\(place).workspace_id") {
                snapshot.records.append(
                    StoredRecord(
                        kind: RecordKind(rawValue: entry.kind), id: entry.id, workspaceID: workspace,
                        createdAt: parser.time(entry.datetimeCreated, place), version: entry.version ?? 1, body: entry.body,
                        fields: Set((entry.fields ?? []).map { RecordField($0.name, $0.value) })))
            }
        }
        try parser.errors.throwIfAny()
        return snapshot
    }

    /// Reads values, noting each malformed one at its place.
    private struct Parser {
        let now: Timestamp
        var errors = FieldErrors()

        mutating func id<Entity>(_ text: String, _ place: String) -> ID<Entity>? {
            guard let id = ID<Entity>(text) else {
                errors.add(place, "'\(text)' is not an id: 24 lowercase hex characters.")
                return nil
            }
            return id
        }

        mutating func time(_ text: String?, _ place: String) -> Timestamp {
            guard let text else { return now }
            guard let time = Timestamp(rfc3339: text) else {
                errors.add("\(place).datetime_created", "Give an RFC 3339 time, such as 2030-01-01T00:00:00Z.")
                return now
            }
            return time
        }

        mutating func choice<Choice: RawRepresentable<String>>(_ text: String, _ type: Choice.Type, _ place: String) -> Choice? {
            guard let value = Choice(rawValue: text) else {
                errors.add(place, "'\(text)' is not a valid choice.")
                return nil
            }
            return value
        }
    }
}

extension StateFile.Token {
    init(researcherID: String, digest: String, datetimeCreated: String) {
        self.init(researcherID: researcherID, token: nil, digest: digest, datetimeCreated: datetimeCreated)
    }
}

extension StateFile.Project {
    init(_ project: CohortCore.Project) {
        self.init(
            id: project.id.hex, workspaceID: project.workspaceID.hex, ownerID: project.ownerID.hex, title: project.title,
            description: project.description, type: project.visibility.rawValue,
            publicStatus: project.publicDetails?.status.rawValue, publicTitle: project.publicDetails?.title,
            publicShortDescription: project.publicDetails?.shortDescription,
            publicDescription: project.publicDetails?.description, naivetyDistributionRate: project.naivetyDistributionRate,
            isLongitudinal: project.isLongitudinal, longitudinalConfig: project.longitudinalConfigJSON,
            datetimeCreated: project.createdAt.rfc3339)
    }
}

extension StateFile.Group {
    init(_ group: ParticipantGroup) {
        self.init(
            id: group.id.hex, name: group.name, description: group.description, workspaceID: group.owner.workspaceID?.hex,
            organisationID: group.owner.organisationID?.hex, projectID: group.projectID?.hex, isDeleted: group.isDeleted,
            datetimeCreated: group.createdAt.rfc3339)
    }
}

extension StateFile.Record {
    init(_ record: StoredRecord) {
        self.init(
            kind: record.kind.rawValue, id: record.id, workspaceID: record.workspaceID.hex, version: record.version,
            body: record.body, fields: record.fields.sorted().map { Field(name: $0.name, value: $0.value) },
            datetimeCreated: record.createdAt.rfc3339)
    }
}
