import FreshgroundWeb
import Groups
import SQLKit

/// Who may see and act in a campaign: written once, called by pages, API and writes alike.
///
/// A public campaign (only a public group may lead one) is read by everyone. A private one exists only for the
/// active members of the groups taking part or that withdrew, and for the organizers of a group invited to it
/// (who must read it to answer); everyone else is told "not found". The lead group's organizers run it. Each
/// group speaks only for itself: its organizers and editors write its statement; its organizers answer an
/// invitation and withdraw it. A group is named only to those who may see it ("a private group" otherwise), and
/// site admins get nothing more than anyone else.
package enum CampaignRules {
    /// True when the campaign aliased `alias` (with `alias.id`, `alias.is_public` and `alias.lead_group_id`) may be
    /// seen by `viewer`.
    package static func visible(_ alias: StaticString, to viewer: CurrentPerson?) -> SQLQueryString {
        let table = alias.description
        let open: SQLQueryString = """
            (\(unsafeRaw: table).is_public = \(bind: true) AND EXISTS (SELECT 1 FROM groups lg \
            WHERE lg.id = \(unsafeRaw: table).lead_group_id AND lg.visibility = 'public'))
            """
        guard viewer != nil else { return open }
        return """
            (\(open) OR EXISTS (SELECT 1 FROM campaign_participants vp WHERE vp.campaign_id = \(unsafeRaw: table).id \
            AND ((vp.status IN ('lead', 'accepted', 'withdrawn') AND \(GroupAccess.actsFor("vp.group_id", viewer))) \
            OR (vp.status = 'invited' AND \(GroupAccess.actsFor("vp.group_id", viewer, roles: Role.organizing))))))
            """
    }

    /// Organizers of the lead group run the campaign: its text, invitations, the joint demands.
    package static func canManage(leadStanding: Standing) -> Bool { GroupRules.canManage(leadStanding) }

    /// The same rule from the viewer's role in the lead group, as `CampaignQueries.viewerRoles` reads it.
    package static func canManage(leadRole: Role?) -> Bool {
        canManage(leadStanding: Standing(personID: nil, role: leadRole, status: leadRole == nil ? nil : .active))
    }

    /// Who writes a group's statement, reports and actions in a campaign: its organizers and editors, while the
    /// group takes part.
    package static let speakingRoles = Role.publishing
    /// Who answers for a group: accepts or declines, withdraws it.
    package static let answeringRoles = Role.organizing
}
