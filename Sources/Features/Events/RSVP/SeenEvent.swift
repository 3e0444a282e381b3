import FreshgroundWeb

/// An event as one viewer sees it on its page and in the API: the whole event, the viewer's RSVP and whether they
/// run it. The online link is kept only for its organizers and for those whose RSVP holds a place.
struct SeenEvent: Sendable {
    let detail: EventDetail
    let rsvp: RSVPStatus?
    let isOrganizer: Bool

    /// `AppError.notFound` when `viewer` may not see the event (`EventAccess.visibleEvent`'s rule). The event and its
    /// groups are read first and checked before anything of them is used, so a public event costs no statement of
    /// its own for the check, and the place rule reads the event's `placesAt` from the same row.
    static func read(_ id: Int, by viewer: CurrentPerson?, services: AppServices) async throws -> SeenEvent {
        let sql = services.store.sql
        let full = try await EventQueries(services: services).detail(id, viewer: viewer, showLink: true)
        try await EventAccess.check(full.event, viewer: viewer, sql)
        let rsvp = try await RSVPs(services: services).status(event: id, person: viewer)
        let isOrganizer = try await EventAccess.isOrganizer(event: id, viewer, sql)
        let showLink = isOrganizer || RSVPs.holdsPlace(rsvp, placesAt: full.placesAt)
        return SeenEvent(detail: showLink ? full : full.withoutLink, rsvp: rsvp, isOrganizer: isOrganizer)
    }
}
