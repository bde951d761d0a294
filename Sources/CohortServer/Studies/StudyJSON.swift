import CohortAPI
import Foundation
import NIOCore

/// A study's JSON, written by hand for `GET` a study: Foundation's encoder spent most of that
/// request building and sorting a tree of some 60 values (docs/performance.md). The bytes are
/// those the generated encoder writes for ``WireStudy``, keys sorted; a test holds the two to
/// each other. Only a filter's `weightings` (a free-form object, rarely sent) go through the
/// encoder.
enum StudyJSON {
    static func bytes(_ study: WireStudy) throws -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(2048)
        try write(study, into: &buffer)
        return buffer
    }

    private static func write(_ study: WireStudy, into buffer: inout ByteBuffer) throws {
        buffer.writeStaticString(#"{"_links":{"#)
        if let related = study.links.related {
            buffer.writeStaticString(#""related":{"href":"#)
            JSONText.write(related.href, into: &buffer)
            buffer.writeStaticString(#","title":"#)
            JSONText.write(related.title, into: &buffer)
            buffer.writeStaticString("}")
        }
        buffer.writeStaticString(#"},"access_details":"#)
        if let details = study.accessDetails {
            JSONText.writeArray(details, into: &buffer) { detail, buffer in
                buffer.writeStaticString(#"{"external_url":"#)
                JSONText.write(detail.externalUrl, into: &buffer)
                buffer.writeStaticString(#","total_allocation":"#)
                JSONText.write(detail.totalAllocation, into: &buffer)
                buffer.writeStaticString("}")
            }
        } else {
            buffer.writeStaticString("null")
        }
        buffer.writeStaticString(#","average_reward_per_hour":"#)
        JSONText.write(study.averageRewardPerHour, into: &buffer)
        buffer.writeStaticString(#","completion_codes":"#)
        JSONText.writeArray(study.completionCodes, into: &buffer, write(code:into:))
        buffer.writeStaticString(#","content_warning_details":"#)
        JSONText.write(study.contentWarningDetails, into: &buffer)
        buffer.writeStaticString(#","content_warnings":"#)
        JSONText.write(study.contentWarnings, into: &buffer)
        buffer.writeStaticString(#","credential_pool_id":"#)
        JSONText.write(study.credentialPoolId, into: &buffer)
        buffer.writeStaticString(#","currency_code":"#)
        JSONText.write(study.currencyCode, into: &buffer)
        buffer.writeStaticString(#","data_collection_id":"#)
        JSONText.write(study.dataCollectionId, into: &buffer)
        buffer.writeStaticString(#","data_collection_metadata":"#)
        if let metadata = study.dataCollectionMetadata {
            buffer.writeStaticString(#"{"annotators_per_task":"#)
            JSONText.write(metadata.annotatorsPerTask, into: &buffer)
            buffer.writeStaticString("}")
        } else {
            buffer.writeStaticString("null")
        }
        buffer.writeStaticString(#","data_collection_method":"#)
        JSONText.write(study.dataCollectionMethod, into: &buffer)
        buffer.writeStaticString(#","date_created":"#)
        JSONText.write(study.dateCreated, into: &buffer)
        buffer.writeStaticString(#","description":"#)
        JSONText.write(study.description, into: &buffer)
        buffer.writeStaticString(#","device_compatibility":"#)
        JSONText.write(study.deviceCompatibility, into: &buffer)
        buffer.writeStaticString(#","estimated_completion_time":"#)
        JSONText.write(study.estimatedCompletionTime, into: &buffer)
        buffer.writeStaticString(#","estimated_reward_per_hour":"#)
        JSONText.write(study.estimatedRewardPerHour, into: &buffer)
        buffer.writeStaticString(#","external_study_url":"#)
        JSONText.write(study.externalStudyUrl, into: &buffer)
        buffer.writeStaticString(#","filter_set_id":"#)
        JSONText.write(study.filterSetId, into: &buffer)
        buffer.writeStaticString(#","filter_set_version":"#)
        JSONText.write(study.filterSetVersion, into: &buffer)
        buffer.writeStaticString(#","filters":"#)
        if let filters = study.filters {
            try JSONText.writeArray(filters, into: &buffer, write(filter:into:))
        } else {
            buffer.writeStaticString("null")
        }
        buffer.writeStaticString(#","has_credentials":"#)
        JSONText.write(study.hasCredentials, into: &buffer)
        buffer.writeStaticString(#","id":"#)
        JSONText.write(study.id, into: &buffer)
        buffer.writeStaticString(#","internal_name":"#)
        JSONText.write(study.internalName, into: &buffer)
        buffer.writeStaticString(#","is_external_study_url_secure":"#)
        JSONText.write(study.isExternalStudyUrlSecure, into: &buffer)
        buffer.writeStaticString(#","is_ready_to_publish":"#)
        JSONText.write(study.isReadyToPublish, into: &buffer)
        buffer.writeStaticString(#","is_underpaying":"#)
        JSONText.write(study.isUnderpaying, into: &buffer)
        buffer.writeStaticString(#","maximum_allowed_time":"#)
        JSONText.write(study.maximumAllowedTime, into: &buffer)
        buffer.writeStaticString(#","metadata":"#)
        JSONText.write(study.metadata, into: &buffer)
        buffer.writeStaticString(#","naivety_distribution_rate":"#)
        if let rate = study.naivetyDistributionRate {
            JSONText.write(rate, into: &buffer)
        } else {
            buffer.writeStaticString("null")
        }
        buffer.writeStaticString(#","name":"#)
        JSONText.write(study.name, into: &buffer)
        buffer.writeStaticString(#","number_of_submissions":"#)
        JSONText.write(study.numberOfSubmissions, into: &buffer)
        buffer.writeStaticString(#","peripheral_requirements":"#)
        JSONText.write(study.peripheralRequirements, into: &buffer)
        buffer.writeStaticString(#","places_taken":"#)
        JSONText.write(study.placesTaken, into: &buffer)
        buffer.writeStaticString(#","project":"#)
        JSONText.write(study.project, into: &buffer)
        buffer.writeStaticString(#","prolific_id_option":"#)
        JSONText.write(study.prolificIdOption, into: &buffer)
        buffer.writeStaticString(#","publish_at":"#)
        JSONText.write(study.publishAt, into: &buffer)
        buffer.writeStaticString(#","published_at":"#)
        JSONText.write(study.publishedAt, into: &buffer)
        buffer.writeStaticString(#","researcher":"#)
        JSONText.write(study.researcher, into: &buffer)
        buffer.writeStaticString(#","reward":"#)
        JSONText.write(study.reward, into: &buffer)
        buffer.writeStaticString(#","status":"#)
        JSONText.write(study.status, into: &buffer)
        buffer.writeStaticString(#","study_labels":"#)
        JSONText.write(study.studyLabels, into: &buffer)
        buffer.writeStaticString(#","study_type":"#)
        JSONText.write(study.studyType, into: &buffer)
        buffer.writeStaticString(#","submissions_config":"#)
        write(config: study.submissionsConfig, into: &buffer)
        buffer.writeStaticString(#","total_available_places":"#)
        JSONText.write(study.totalAvailablePlaces, into: &buffer)
        buffer.writeStaticString(#","total_cost":"#)
        JSONText.write(study.totalCost, into: &buffer)
        buffer.writeStaticString(#","workspace":"#)
        JSONText.write(study.workspace, into: &buffer)
        buffer.writeStaticString("}")
    }

    private static func write(code: WireCompletionCode, into buffer: inout ByteBuffer) {
        buffer.writeStaticString(#"{"actions":"#)
        JSONText.writeArray(code.actions, into: &buffer, write(action:into:))
        if let actor = code.actor {
            buffer.writeStaticString(#","actor":"#)
            JSONText.write(actor, into: &buffer)
        }
        buffer.writeStaticString(#","code":"#)
        JSONText.write(code.code, into: &buffer)
        buffer.writeStaticString(#","code_type":"#)
        JSONText.write(code.codeType, into: &buffer)
        buffer.writeStaticString("}")
    }

    private static func write(action: WireCompletionCodeAction, into buffer: inout ByteBuffer) {
        buffer.writeStaticString(#"{"action":"#)
        JSONText.write(action.action, into: &buffer)
        if let reward = action.fixedScreenOutReward {
            buffer.writeStaticString(#","fixed_screen_out_reward":"#)
            JSONText.write(reward, into: &buffer)
        }
        if let group = action.participantGroup {
            buffer.writeStaticString(#","participant_group":"#)
            JSONText.write(group, into: &buffer)
        }
        if let reason = action.returnReason {
            buffer.writeStaticString(#","return_reason":"#)
            JSONText.write(reason, into: &buffer)
        }
        if let slots = action.slots {
            buffer.writeStaticString(#","slots":"#)
            JSONText.write(slots, into: &buffer)
        }
        buffer.writeStaticString("}")
    }

    private static func write(filter: WireStudyFilter, into buffer: inout ByteBuffer) throws {
        buffer.writeStaticString(#"{"filter_id":"#)
        JSONText.write(filter.filterId, into: &buffer)
        if let selected = filter.selectedFilters {
            buffer.writeStaticString(#","selected_filters":"#)
            try JSONText.writeArray(selected, into: &buffer, write(filter:into:))
        }
        if let range = filter.selectedRange {
            buffer.writeStaticString(#","selected_range":{"#)
            if let lower = range.lower {
                buffer.writeStaticString(#""lower":"#)
                write(bound: lower, into: &buffer)
            }
            if let upper = range.upper {
                buffer.writeStaticString(range.lower == nil ? #""upper":"# : #","upper":"#)
                write(bound: upper, into: &buffer)
            }
            buffer.writeStaticString("}")
        }
        if let values = filter.selectedValues {
            buffer.writeStaticString(#","selected_values":"#)
            JSONText.write(values, into: &buffer)
        }
        if let weightings = filter.weightings {
            buffer.writeStaticString(#","weightings":"#)
            buffer.writeBytes(try ParticipantGroupJSON.encoder.encode(weightings))
        }
        buffer.writeStaticString("}")
    }

    private static func write(bound: WireStudyFilter.Bound, into buffer: inout ByteBuffer) {
        switch bound {
        case .number(let number): JSONText.write(number, into: &buffer)
        case .text(let text): JSONText.write(text, into: &buffer)
        }
    }

    private static func write(config: WireSubmissionsConfig, into buffer: inout ByteBuffer) {
        buffer.writeStaticString("{")
        var first = true
        func key(_ name: StaticString) {
            if !first { buffer.writeStaticString(",") }
            first = false
            buffer.writeStaticString(name)
        }
        if let categories = config.autoRejectionCategories {
            key(#""auto_rejection_categories":"#)
            JSONText.write(categories, into: &buffer)
        }
        for (name, field) in [
            (#""max_concurrent_submissions":"# as StaticString, config.maxConcurrentSubmissions),
            (#""max_submissions_per_participant":"#, config.maxSubmissionsPerParticipant),
        ] {
            switch field {
            case .absent: continue
            case .null:
                key(name)
                buffer.writeStaticString("null")
            case .value(let value):
                key(name)
                JSONText.write(value, into: &buffer)
            }
        }
        buffer.writeStaticString("}")
    }
}
