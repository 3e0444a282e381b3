import Foundation
import FreshgroundWeb
import SQLKit

/// The emails to a signer, queued in the transaction that signs: the link to confirm (without an account), the
/// receipt with the link to withdraw (with one), and a note that the address had already signed.
struct SignatureMail {
    let services: AppServices

    private var site: String { services.site.base }

    func confirmLink(
        _ petition: Petition,
        via: TakingPart,
        email: String,
        name: String,
        token: String,
        on sql: any SQLDatabase
    ) async throws {
        try await send(
            to: email,
            name: name,
            subject: "Confirm your signature: \(petition.title)",
            body: """
                Hello \(name),

                Someone (we hope you) signed “\(petition.title)” through the page of \(via.name) with this address.

                To confirm, open this link and press the button:
                \(site)\(CampaignPaths.signature(token))

                The same link lets you withdraw your signature later. If this wasn't you, ignore this email: nothing \
                is counted or kept until the link is used.
                """,
            petition: petition,
            on: sql
        )
    }

    func signed(
        _ petition: Petition,
        via: TakingPart,
        email: String,
        name: String,
        token: String,
        on sql: any SQLDatabase
    ) async throws {
        try await send(
            to: email,
            name: name,
            subject: "You signed: \(petition.title)",
            body: """
                Hello \(name),

                You signed “\(petition.title)” through the page of \(via.name). \(via.name) keeps your name and \
                email for this campaign.

                To see what you agreed to, or to withdraw your signature: \(site)\(CampaignPaths.signature(token))
                """,
            petition: petition,
            on: sql
        )
    }

    func alreadySigned(_ petition: Petition, email: String, name: String, on sql: any SQLDatabase) async throws {
        try await send(
            to: email,
            name: name,
            subject: "You already signed: \(petition.title)",
            body: """
                Hello \(name),

                Someone asked again to sign “\(petition.title)” with this address. Your signature already counts; \
                the email that confirmed it has the link to withdraw it.
                """,
            petition: petition,
            on: sql
        )
    }

    private func send(
        to address: String,
        name: String,
        subject: String,
        body: String,
        petition: Petition,
        on sql: any SQLDatabase
    ) async throws {
        try await services.queueMail(
            to: address,
            name: name,
            subject: subject,
            body: body,
            signaturePath: CampaignPaths.petition(petition.campaignID, petition.id),
            on: sql
        )
    }
}
