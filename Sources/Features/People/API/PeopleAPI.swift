import Foundation
import FreshgroundWeb
import Hummingbird

/// The current person's JSON API.
struct PeopleAPI {
    let services: AppServices

    func register(on router: Router<AppContext>) {
        let accounts = Accounts(services: services)
        router.get("/api/v1/me") { _, context in
            let person = try context.requirePerson()
            return try Reply.json(try await accounts.profile(id: person.id))
        }
    }
}
