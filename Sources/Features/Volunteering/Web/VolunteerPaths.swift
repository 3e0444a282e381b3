import FreshgroundWeb
import Groups

/// Where volunteering lives: a person's own work and load under /volunteering, a group's work, rotation, figures
/// and check-ins under its page, one piece of work under /work.
package enum VolunteerPaths {
    package static let mine = Path("/volunteering")
    package static let access = Path("/volunteering/access")
    package static let hours = Path("/volunteering/hours")
    package static let removeHours = Path("/volunteering/hours/:id/delete")
    package static let pause = Path("/volunteering/pause")
    package static let skills = Path("/volunteering/skills")
    package static let card = Path("/volunteering/card.vcf")
    package static let nextStepPace = Path("/volunteering/next-steps/:slug")

    package static let board = GroupPaths.work
    package static let rotation = GroupPaths.rotation
    package static let figures = GroupPaths.figures
    package static let checkins = Path("/groups/:slug/checkins")
    package static let checkinDone = Path("/groups/:slug/checkins/:id/done")
    package static let mentoring = Path("/groups/:slug/mentoring")
    package static let endMentoring = Path("/groups/:slug/mentoring/:id/end")
    package static let settings = Path("/groups/:slug/volunteering-settings")
    package static let importPeople = Path("/groups/:slug/people/import")
    package static let exportPeople = Path("/groups/:slug/people/export.csv")

    package static let work = Path("/work/:id")
    package static let edit = Path("/work/:id/edit")
    package static let archive = Path("/work/:id/archive")
    package static let signUp = Path("/work/:id/sign-up")
    package static let offer = Path("/work/:id/offer")
    package static let handover = Path("/work/:id/handover")
    package static let answer = Path("/work/assignments/:id/answer")
    package static let cancel = Path("/work/assignments/:id/cancel")
    package static let done = Path("/work/assignments/:id/done")
    package static let withdraw = Path("/work/assignments/:id/withdraw")
    package static let followUp = Path("/work/assignments/:id/follow-up")
}
