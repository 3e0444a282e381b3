import Events
import FluentKit
import FreshgroundWeb
import Groups
import Library
import People
import Study

/// Every feature of the app, in dependency order; their migrations run in this order too.
package let features: [any Feature] = [
    PeopleFeature(), GroupsFeature(), LibraryFeature(), EventsFeature(), StudyFeature(),
]

/// All migrations, in the order they run.
package var allMigrations: [any Migration] { features.flatMap(\.migrations) }
