import FluentKit
import SQLKit

/// A migration that adds one index to a table that exists already, and drops it when reverted: the shape of every
/// index found missing after a feature shipped.
package struct AddIndex: AsyncMigration {
    package let name: String
    let index: String
    let definition: String

    /// `definition` follows `CREATE INDEX index`: `ON table (columns)`, with a `WHERE` for a partial index.
    package init(_ name: String, index: String, _ definition: String) {
        self.name = name
        self.index = index
        self.definition = definition
    }

    package func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("CREATE INDEX \(unsafeRaw: index) \(unsafeRaw: definition)").run()
    }

    package func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX \(unsafeRaw: index)").run()
    }
}
