import FreshgroundWeb
import Hummingbird

/// The person's own page, the download of their data and the deletion of their account. The app registers
/// these with every feature (`AccountLife`), since each holds its own part of a person's data.
package struct AccountRoutes {
    let services: AppServices
    let features: [any Feature]

    package init(services: AppServices, features: [any Feature]) {
        self.services = services
        self.features = features
    }

    package func register(on router: Router<AppContext>) {
        let life = AccountLife(services: services, features: features)

        router.get(PeoplePaths.me) { _, context in
            let person = try context.requirePerson()
            var sections: [HTML] = []
            for feature in features {
                if let section = try await feature.accountSummary(of: person.id, services: services) {
                    sections.append(section)
                }
            }
            return Reply.html(AccountPages.me(context, person: person, sections: sections))
        }
        router.get(PeoplePaths.myData) { _, context in
            let person = try context.requirePerson()
            var response = try Reply.json(try await life.download(personID: person.id))
            response.headers[.contentDisposition] = "attachment; filename=\"freshground-\(person.handle).json\""
            return response
        }
        router.get(PeoplePaths.deleteAccount) { _, context in
            let person = try context.requirePerson()
            return Reply.html(AccountPages.delete(context, notices: try await life.notices(personID: person.id)))
        }
        router.post(PeoplePaths.deleteAccount) { _, context in
            let person = try context.requirePerson()
            let form = context.form
            let deletion = AccountLife.Deletion(
                password: form.raw("password"),
                handle: form["confirm_handle"],
                keepWriting: form["writing"]
            )
            return try await FormFlow.submit(
                context,
                page: { fields in
                    AccountPages.delete(context, notices: try await life.notices(personID: person.id), fields: fields)
                }
            ) {
                try await life.delete(person, deletion)
                var response = Reply.redirect("/", flash: "Your account is deleted.")
                response.setCookie(Sessions(services: services).expiredCookie())
                return response
            }
        }
    }
}
