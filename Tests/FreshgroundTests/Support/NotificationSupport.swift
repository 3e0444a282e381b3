import Foundation
import FreshgroundWeb
import Notifications
import SQLKit

// Shared helpers for the notifications tests: telling people of something as a feature does, and what the outbox
// holds for an address.

extension TestApp {
    /// Tells the people with `handles` of `notice` as a feature does (`except` acting), in one transaction, and
    /// sends the mail it queued at once.
    func notify(_ handles: [String], _ notice: Notice, except actor: String? = nil) async throws {
        var ids: [Int] = []
        for handle in handles { ids.append(try await accountID(self, handle)) }
        var actorID: Int?
        if let actor { actorID = try await accountID(self, actor) }
        let except = actorID
        let people = ids
        let services = services()
        try await store.transaction { sql in
            try await Notifications.notify(people, notice, except: except, services: services, on: sql)
        }
        _ = try await services.outbox.deliverDue()
    }

    /// How many messages the outbox holds for `address` (sent or not), so a test can tell no mail was queued.
    func queuedMail(to address: String) async throws -> Int {
        try await store.sql.count({ $0.where("recipient", .equal, address) }, from: "mail_outbox")
    }
}

/// A fresh address, so the shared mail server's earlier messages never match.
func freshAddress(_ name: String) -> String { "\(name)-\(UUID().uuidString.prefix(8).lowercased())@example.org" }

/// The header's unread badge as a page shows it for `count` unread notifications.
func unreadBadge(_ count: Int) -> String {
    "<span class=\"badge count\">\(count)<span class=\"visually-hidden\"> unread notifications</span></span>"
}
