import FreshgroundWeb

/// Every page address of Speakers (the roster and the tours), registered by its routes and used by every link to
/// them.
package enum SpeakerPaths {
    /// The roster: its searchable index (GET) and where the form to add a speaker posts.
    package static let roster = Path("/speakers")
    package static let newSpeaker = Path("/speakers/new")
    /// A speaker's page (GET) and where its edit form posts.
    package static let speaker = Path("/speakers/:id")
    package static let editSpeaker = Path("/speakers/:id/edit")
    package static let talks = Path("/speakers/:id/talks")
    package static let removeTalk = Path("/speakers/:id/talks/:talk/remove")
    package static let availability = Path("/speakers/:id/availability")
    package static let removeAvailability = Path("/speakers/:id/availability/:window/remove")
    package static let recommend = Path("/speakers/:id/recommend")
    package static let unrecommend = Path("/speakers/:id/unrecommend")
    /// The tours' list (GET) and where the form to start a tour posts.
    package static let tours = Path("/tours")
    package static let newTour = Path("/tours/new")
    package static let tour = Path("/tours/:id")
    package static let stops = Path("/tours/:id/stops")
    package static let removeStop = Path("/tours/:id/stops/:stop/remove")
    /// A host group's answer (`accept` or `decline`) to a stop.
    package static let hostAnswer = Path("/tours/:id/stops/:stop/hosts/:slug")
    package static let schedule = Path("/tours/:id/schedule")
}
