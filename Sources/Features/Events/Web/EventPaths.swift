import FreshgroundWeb

/// Every page and feed address of Events, registered by its routes and used by every link to them.
package enum EventPaths {
    package static let events = Path("/events")
    package static let new = Path("/events/new")
    package static let event = Path("/events/:id")
    package static let edit = Path("/events/:id/edit")
    package static let rsvp = Path("/events/:id/rsvp")
    package static let cancelRSVP = Path("/events/:id/rsvp/cancel")
    package static let rsvpByEmail = Path("/events/:id/rsvp/email")
    package static let hosts = Path("/events/:id/hosts")
    package static let acceptHosting = Path("/events/:id/hosts/:slug/accept")
    package static let declineHosting = Path("/events/:id/hosts/:slug/decline")
    package static let promotions = Path("/events/:id/promotions")
    package static let removePromotion = Path("/events/:id/promotions/:slug/delete")
    package static let cancel = Path("/events/:id/cancel")
    package static let attendees = Path("/events/:id/attendees")
    package static let checkIn = Path("/events/:id/attendees/:rsvp/check-in")
    package static let cities = Path("/cities")
    package static let city = Path("/cities/:slug")
    package static let groupEvents = Path("/groups/:slug/events")
    package static let myEvents = Path("/me/events")
    package static let calendarKey = Path("/me/calendar-key")
    package static let rsvpLink = Path("/rsvp/:token")
    package static let confirmRSVP = Path("/rsvp/:token/confirm")
    package static let cancelRSVPLink = Path("/rsvp/:token/cancel")
    /// One event as an iCalendar file, to add it to a calendar.
    package static let eventFile = Path("/events/:id/event.ics")
    package static let groupFeed = Path("/groups/:slug/events.ics")
    package static let cityFeed = Path("/cities/:slug/events.ics")
    /// A personal feed, `KEY.ics`.
    package static let personalFeed = Path("/calendar/:file")
}
