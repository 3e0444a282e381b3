import FreshgroundWeb
import Groups

/// Every page address of elected bodies, recalls and dissent statements, registered by `BodyRoutes` and used by
/// every link to them.
package enum BodyPaths {
    /// A group's elected bodies, who holds each seat, since and until when (public for a public group).
    package static let bodies = GroupPaths.bodies
    /// A new body (organizers; GET shows the form, POST creates it).
    package static let new = Path("/groups/:slug/bodies/new")
    /// Changing a body (organizers).
    package static let edit = Path("/bodies/:id/edit")
    /// Deleting a body (organizers; GET asks to confirm).
    package static let delete = Path("/bodies/:id/delete")
    /// Starting the election of a body (organizers).
    package static let election = Path("/bodies/:id/election")
    /// Starting a recall of one of the body's holders (active members).
    package static let startRecall = Path("/bodies/:id/recall")
    /// A recall petition: its reason, co-signers and, once opened, its vote (members).
    package static let recall = Path("/recalls/:id")
    /// Co-signing a recall petition (POST).
    package static let sign = Path("/recalls/:id/sign")
    /// Taking one's name off a recall petition (GET asks to confirm).
    package static let unsign = Path("/recalls/:id/withdraw")
    /// Attaching a dissent statement to a closed decision.
    package static let dissent = Path("/decisions/:id/dissent")
    /// Co-signing a dissent statement (POST).
    package static let cosign = Path("/dissents/:id/sign")
    /// Withdrawing one's dissent statement (its author; GET asks to confirm).
    package static let withdraw = Path("/dissents/:id/withdraw")
}
