import SQLKit

/// A number about the signed-in person that some feature needs on nearly every page (the unread notifications in
/// the header; whether they organize a group, for the two-factor rule), read in the same statement that finds the
/// person from their session cookie instead of in a statement of its own. A feature declares its facts
/// (`Feature.personFacts`); whoever needs one reads it from `AppContext.personFacts` by its key, and asks the
/// database as before when it is missing (a bearer token, or the feature that knows it is not in the app).
package struct PersonFact: Sendable {
    /// The name it is read by; also its column in the statement, so letters, digits and `_` only.
    package let key: PersonFacts.Key
    /// A scalar subquery of the fact, given the expression that holds the person's id in the statement.
    package let count: @Sendable (_ personID: any SQLExpression) -> any SQLExpression

    package init(
        _ key: PersonFacts.Key,
        count: @escaping @Sendable (_ personID: any SQLExpression) -> any SQLExpression
    ) {
        self.key = key
        self.count = count
    }
}

/// The facts read with the signed-in person, by key; empty for anybody else.
package struct PersonFacts: Sendable, Equatable {
    /// The facts that more than one feature reads; each is declared by the feature whose tables hold it.
    package struct Key: Hashable, Sendable {
        package let name: String

        package init(_ name: String) { self.name = name }

        /// The person's unread notifications (Notifications).
        package static let unreadNotifications = Key("unread_notifications")
        /// How many groups the person is an active organizer of (Groups).
        package static let organizedGroups = Key("organized_groups")
        /// 1 when the person has confirmed two-factor sign-in, else 0 (People).
        package static let twoFactorEnrolled = Key("two_factor_enrolled")
        /// How many of the groups the person organizes require two-factor sign-in of their organizers (Groups).
        package static let organizedGroupsRequiringTwoFactor = Key("organized_groups_requiring_two_factor")
        /// 1 when the site requires two-factor sign-in of everyone with rights over others, else 0 (People). Not
        /// about the person, but asked on every page they see, so read with them.
        package static let siteRequiresTwoFactor = Key("site_requires_two_factor")
    }

    private var values: [Key: Int] = [:]

    package init(_ values: [Key: Int] = [:]) { self.values = values }

    package subscript(_ key: Key) -> Int? { values[key] }
}
