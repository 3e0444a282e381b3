import FreshgroundWeb
import Hummingbird

/// Correcting a published piece, and its public history of corrections.
struct CorrectionRoutes {
    let services: AppServices
    var queries: PublicationQueries { PublicationQueries(services: services) }

    func register(on router: Router<AppContext>) {
        router.get(LibraryPaths.correct) { _, context in
            let piece = try await correctable(context)
            return Reply.html(
                CorrectionPages.form(context, piece, fields: FieldSet(values: Corrections.formValues(piece)))
            )
        }
        router.post(LibraryPaths.correct) { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            let person = try context.requirePerson()
            return try await FormFlow.submit(
                context,
                redirectTo: LibraryPaths.publication(id),
                flash: "Corrected. The earlier text and your note are in the piece's history.",
                page: { fields in CorrectionPages.form(context, try await correctable(context), fields: fields) }
            ) {
                try await Corrections(services: services).correct(id: id, form: context.form, by: person)
            }
        }
        router.get(LibraryPaths.corrections) { request, context in
            try await services.publicPages.page(request, context) {
                let id = try context.parameters.require("id", as: Int.self)
                let (piece, access) = try await queries.visible(id: id, viewer: context.person)
                return CorrectionPages.history(
                    context,
                    PublicationRoutes.forReader(piece, access),
                    try await Correction.history(of: id, in: services.store.sql)
                )
            }
        }
    }

    /// The piece, when the signed-in person may correct it.
    private func correctable(_ context: AppContext) async throws -> Publication {
        let (piece, access) = try await queries.visible(
            id: try context.parameters.require("id", as: Int.self),
            viewer: try context.requirePerson()
        )
        guard access.canCorrect(piece) else {
            throw AppError.forbidden("Only the author or the journal's editors can correct a published piece.")
        }
        return piece
    }
}
