/// Completion codes and their actions, as Prolific's document describes them: codes unique in a
/// study, a `null` code only alone among the participant's codes and with no actions, actions
/// that may not go together refused, groups in the study's workspace.
public enum CompletionCodeRules {
    /// Actions that decide a submission's outcome; a code takes one of them at most.
    static let outcomes: Set<String> = [
        "MANUALLY_REVIEW", "AUTOMATICALLY_APPROVE", "DYNAMIC_PAYMENT", "FIXED_SCREEN_OUT_PAYMENT",
    ]
    static let actionNames = [
        "MANUALLY_REVIEW", "AUTOMATICALLY_APPROVE", "ADD_TO_PARTICIPANT_GROUP", "REMOVE_FROM_PARTICIPANT_GROUP",
        "REQUEST_RETURN", "DYNAMIC_PAYMENT", "FIXED_SCREEN_OUT_PAYMENT",
    ]
    public static let maximumCodeLength = 255

    static func codes(
        _ inputs: [CompletionCodeInput], field: String = "completion_codes", reward: Int, references: StudyReferences,
        into errors: inout FieldErrors
    ) -> [CompletionCode] {
        var seen = Set<String>()
        var codes: [CompletionCode] = []
        for (index, input) in inputs.enumerated() {
            let path = field == "completion_codes" ? "completion_codes[\(index)]" : field
            guard case .set(let text) = input.code else {
                errors.add("\(path).code", "This field is required.")
                continue
            }
            if let text {
                if text.trimmingWhitespace().isEmpty || text.unicodeScalars.count > maximumCodeLength {
                    errors.add("\(path).code", "A code is 1 to \(maximumCodeLength) characters.")
                } else if !seen.insert(text).inserted {
                    errors.add("\(path).code", "Each code must be unique within a study: '\(text)' is given twice.")
                }
            }
            let actor: CodeActor
            if let raw = input.actor {
                guard let parsed = CodeActor(rawValue: raw) else {
                    errors.add("\(path).actor", StudyRules.choiceMessage(raw, CodeActor.allCases.map(\.rawValue)))
                    continue
                }
                actor = parsed
            } else {
                actor = .participant
            }
            guard let codeType = input.codeType, !codeType.trimmingWhitespace().isEmpty else {
                errors.add("\(path).code_type", "This field is required.")
                continue
            }
            guard let actionInputs = input.actions else {
                errors.add("\(path).actions", "This field is required.")
                continue
            }
            let actions = actionInputs.enumerated().compactMap { position, action in
                self.action(action, path: "\(path).actions[\(position)]", actor: actor, references: references, into: &errors)
            }
            guard actions.count == actionInputs.count else { continue }
            if text == nil {
                if actor != .participant || !actions.isEmpty {
                    errors.add("\(path).code", "A null code is only allowed for the participant, with no actions.")
                }
            } else if actions.isEmpty {
                errors.add("\(path).actions", "Give at least one action.")
            }
            let names = actions.map(\.name)
            let decisive = Set(names).intersection(outcomes)
            if decisive.count > 1 {
                errors.add("\(path).actions", "These actions cannot be used together: \(decisive.sorted().joined(separator: ", ")).")
            }
            if Set(names).count != names.count && Set(actions).count != actions.count {
                errors.add("\(path).actions", "An action is given twice.")
            }
            let added = Set(actions.compactMap { if case .addToParticipantGroup(let g) = $0 { g } else { nil } })
            let removed = Set(actions.compactMap { if case .removeFromParticipantGroup(let g) = $0 { g } else { nil } })
            if !added.isDisjoint(with: removed) {
                errors.add("\(path).actions", "A code cannot both add a participant to a group and remove them from it.")
            }
            codes.append(CompletionCode(code: text, codeType: codeType, actions: actions, actor: actor))
        }
        let nullCodes = codes.filter { $0.code == nil }
        if !nullCodes.isEmpty, codes.contains(where: { $0.actor == .participant && $0.code != nil }) {
            errors.add(field, "A null code cannot be given with other participant codes.")
        }
        return codes
    }

    private static func action(
        _ input: CodeActionInput, path: String, actor: CodeActor, references: StudyReferences,
        into errors: inout FieldErrors
    ) -> CodeAction? {
        guard let name = input.action else {
            errors.add("\(path).action", "This field is required.")
            return nil
        }
        switch name {
        case "MANUALLY_REVIEW": return .manuallyReview
        case "AUTOMATICALLY_APPROVE": return .automaticallyApprove
        case "ADD_TO_PARTICIPANT_GROUP", "REMOVE_FROM_PARTICIPANT_GROUP":
            guard let text = input.participantGroup else {
                errors.add("\(path).participant_group", "This field is required.")
                return nil
            }
            if let problem = StudyRules.groupProblem(text, references) {
                errors.add("\(path).participant_group", problem)
                return nil
            }
            let group = GroupID(text)!
            return name == "ADD_TO_PARTICIPANT_GROUP" ? .addToParticipantGroup(group) : .removeFromParticipantGroup(group)
        case "REQUEST_RETURN":
            guard let reason = input.returnReason, !reason.trimmingWhitespace().isEmpty else {
                errors.add("\(path).return_reason", "This field is required.")
                return nil
            }
            return .requestReturn(reason: reason)
        case "DYNAMIC_PAYMENT":
            guard actor == .researcher else {
                errors.add("\(path).action", "DYNAMIC_PAYMENT needs the actor 'researcher'.")
                return nil
            }
            return .dynamicPayment
        case "FIXED_SCREEN_OUT_PAYMENT":
            var valid = true
            if input.fixedScreenOutReward == nil {
                errors.add("\(path).fixed_screen_out_reward", "This field is required.")
                valid = false
            }
            if input.slots == nil {
                errors.add("\(path).slots", "This field is required.")
                valid = false
            }
            let reward = StudyRules.integer(input.fixedScreenOutReward, "\(path).fixed_screen_out_reward", minimum: 1, &errors)
            let slots = StudyRules.integer(input.slots, "\(path).slots", minimum: 1, &errors)
            guard valid, let reward, let slots else { return nil }
            return .fixedScreenOutPayment(reward: reward, slots: slots)
        default:
            errors.add("\(path).action", StudyRules.choiceMessage(name, actionNames))
            return nil
        }
    }
}
