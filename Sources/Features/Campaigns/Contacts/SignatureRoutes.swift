import FreshgroundWeb
import Hummingbird

/// The signer's link (confirm, withdraw) and a contact's link to stop one group's mail. The token in the address
/// is the only credential.
struct SignatureRoutes {
    let services: AppServices
    var signatures: Signatures { Signatures(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(CampaignPaths.signature) { _, context in
            let (token, found) = try await signature(context)
            return Reply.html(
                SignaturePages.show(context, token: token, found, optIns: try await signatures.optIns(of: found.id))
            )
        }
        router.post(CampaignPaths.confirmSignature) { _, context in
            let (token, _) = try await signature(context)
            try await signatures.confirm(token: token)
            return Reply.redirect(CampaignPaths.signature(token), flash: "Confirmed: your signature counts.")
        }
        router.get(CampaignPaths.withdrawSignature) { _, context in
            let (token, found) = try await signature(context)
            return Reply.html(
                SignaturePages.withdraw(
                    context,
                    title: found.title,
                    action: CampaignPaths.withdrawSignature(token),
                    back: CampaignPaths.signature(token)
                )
            )
        }
        router.post(CampaignPaths.withdrawSignature) { _, context in
            let (token, _) = try await signature(context)
            try await signatures.withdraw(token: token)
            return Reply.redirect(
                CampaignPaths.signature(token),
                flash: "Withdrawn. Your name and email are deleted."
            )
        }
        for post in [false, true] {
            let handler: @Sendable (Request, AppContext) async throws -> Response = { _, context in
                let token = try context.parameters.require("token")
                let slug = try context.parameters.require("slug")
                guard
                    let (group, campaign) = try await Mailings(services: services).unsubscribe(
                        token: token,
                        group: slug,
                        apply: post
                    )
                else { throw AppError.notFound }
                return Reply.html(
                    SignaturePages.unsubscribe(
                        context,
                        token: token,
                        slug: slug,
                        group: group,
                        campaign: campaign,
                        done: post
                    )
                )
            }
            if post {
                router.post(CampaignPaths.unsubscribe, use: handler)
            } else {
                router.get(CampaignPaths.unsubscribe, use: handler)
            }
        }
    }

    private func signature(_ context: AppContext) async throws -> (String, Signatures.Found) {
        let token = try context.parameters.require("token")
        guard let found = try await signatures.find(token: token) else { throw AppError.notFound }
        return (token, found)
    }
}
