import Foundation
import HTTPTypes
import Testing

// Shared set-up for the campaigns' tests, through the real HTML routes.

/// The events network (see `eventNetwork`) and a coalition, "Northern Coalition" (`cole`, its organizer), whose
/// campaign "Homes for all" has Leeds Tenants (`olive`) and Leeds Students (`sara`) taking part, both accepted;
/// York Circle (`yann`) and North Center (`carol`) are not asked.
struct CampaignNetwork {
    var net: EventNetwork
    var cole: Visitor
    let coalition: String
    let campaign: Int
    var page: String { "/campaigns/\(campaign)" }
}

func campaignNetwork(
    _ app: TestApp,
    visibility: String = "public",
    adoption: String = "consent",
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> CampaignNetwork {
    let net = try await eventNetwork(app)
    var cole = try await app.person("cole")
    let coalition = try await cole.createGroup("Northern Coalition", kind: "coalition")
    let campaign = try await startCampaign(
        &cole,
        group: coalition,
        visibility: visibility,
        adoption: adoption,
        sourceLocation: sourceLocation
    )
    var network = CampaignNetwork(net: net, cole: cole, coalition: coalition, campaign: campaign)
    try await joinCampaign(
        &network.cole,
        &network.net.olive,
        campaign,
        group: net.leeds,
        sourceLocation: sourceLocation
    )
    try await joinCampaign(
        &network.cole,
        &network.net.sara,
        campaign,
        group: net.students,
        sourceLocation: sourceLocation
    )
    return network
}

/// Starts a campaign through the form and returns its id.
func startCampaign(
    _ organizer: inout Visitor,
    group: String,
    title: String = "Homes for all",
    visibility: String = "public",
    adoption: String = "consent",
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> Int {
    let page = try await organizer.post(
        "/campaigns",
        [
            ("title", title), ("summary", "Rents down, *repairs* done."), ("group", group),
            ("visibility", visibility), ("adoption", adoption),
        ]
    )
    guard page.status == .seeOther, let location = page.location, location.hasPrefix("/campaigns/"),
        let id = Int(location.dropFirst("/campaigns/".count))
    else {
        Issue.record("could not start \(title): \(page.status) \(errorsIn(page))", sourceLocation: sourceLocation)
        throw TestFailure("could not start \(title)")
    }
    return id
}

/// The lead's organizer invites `group` by its slug, and `answerer` (its organizer) accepts.
func joinCampaign(
    _ lead: inout Visitor,
    _ answerer: inout Visitor,
    _ campaign: Int,
    group: String,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws {
    let invited = try await lead.post("/campaigns/\(campaign)/invitations", [("group", group)])
    try #require(invited.status == .seeOther, "\(errorsIn(invited))", sourceLocation: sourceLocation)
    let accepted = try await answerer.post("/campaigns/\(campaign)/groups/\(group)/answer", [("answer", "accept")])
    try #require(accepted.status == .seeOther, "\(accepted.body.prefix(300))", sourceLocation: sourceLocation)
}

/// Publishes a new version of `group`'s statement from the version `base`, and returns the answer as it is.
@discardableResult
func publishStatement(
    _ visitor: inout Visitor,
    _ campaign: Int,
    group: String,
    position: String,
    base: Int = 0,
    reservations: String = "",
    slogans: String = ""
) async throws -> Page {
    try await visitor.post(
        "/campaigns/\(campaign)/groups/\(group)/statement",
        [
            ("position", position), ("reservations", reservations), ("slogans", slogans),
            ("baseVersion", String(base)),
        ]
    )
}
