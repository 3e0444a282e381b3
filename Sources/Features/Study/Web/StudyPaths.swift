import FreshgroundWeb

/// Every page address of Study (series, their weeks and sessions), registered by its routes and used by every
/// link to them.
package enum StudyPaths {
    // Series.
    /// The series' list (GET) and where the form to start a series posts.
    package static let study = Path("/study")
    package static let newSeries = Path("/study/new")
    /// A series' page (GET) and where its edit form posts.
    package static let series = Path("/study/:id")
    package static let editSeries = Path("/study/:id/edit")
    /// Invites a group to co-organize a series.
    package static let organizers = Path("/study/:id/organizers")
    /// An invited group's answer (`accept` or `decline`).
    package static let organizerAnswer = Path("/study/:id/organizers/:slug")
    package static let enrollment = Path("/study/:id/enrollment")
    /// An enrolled person's email settings.
    package static let enrollmentSettings = Path("/study/:id/enrollment/settings")
    package static let leave = Path("/study/:id/enrollment/leave")
    package static let participants = Path("/study/:id/participants")
    /// The organizers' answer (`accept` or `decline`) to a person asking to enroll.
    package static let participantAnswer = Path("/study/:id/participants/:handle")
    /// The mail sent to the series' list.
    package static let mailings = Path("/study/:id/mailings")
    /// The unsubscribe page of a message's link (GET), and its one-click unsubscribe (POST, no CSRF token).
    package static let unsubscribe = Path("/study/unsubscribe/:token")

    // Weeks.
    /// Where the form to add a week posts.
    package static let weeks = Path("/study/:id/weeks")
    /// Adds weeks from a reading list.
    package static let weeksFromList = Path("/study/:id/weeks/from-list")
    /// Schedules every week without a session, a week apart.
    package static let weeklySessions = Path("/study/:id/sessions")
    /// A week's page (GET) and where its edit form posts.
    package static let week = Path("/study/:id/weeks/:week")
    package static let removeWeek = Path("/study/:id/weeks/:week/remove")
    /// Moves a week earlier or later.
    package static let moveWeek = Path("/study/:id/weeks/:week/move")
    package static let readings = Path("/study/:id/weeks/:week/readings")
    package static let removeReading = Path("/study/:id/weeks/:week/readings/:part/remove")
    package static let media = Path("/study/:id/weeks/:week/media")
    package static let removeMedia = Path("/study/:id/weeks/:week/media/:part/remove")
    package static let presenters = Path("/study/:id/weeks/:week/presenters")
    package static let removePresenter = Path("/study/:id/weeks/:week/presenters/:part/remove")

    // Sessions.
    /// A week's session page (GET) and where the form to schedule it posts.
    package static let session = Path("/study/:id/weeks/:week/session")
    package static let checkIn = Path("/study/:id/weeks/:week/check-in")
    /// An organizer's roll call: everyone's attendance in one submit.
    package static let roll = Path("/study/:id/weeks/:week/attendance")
    /// An organizer's record of one person's attendance.
    package static let attendance = Path("/study/:id/weeks/:week/attendance/:handle")
    /// Forms the breakouts.
    package static let breakouts = Path("/study/:id/weeks/:week/breakouts")
    /// Swaps two people between breakouts.
    package static let swapBreakouts = Path("/study/:id/weeks/:week/breakouts/swap")
    /// A breakout's notes (GET) and where they are saved.
    package static let breakout = Path("/study/:id/weeks/:week/breakouts/:room")
    package static let noteTaker = Path("/study/:id/weeks/:week/breakouts/:room/note-taker")
    /// The session's report.
    package static let report = Path("/study/:id/weeks/:week/report")
}
