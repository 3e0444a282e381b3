import Foundation
import FreshgroundCore
import FreshgroundWeb

/// What a person sends to write or edit a piece, from the form or the API (the same field names in both).
package struct PublicationInput: Sendable, Decodable {
    package var kind: String?
    package var journal: String?
    package var title: String?
    package var summary: String?
    package var body: String?
    package var byline: String?
    package var pseudonym: Bool?
    package var tags: [String]?
    package var linkURL: String?
    package var linkSource: String?
    package var mediaURL: String?
    package var placeKind: String?
    package var sector: String?
    package var city: String?
    package var placeName: String?
    package var hidePlace: Bool?
    package var happening: String?
    package var doing: String?
    package var worked: String?
    package var needs: String?

    package init() {}

    /// The form's fields; tags come comma-separated.
    package init(form: FormData) {
        kind = form["kind"]
        journal = form["journal"]
        title = form["title"]
        summary = form.raw("summary")
        body = form.raw("body")
        byline = form["byline"]
        pseudonym = form.checked("pseudonym")
        tags = form["tags"].split(separator: ",").map(String.init)
        linkURL = form["linkURL"]
        linkSource = form["linkSource"]
        mediaURL = form["mediaURL"]
        placeKind = form["placeKind"]
        sector = form["sector"]
        city = form["city"]
        placeName = form["placeName"]
        hidePlace = form.checked("hidePlace")
        happening = form.raw("happening")
        doing = form.raw("doing")
        worked = form.raw("worked")
        needs = form.raw("needs")
    }
}

/// A piece checked and normalized, ready to store.
struct ValidPublication: Sendable {
    var kind: PublicationKind
    var journal: String
    var title: String
    var summary: String
    var body: String
    var names: [String]
    var pseudonym: Bool
    var tags: [String]
    var linkURL: String
    var linkSource: String
    var mediaURL: String
    var report: ReportDetails?
}

/// Field rules, one message per field, worded for the person who typed it; refused input is
/// `AppError.validation`.
enum PublicationRules {
    static func validate(
        _ input: PublicationInput,
        defaultName: String,
        hasUpload: Bool
    ) throws(AppError) -> ValidPublication {
        var errors: [String: String] = [:]
        let kind = PublicationKind(rawValue: input.kind ?? "")
        if kind == nil { errors["kind"] = "Choose what kind of piece this is." }
        let title = FieldRules.line(
            input.title,
            "title",
            "Give the piece a title of 1 to 200 characters.",
            max: 200,
            &errors
        )
        let summary = FieldRules.text(input.summary, "summary", max: 2_000, &errors)
        var body = FieldRules.text(input.body, "body", max: 200_000, &errors)
        let bylineText = FieldRules.line(input.byline, "byline", nil, max: 200, &errors)
        var names = bylineText.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        if names.isEmpty {
            // A pseudonym left empty would publish the account's own name: ask for one instead.
            if input.pseudonym ?? (kind == .report) {
                errors["byline"] = "Give the pseudonym to sign with, or untick “pseudonyms” to sign with your name."
            }
            names = [defaultName]
        }
        if names.count > 10 { errors["byline"] = "Name at most 10 authors." }
        let tagText = (input.tags ?? []).joined(separator: ",")
        if tagText.count > 1_000 { errors["tags"] = "Keep the tags under 1,000 characters." }
        let tags = Tags.parse(tagText)
        let linkURL = FieldRules.url(input.linkURL, "linkURL", &errors)
        let linkSource = FieldRules.line(input.linkSource, "linkSource", nil, max: 200, &errors)
        let mediaURL = FieldRules.url(input.mediaURL, "mediaURL", &errors)
        var report: ReportDetails?
        switch kind {
        case .link:
            if linkURL.isEmpty && errors["linkURL"] == nil { errors["linkURL"] = "Give the address of the article." }
        case .recording:
            if mediaURL.isEmpty && !hasUpload && errors["mediaURL"] == nil {
                errors["mediaURL"] = "Give the address of the recording or upload a file."
            }
        case .report:
            let placeKind = ReportDetails.PlaceKind(rawValue: input.placeKind ?? "workplace")
            if placeKind == nil { errors["placeKind"] = "Choose a workplace, a school or a community." }
            let details = ReportDetails(
                placeKind: placeKind ?? .workplace,
                sector: FieldRules.line(input.sector, "sector", nil, max: 200, &errors),
                city: FieldRules.line(input.city, "city", nil, max: 200, &errors),
                placeName: FieldRules.line(input.placeName, "placeName", nil, max: 200, &errors),
                hidePlace: input.hidePlace ?? true,
                happening: FieldRules.text(input.happening, "happening", max: 20_000, &errors),
                doing: FieldRules.text(input.doing, "doing", max: 20_000, &errors),
                worked: FieldRules.text(input.worked, "worked", max: 20_000, &errors),
                needs: FieldRules.text(input.needs, "needs", max: 20_000, &errors),
                text: body.replacingOccurrences(of: "\r\n", with: "\n")
            )
            if details.happening.trimmingWhitespace().isEmpty && errors["happening"] == nil {
                errors["happening"] = "Say what is happening there."
            }
            report = details
            body = details.markdown
        case .article, .pamphlet:
            if body.trimmingWhitespace().isEmpty && errors["body"] == nil { errors["body"] = "Write the text." }
        case .sessionReport:
            errors["kind"] = "Session reports are written on their study series’ pages."
        case nil: break
        }
        if let kind { refuseOtherKindsFields(input, kind: kind, hasUpload: hasUpload, &errors) }
        let journal = (input.journal ?? "").trimmingWhitespace().lowercased()
        if journal.isEmpty { errors["journal"] = "Choose the group whose journal this is for." }
        guard errors.isEmpty, let kind else { throw .validation(errors) }
        return ValidPublication(
            kind: kind,
            journal: journal,
            title: title,
            summary: summary,
            body: body.replacingOccurrences(of: "\r\n", with: "\n"),
            names: names,
            pseudonym: input.pseudonym ?? (kind == .report),
            tags: tags,
            linkURL: linkURL,
            linkSource: linkSource,
            mediaURL: mediaURL,
            report: report
        )
    }

    /// The form shows every kind's fields; what is typed into another kind's is refused with a message rather than
    /// dropped without a word (a link's address on an article would be stored and never shown).
    private static func refuseOtherKindsFields(
        _ input: PublicationInput,
        kind: PublicationKind,
        hasUpload: Bool,
        _ errors: inout [String: String]
    ) {
        let byKind: [(PublicationKind, [(String, String?)])] = [
            (.link, [("linkURL", input.linkURL), ("linkSource", input.linkSource)]),
            (.recording, [("mediaURL", input.mediaURL), ("media", hasUpload ? "a file" : nil)]),
            (
                .report,
                [
                    ("sector", input.sector), ("city", input.city), ("placeName", input.placeName),
                    ("happening", input.happening), ("doing", input.doing), ("worked", input.worked),
                    ("needs", input.needs),
                ]
            ),
        ]
        for (owner, fields) in byKind where owner != kind {
            for (field, value) in fields where !(value ?? "").trimmingWhitespace().isEmpty && errors[field] == nil {
                errors[field] = "This is for a \(owner.label.lowercased()): choose that kind above, or clear it."
            }
        }
    }
}
