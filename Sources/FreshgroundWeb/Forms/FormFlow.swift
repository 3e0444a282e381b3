import HTTPTypes
import Hummingbird

/// The one way an HTML form post ends: the write succeeds and the person is sent on (usually a redirect with a
/// flash message), or it is refused with `AppError.validation` and the form's page is drawn again with what the
/// person typed (`context.form`, or `values`), a message by each field and status 422. Any other error goes on to
/// the error middleware.
package enum FormFlow {
    /// Runs `write`, which answers the success itself (a redirect, or a page when success has a page of its own).
    /// `fields` renames the write's field names to the form's (when a page holds several forms); `values` replaces
    /// the posted fields (a search form read from the query string).
    package static func submit(
        _ context: AppContext,
        values: FormData? = nil,
        fields rename: ([String: String]) -> [String: String] = { $0 },
        page: (FieldSet) async throws -> HTML,
        _ write: () async throws -> Response
    ) async throws -> Response {
        do {
            return try await write()
        } catch AppError.validation(let errors) {
            let fields = FieldSet(values: values ?? context.form, errors: rename(errors))
            return Reply.html(try await page(fields), status: .unprocessableContent)
        } catch AppError.rateLimited(let message, let seconds) {
            // Refused for now, not for good: the form comes back with what was typed, and says when to try again.
            let fields = FieldSet(values: values ?? context.form, errors: [FieldSet.formMessage: message])
            var response = Reply.html(try await page(fields), status: .tooManyRequests)
            response.headers[.retryAfter] = String(seconds)
            return response
        }
    }

    /// Runs `write` and redirects to `location` with `flash`; a refusal draws `page` again as above.
    package static func submit(
        _ context: AppContext,
        redirectTo location: String,
        flash: String?,
        fields rename: ([String: String]) -> [String: String] = { $0 },
        page: (FieldSet) async throws -> HTML,
        _ write: () async throws -> Void
    ) async throws -> Response {
        try await submit(context, fields: rename, page: page) {
            try await write()
            return Reply.redirect(location, flash: flash)
        }
    }
}
