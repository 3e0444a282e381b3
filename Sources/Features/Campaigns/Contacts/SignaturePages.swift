import Foundation
import FreshgroundWeb

/// A signer's own page from their emailed link (confirm, see what they agreed to, withdraw), and a contact's
/// page to stop one group's mail.
enum SignaturePages {
    static func show(
        _ context: AppContext,
        token: String,
        _ found: Signatures.Found,
        optIns: [OptInRecord]
    ) -> HTML {
        let back: HTML = "<a href=\"\(CampaignPaths.petition(found.campaignId, found.petitionId))\">\(found.title)</a>"
        let body: HTML
        switch found.status {
        case .unconfirmed:
            body = """
                <p>Your signature is not confirmed yet. It counts, and \(found.viaName) keeps your name and email, \
                once you confirm.</p>
                \(FormParts.button(context, CampaignPaths.confirmSignature(token), "Confirm my signature"))
                \(given(optIns))
                """
        case .confirmed, .erased:
            body = """
                <p>Your signature counts. You signed through \(found.viaName) on \(utcMoment(found.createdAt)); \
                \(found.viaName) keeps your name and email for this campaign.</p>
                \(given(optIns))
                <p><a href="\(CampaignPaths.withdrawSignature(token))">Withdraw my signature</a></p>
                """
        case .withdrawn:
            body = "<p>You withdrew this signature. Your name and email are no longer kept.</p>"
        }
        return Layout.page(
            title: "Your signature",
            context: context,
            main: """
                <h1>Your signature: \(found.title)</h1>
                \(body)
                <p>\(back)</p>
                """
        )
    }

    private static func given(_ optIns: [OptInRecord]) -> HTML {
        let items = optIns.map { optIn -> HTML in
            let state: HTML = optIn.withdrawnAt.map { " (withdrawn \(utcMoment($0)))" } ?? .empty
            return "<li>You ticked “\(optIn.wording)” on \(utcMoment(optIn.consentedAt))\(state)</li>"
        }
        return items.isEmpty
            ? "<p class=\"empty\">You let no other group contact you.</p>"
            : "<h2>Other groups you let contact you</h2><ul>\(items)</ul>"
    }

    /// The confirmation before a signer withdraws, from their link (`action`) or signed in.
    static func withdraw(_ context: AppContext, title: String, action: String, back: String) -> HTML {
        ConfirmPage.page(
            context,
            title: "Withdraw your signature?",
            explanation: """
                Your signature of “\(title)” stops counting, your name and email are deleted, and no group \
                may write to you about it any more. This cannot be undone.
                """,
            action: action,
            button: "Withdraw my signature",
            back: back
        )
    }

    static func unsubscribe(
        _ context: AppContext,
        token: String,
        slug: String,
        group: String,
        campaign: String,
        done: Bool
    )
        -> HTML
    {
        let body: HTML =
            done
            ? "<p>Done: \(group) will no longer write to you about “\(campaign)”.</p>"
            : """
            <p>\(group) writes to you about the campaign “\(campaign)”. Stop its emails?</p>
            \(FormParts.button(context, CampaignPaths.unsubscribe(token, slug), "Stop emails from \(group)"))
            """
        return Layout.page(
            title: "Emails from \(group)",
            context: context,
            main: "<h1>Emails from \(group)</h1>\(body)"
        )
    }
}
