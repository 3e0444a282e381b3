import FreshgroundCore
import FreshgroundWeb

/// What a lead group's organizers write about a campaign, from its form or the API.
package struct CampaignInput: Sendable, Equatable {
    package var title = ""
    package var summary = ""
    package var isPublic = true
    package var adoption = Adoption.consent

    package init() {}

    init(form: FormData) {
        title = form["title"]
        summary = form.raw("summary")
        isPublic = form["visibility"] != "private"
        adoption = Adoption(rawValue: form["adoption"]) ?? .consent
    }

    /// The checked values, or `AppError.validation` naming every field that is not acceptable.
    func checked() throws -> CampaignInput {
        var errors: [String: String] = [:]
        var input = self
        input.title = FieldRules.line(title, "title", "Give the campaign a title.", max: 150, &errors)
        input.summary = FieldRules.text(summary, "summary", max: 20_000, &errors)
        if !errors.isEmpty { throw AppError.validation(errors) }
        return input
    }
}

/// One version of a group's statement: its position (required), reservations and slogans (one per line).
package struct StatementInput: Sendable, Equatable {
    package var position = ""
    package var reservations = ""
    package var slogans = ""
    /// The version the writer started from; a newer one saved meanwhile refuses the save, keeping the text.
    package var baseVersion = 0

    package init() {}

    init(form: FormData) {
        position = form.raw("position")
        reservations = form.raw("reservations")
        slogans = form.raw("slogans")
        baseVersion = Int(form["baseVersion"]) ?? 0
    }

    func checked() throws -> StatementInput {
        var errors: [String: String] = [:]
        var input = self
        input.position = FieldRules.text(position, "position", max: 20_000, &errors).trimmingWhitespace()
        if input.position.isEmpty, errors["position"] == nil { errors["position"] = "Write your group's position." }
        input.reservations = FieldRules.text(reservations, "reservations", max: 10_000, &errors).trimmingWhitespace()
        input.slogans = FieldRules.text(slogans, "slogans", max: 2_000, &errors).trimmingWhitespace()
        if input.slogans.split(whereSeparator: \.isNewline).count > 20 {
            errors["slogans"] = "Keep to 20 slogans, one per line."
        }
        if !errors.isEmpty { throw AppError.validation(errors) }
        return input
    }
}
