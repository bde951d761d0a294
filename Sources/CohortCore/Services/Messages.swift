/// Messages between researchers and participants (lifecycle.md §3.6): sent one per recipient,
/// read by either party, and marked read only by the sandbox (Prolific's API has no way to).
public struct Messages: Sendable {
    let store: any CohortStore
    let clock: any CohortClock

    public init(store: any CohortStore, clock: any CohortClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// `send-message` and `bulk-message-participants`: one message to each recipient, about one
    /// of the caller's studies.
    public func send(to rawRecipients: [String], body rawBody: String?, study rawStudy: String?, caller: Researcher) async throws {
        let body = try MessageRules.body(rawBody)
        guard let rawStudy else { throw CohortError.invalid("study_id", "This field is required.") }
        let study = try await PlainResources<Study>(store: store).get(rawStudy, caller: caller)
        let bad = rawRecipients.filter { !ObjectID.isWellFormed($0) }
        guard !rawRecipients.isEmpty, bad.isEmpty else {
            throw CohortError.invalid(
                "recipient_id", bad.isEmpty ? "Give at least one recipient." : "Not user ids: " + bad.joined(separator: ", ") + ".")
        }
        try await insert(
            Array(Set(rawRecipients)).sorted(), body: body, studyID: study.id, workspace: study.workspaceID, sender: caller.id.hex)
    }

    /// `send-message-to-participant-group`: one message to each current member.
    public func send(toGroup rawGroup: String, body rawBody: String?, study rawStudy: String?, caller: Researcher) async throws {
        let body = try MessageRules.body(rawBody)
        let groupID = try GroupID.parse(rawGroup)
        guard let group = try await store.group(groupID, visibleTo: caller.id) else { throw groupID.notFound }
        guard !group.isDeleted else {
            throw CohortError.invalid("participant_group_id", "The group is deleted: there is nobody to message.")
        }
        var studyID: StudyID?
        if let rawStudy {
            studyID = try await PlainResources<Study>(store: store).get(rawStudy, caller: caller).id
        }
        guard let workspace = group.owner.workspaceID else {
            throw CohortError.invalid("participant_group_id", "Messages go to a workspace's groups, not an organisation's.")
        }
        guard let members = try await store.members(of: groupID, page: .everything, visibleTo: caller.id), members.total > 0 else {
            throw CohortError.invalid("participant_group_id", "The group has no members to message.")
        }
        try await insert(
            members.items.map(\.participantID.hex), body: body, studyID: studyID, workspace: workspace, sender: caller.id.hex)
    }

    /// `get-messages`: with `user_id`, the caller's messages with that user; with
    /// `created_after`, every message of the caller's since then (at most 30 days back).
    public func list(with rawUser: String?, createdAfter rawAfter: String?, excludedSenders rawExcluded: String?, caller: Researcher)
        async throws -> [Message]
    {
        var errors = FieldErrors()
        let now = clock.now()
        var after: Timestamp?
        if let rawAfter {
            if let time = Timestamp(rfc3339: rawAfter) {
                if now.secondsSince1970 - time.secondsSince1970 > MessageRules.maximumAgeSeconds {
                    errors.add("created_after", "You can only fetch up to the last 30 days of messages.")
                }
                after = time
            } else {
                errors.add("created_after", "Datetime has wrong format. Use ISO 8601 (2030-01-01T09:00:00Z).")
            }
        }
        if rawUser == nil, rawAfter == nil {
            errors.add("user_id", "Give user_id, or created_after.")
        }
        let excluded = Set((rawExcluded ?? "").split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty })
        if excluded.count > MessageRules.maximumExcluded {
            errors.add("excluded_sender_ids", "Give at most \(MessageRules.maximumExcluded) ids.")
        }
        try errors.throwIfAny()
        return try await messages(of: caller.id.hex).filter { message in
            (rawUser.map { message.senderID == $0 || message.recipientID == $0 } ?? true)
                && (after.map { message.createdAt > $0 } ?? true) && !excluded.contains(message.senderID)
        }
    }

    /// `get-unread-messages`: messages to the caller not yet read; reading them does not mark them.
    public func unread(caller: Researcher) async throws -> [Message] {
        try await unread(of: caller.id.hex)
    }

    // MARK: The sandbox's side

    /// A user's messages, sent and received, in the order sent.
    public func messages(of user: String) async throws -> [Message] {
        try await store.records(of: Message.recordKind, carrying: RecordField(Message.partyField, user)).map { try $0.decode() }
            .filter { $0.senderID == user || $0.recipientID == user }
    }

    func unread(of user: String) async throws -> [Message] {
        try await store.records(of: Message.recordKind, carrying: RecordField(Message.unreadField, user)).map { try $0.decode() }
            .filter { $0.recipientID == user && $0.readAt == nil }
    }

    /// A participant writes to a researcher about a study (`category` one of Prolific's).
    public func participantSends(
        from rawParticipant: String, to rawRecipient: String?, body rawBody: String?, study rawStudy: String?, category: String?
    ) async throws -> Message {
        guard let participant = ParticipantID(rawParticipant) else { throw ParticipantID.notFound(rawParticipant) }
        let body = try MessageRules.body(rawBody)
        var errors = FieldErrors()
        if let category, !MessageRules.categories.contains(category) {
            errors.add("category", StudyRules.choiceMessage(category, MessageRules.categories))
        }
        guard let rawRecipient, let recipient = ResearcherID(rawRecipient) else {
            errors.add("recipient_id", "Give the researcher's id.")
            try errors.throwIfAny()
            throw CohortError.invalid("recipient_id", "Give the researcher's id.")
        }
        guard let rawStudy, let studyID = StudyID(rawStudy), let stored = try await store.record(Study.key(studyID)) else {
            errors.add("study_id", "Give the id of a study.")
            try errors.throwIfAny()
            throw CohortError.invalid("study_id", "Give the id of a study.")
        }
        try errors.throwIfAny()
        let study: Study = try stored.decode()
        let message = Message(
            id: MessageID(ObjectID.generate(at: clock.now())), workspaceID: study.workspaceID, createdAt: clock.now(),
            senderID: participant.hex, recipientID: recipient.hex, body: body, studyID: study.id, category: category)
        let record = try message.record()
        _ = try await store.transact { _ in .commit([.insert(record)], result: true) }
        return message
    }

    /// Marks a message read (by its recipient, whoever that is).
    public func markRead(_ rawID: String) async throws -> Message {
        let id = try MessageID.parse(rawID)
        let now = clock.now()
        let key = Message.key(id)
        return try await store.transact { snapshot in
            guard snapshot.records[key] != nil else { return .load(records: [key]) }
            guard let stored = snapshot.record(key) else { throw id.notFound }
            var message: Message = try stored.decode()
            guard message.readAt == nil else { return .commit([], result: message) }
            message.readAt = now
            return .commit([.update(try message.record(version: stored.version))], result: message)
        }
    }

    private func insert(_ recipients: [String], body: String, studyID: StudyID?, workspace: WorkspaceID, sender: String) async throws {
        let now = clock.now()
        let records = try recipients.map { recipient in
            try Message(
                id: MessageID(ObjectID.generate(at: now)), workspaceID: workspace, createdAt: now, senderID: sender,
                recipientID: recipient, body: body, studyID: studyID
            ).record()
        }
        _ = try await store.transact { _ in .commit(records.map { .insert($0) }, result: true) }
    }
}
