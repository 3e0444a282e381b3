import Foundation

/// Where the data lives: an SQLite file (the default, zero set-up) or a PostgreSQL server.
package enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// Reads `sqlite:PATH` or a `postgres://` / `postgresql://` URL; anything else is refused with a message
    /// that names the accepted forms.
    package init(parsing text: String) throws(StoreError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("sqlite:") {
            let path = String(trimmed.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw .badURL(text) }
            self = .sqlite(path: path)
        } else if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            self = .postgres(url: trimmed)
        } else {
            throw .badURL(text)
        }
    }

    /// The URL with any password hidden, for logs and status pages.
    package var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard var parts = URLComponents(string: url) else { return "postgres://…" }
            if parts.password != nil { parts.password = "***" }
            return parts.string ?? "postgres://…"
        }
    }

    package var dialectName: String {
        switch self {
        case .sqlite: return "sqlite"
        case .postgres: return "postgresql"
        }
    }
}

/// Failures of the storage layer that a person running the server can act on.
package enum StoreError: Error, CustomStringConvertible {
    case badURL(String)
    case unreachable(String)
    /// The store's pools were shut down before it could be used.
    case closed

    package var description: String {
        switch self {
        case .badURL(let text):
            return "Unsupported database URL '\(text)': use sqlite:PATH or postgres://user:password@host:port/database"
        case .unreachable(let detail):
            return "The database cannot be reached: \(detail)"
        case .closed:
            return "The database connections were already closed"
        }
    }
}
