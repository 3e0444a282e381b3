import FreshgroundCore
import FreshgroundWeb
import Hummingbird
import SQLKit

/// CSV import into a group and export of its members (its organizers only; anyone else is answered "not found"),
/// and one's own vCard.
struct PeopleRoutes {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        let imports = PeopleImports(services: services)
        router.get(VolunteerPaths.importPeople) { _, context in
            let group = try await imports.group(try slug(context), organizer: try context.requirePerson())
            return Reply.html(PeopleImportPages.page(context, group: group))
        }
        router.post(VolunteerPaths.importPeople) { _, context in
            let person = try context.requirePerson()
            let group = try await imports.group(try slug(context), organizer: person)
            return try await FormFlow.submit(
                context,
                page: { fields in PeopleImportPages.page(context, group: group, fields: fields) }
            ) {
                let form = context.form
                let options = try PeopleImports.Options.read(
                    preset: form["preset"],
                    dedupe: form["dedupe"],
                    consentColumn: form["consent_column"]
                )
                let text = try PeopleImports.text(form, uploads: context.uploads)
                let report = try await imports.run(
                    group,
                    text: text,
                    options: options,
                    field: context.uploads.isEmpty ? "text" : "file",
                    dryRun: form["mode"] != "run",
                    by: person
                )
                // The text stays in the form, so a dry run's file can be imported without choosing it again.
                var values = context.form
                values.set("text", text)
                return Reply.html(
                    PeopleImportPages.page(context, group: group, fields: FieldSet(values: values), report: report)
                )
            }
        }
        router.get(VolunteerPaths.exportPeople) { _, context in
            let person = try context.requirePerson()
            let group = try await imports.group(try slug(context), organizer: person)
            let file = try await PeopleExport(services: services).csv(group, by: person)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8; header=present",
                    .contentDisposition: "attachment; filename=\"\(file.filename)\"",
                    .cacheControl: "private, no-store",
                ],
                body: .init(byteBuffer: ByteBuffer(string: file.text))
            )
        }
        router.get(VolunteerPaths.card) { _, context in
            let person = try context.requirePerson()
            let email = try await services.store.sql.raw("SELECT email FROM people WHERE id = \(bind: person.id)")
                .rows(OwnAddress.self).first?.email
            let card = VCard.card(name: person.displayName, handle: person.handle, email: email, url: nil)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/vcard; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"\(person.handle).vcf\"",
                    .cacheControl: "private, no-store",
                ],
                body: .init(byteBuffer: ByteBuffer(string: card))
            )
        }
    }

    private struct OwnAddress: Decodable { let email: String? }

    private func slug(_ context: AppContext) throws -> String { try context.parameters.require("slug") }
}
