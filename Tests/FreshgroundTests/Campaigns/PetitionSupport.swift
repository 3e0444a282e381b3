import Foundation
import Testing

// Shared helpers for the petitions tests (pages and API): unique addresses, signing through a group's page and
// following the mailed link, starting a petition through the form.

/// An address no other test writes to, so the shared mail sink holds only this test's mail for it.
func uniqueAddress(_ name: String) -> String {
    "\(name)-\(UUID().uuidString.prefix(8).lowercased())@example.org"
}

/// The signing page of `petition` through `group`'s page.
func signPath(_ campaign: Int, _ petition: Int, via group: String) -> String {
    "/campaigns/\(campaign)/petitions/\(petition)/sign/\(group)"
}

/// Starts a petition for `group` through the form and returns its id.
func startPetition(
    _ organizer: inout Visitor,
    _ campaign: Int,
    group: String,
    title: String = "Repairs now",
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> Int {
    let page = try await organizer.post(
        "/campaigns/\(campaign)/petitions",
        [("group", group), ("kind", "petition"), ("title", title), ("text", "Every landlord repairs within a week.")]
    )
    let prefix = "/campaigns/\(campaign)/petitions/"
    guard page.status == .seeOther, let location = page.location, location.hasPrefix(prefix),
        let id = Int(location.dropFirst(prefix.count))
    else {
        Issue.record("could not start \(title): \(page.status) \(errorsIn(page))", sourceLocation: sourceLocation)
        throw TestFailure("could not start \(title)")
    }
    return id
}

/// The path of the signer's link in the confirmation mail to `address`.
func signatureLink(to address: String) async throws -> String {
    let mail = try await Mailbox.messages(to: address) { $0.subject.hasPrefix("Confirm your signature") }
    let message = try #require(mail.first { $0.subject.hasPrefix("Confirm your signature") })
    let link = try #require(Mailbox.links(in: message.body).first { $0.contains("/campaigns/signatures/") })
    return String(link[link.range(of: "/campaigns/signatures/")!.lowerBound...])
}

/// Signs anonymously through `via`'s page, ticking the boxes of `optIns`, and follows the mailed link to confirm.
func signAndConfirm(
    _ signer: inout Visitor,
    _ campaign: Int,
    _ petition: Int,
    via: String,
    name: String,
    _ address: String,
    optIns: [String] = []
) async throws {
    let signed = try await signer.post(
        signPath(campaign, petition, via: via),
        [("_submitted", "1"), ("name", name), ("email", address)] + optIns.map { ("optin-\($0)", "on") }
    )
    try #require(signed.status == .seeOther, "\(errorsIn(signed))")
    try await confirmSignature(&signer, address)
}

/// Starts a petition for `group` through the API and returns its id.
func startPetition(
    _ calls: inout LibraryAPIDocumentTests.Calls,
    _ organizer: inout Visitor,
    _ campaign: Int,
    group: String
) async throws -> Int {
    let created = try await calls.call(
        &organizer,
        PetitionOp.create,
        "/api/v1/campaigns/\(campaign)/petitions",
        json: ["group": group, "title": "Repairs now", "text": "Every landlord repairs within a week."]
    )
    return try #require(APITests.integer(created.json["id"]))
}

/// Follows the link in the confirmation mail to `address`, as the signer does.
func confirmSignature(_ signer: inout Visitor, _ address: String) async throws {
    let link = try await signatureLink(to: address)
    try #require(try await signer.post(link + "/confirm").status == .seeOther)
}

/// Mia signs `petition` through Leeds Tenants' page, lets Leeds Students contact her and confirms; her address.
func signOptedIn(_ app: TestApp, _ network: CampaignNetwork, _ petition: Int) async throws -> String {
    let address = uniqueAddress("mia")
    var signer = app.visitor()
    try await signAndConfirm(
        &signer,
        network.campaign,
        petition,
        via: network.net.leeds,
        name: "Mia Mailed",
        address,
        optIns: [network.net.students]
    )
    return address
}

/// The same through the API, as the signing form's fields.
func signOptedIn(
    _ app: TestApp,
    _ calls: inout LibraryAPIDocumentTests.Calls,
    _ network: CampaignNetwork,
    _ petition: Int
) async throws -> String {
    let address = uniqueAddress("mia")
    var signer = app.visitor()
    try await calls.call(
        &signer,
        PetitionOp.sign,
        "/api/v1/campaigns/\(network.campaign)/petitions/\(petition)/signatures",
        json: ["through": network.net.leeds, "name": "Mia Mailed", "email": address, "optIns": [network.net.students]]
    )
    try await confirmSignature(&signer, address)
    return address
}
