import Campaigns
import Conferences
import Decisions
import Events
import Federation
import FluentKit
import FreshgroundWeb
import Groups
import Library
import Mail
import Notifications
import People
import Speakers
import Study
import Volunteering

/// Every feature of the app, in dependency order; their migrations run in this order too.
package let features: [any Feature] = [
    PeopleFeature(), NotificationsFeature(), GroupsFeature(), LibraryFeature(), EventsFeature(), SpeakersFeature(),
    ConferencesFeature(),
    StudyFeature(), DecisionsFeature(), CampaignsFeature(), VolunteeringFeature(), FederationFeature(),
]

/// All migrations, in the order they run: the mail outbox's first (features queue mail), then each feature's, then
/// the site's own (the administrators' audit log, the rate limits' counts).
package var allMigrations: [any Migration] {
    mailMigrations + features.flatMap(\.migrations) + [CreateAdminAudit(), CreateRateEvents()]
}
