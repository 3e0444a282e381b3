import Configuration
import Foundation
import FreshgroundStore
import FreshgroundWeb
import Logging
import Mail
import SystemPackage

/// The settings the server runs with, read with the precedence command line > environment > `.env` file >
/// defaults. Keys are grouped: `http.*`, `db.*`, `site.*`, `mail.*`, `log.*` (environment: `HTTP_PORT`, `DB_URL`,
/// …).
package struct AppConfig: Sendable {
    package var host = "127.0.0.1"
    package var port = 8080
    package var database = DatabaseURL.sqlite(path: "freshground.sqlite")
    /// How many connections to PostgreSQL each event loop may hold (the pool is this times the cores); unused on
    /// SQLite. Key `db.connections`, environment `DB_CONNECTIONS`.
    package var databaseConnections = 8
    package var siteName = "Freshground"
    package var siteURL = "http://127.0.0.1:8080"
    package var logLevel = Logger.Level.info
    /// Where uploaded files (recordings) are kept; empty means next to the SQLite file (`<file>-media`), or
    /// `media` in the working directory on PostgreSQL. Key `media.dir`, environment `MEDIA_DIR`.
    package var mediaDirectory = ""
    /// bcrypt cost; tests lower it.
    package var passwordCost = 12
    /// How long the reminder service rests between passes (not a setting: tests lengthen it, so that a test that
    /// runs long on a loaded machine never meets a second pass it did not ask for).
    package var reminderInterval: Duration = .seconds(300)
    /// The SMTP server mail goes through, such as `smtp://127.0.0.1:25`; empty writes mail to the log instead.
    /// Key `mail.smtp`, environment `MAIL_SMTP`.
    package var mailSMTP = ""
    /// The sender's address; empty means `freshground@` and the host of `siteURL`. Key `mail.from`, environment
    /// `MAIL_FROM`.
    package var mailFrom = ""
    /// The login for the SMTP server when `mail.smtp` holds none. Keys `mail.smtp_user`, `mail.smtp_password`,
    /// environment `MAIL_SMTP_USER`, `MAIL_SMTP_PASSWORD`.
    package var mailSMTPUser = ""
    package var mailSMTPPassword = ""
    /// A PEM file of certificates to trust for the SMTP server besides the system's. Key `mail.smtp_ca_file`,
    /// environment `MAIL_SMTP_CA_FILE`.
    package var mailSMTPCAFile = ""
    /// The envelope sender, where bounces go; empty means the sender's address. Key `mail.return_path`,
    /// environment `MAIL_RETURN_PATH`.
    package var mailReturnPath = ""
    /// The reverse proxies whose `X-Forwarded-For` names the client (for the login throttle), such as
    /// `127.0.0.1`. Key `http.trusted_proxies`, environment `HTTP_TRUSTED_PROXIES`, comma-separated; none by
    /// default.
    package var trustedProxies: Set<String> = []
    /// Federation over ActivityPub: on unless `federation.enabled` (`FEDERATION_ENABLED`) is `false`. The test
    /// setting `federation.allow_loopback` (`FEDERATION_ALLOW_LOOPBACK`) lets it reach this machine over plain
    /// http, and is refused when the site's address is https.
    package var federation = FederationSettings()
    /// The bearer token a metrics scraper sends to `/metrics`; empty lets only loopback clients read it.
    package var metricsToken = ""
    /// How long a page anonymous visitors see is kept, in seconds (0 to 3600; 0 keeps none). A write on any
    /// process empties every process's copies at once, so a longer time costs no staleness on PostgreSQL. Key
    /// `http.page_cache_seconds`, environment `HTTP_PAGE_CACHE_SECONDS`; 2 by default.
    package var pageCacheSeconds = 2

    package init() {}

    /// The media directory in use.
    package var resolvedMediaDirectory: String {
        if !mediaDirectory.isEmpty { return mediaDirectory }
        if case .sqlite(let path) = database, path != ":memory:" { return path + "-media" }
        return "media"
    }

    /// The sender's address in use.
    package var resolvedMailFrom: String {
        if !mailFrom.isEmpty { return mailFrom }
        return "freshground@\(siteHost)"
    }

    /// The host name of `siteURL`, used in the default sender and in Message-IDs.
    package var siteHost: String {
        let host = URLComponents(string: siteURL)?.host ?? ""
        return host.isEmpty ? "localhost" : host
    }

    /// The SMTP server to send through, or nil to write mail to the log.
    package var smtpSettings: SMTPSettings? {
        guard !mailSMTP.isEmpty, var settings = SMTPSettings(url: mailSMTP, from: resolvedMailFrom) else { return nil }
        if settings.credentials == nil && !mailSMTPUser.isEmpty {
            settings.credentials = SMTPSettings.Credentials(user: mailSMTPUser, password: mailSMTPPassword)
        }
        settings.caFile = mailSMTPCAFile.isEmpty ? nil : mailSMTPCAFile
        settings.returnPath = mailReturnPath.isEmpty ? nil : mailReturnPath
        return settings
    }

    /// Keys whose command-line values are numbers.
    static let integerKeys: Set<String> = ["http.port", "db.connections"]

    /// Reads the configuration; `overrides` are the command line's values under the same keys.
    package static func load(overrides: [String: String], environmentFile: String = ".env") async throws -> AppConfig {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in overrides {
            let content: ConfigContent = Self.integerKeys.contains(key) ? .int(Int(value) ?? 0) : .string(value)
            values[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = ConfigValue(
                content,
                isSecret: false
            )
        }
        let reader = ConfigReader(providers: [
            InMemoryProvider(name: "command line", values: values),
            EnvironmentVariablesProvider(),
            try await EnvironmentVariablesProvider(environmentFilePath: FilePath(environmentFile), allowMissing: true),
        ])
        var config = AppConfig()
        config.host = reader.string(forKey: "http.host", default: config.host)
        config.port = reader.int(forKey: "http.port", default: config.port)
        if let url = reader.string(forKey: "db.url") { config.database = try DatabaseURL(parsing: url) }
        config.databaseConnections = reader.int(forKey: "db.connections", default: config.databaseConnections)
        guard (1...64).contains(config.databaseConnections) else {
            throw ConfigError.invalid("db.connections", "\(config.databaseConnections)", "1 to 64 a core")
        }
        config.siteName = reader.string(forKey: "site.name", default: config.siteName)
        config.mediaDirectory = reader.string(forKey: "media.dir", default: config.mediaDirectory)
        config.siteURL = reader.string(forKey: "site.url", default: "http://\(config.host):\(config.port)")
        config.trustedProxies = Set(
            reader.string(forKey: "http.trusted_proxies", default: "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        )
        config.federation.enabled = reader.bool(forKey: "federation.enabled", default: true)
        config.federation.allowLoopback = reader.bool(forKey: "federation.allow_loopback", default: false)
        if config.federation.allowLoopback && config.siteURL.lowercased().hasPrefix("https://") {
            throw ConfigError.invalid(
                "federation.allow_loopback",
                "true",
                "false on a server with an https address (the setting is for tests on this machine)"
            )
        }
        config.metricsToken = reader.string(forKey: "metrics.token", default: config.metricsToken)
        config.pageCacheSeconds = reader.int(forKey: "http.page_cache_seconds", default: config.pageCacheSeconds)
        guard (0...3600).contains(config.pageCacheSeconds) else {
            throw ConfigError.invalid("http.page_cache_seconds", "\(config.pageCacheSeconds)", "0 to 3600 seconds")
        }
        config.mailSMTP = reader.string(forKey: "mail.smtp", isSecret: true, default: config.mailSMTP)
        if !config.mailSMTP.isEmpty && config.smtpSettings == nil {
            throw ConfigError.invalid(
                "mail.smtp",
                SMTPSettings.redacted(url: config.mailSMTP),
                "smtp://[user:password@]host:port[?tls=required], smtps://[user:password@]host:port, or nothing to "
                    + "log mail instead"
            )
        }
        config.mailSMTPUser = reader.string(forKey: "mail.smtp_user", default: config.mailSMTPUser)
        config.mailSMTPPassword = reader.string(forKey: "mail.smtp_password", isSecret: true, default: "")
        if config.mailSMTPUser.isEmpty != config.mailSMTPPassword.isEmpty {
            throw ConfigError.invalid("mail.smtp_user", config.mailSMTPUser, "a user and a password, or neither")
        }
        config.mailSMTPCAFile = reader.string(forKey: "mail.smtp_ca_file", default: config.mailSMTPCAFile)
        if !config.mailSMTPCAFile.isEmpty && !FileManager.default.isReadableFile(atPath: config.mailSMTPCAFile) {
            throw ConfigError.invalid("mail.smtp_ca_file", config.mailSMTPCAFile, "a readable PEM file")
        }
        config.mailFrom = reader.string(forKey: "mail.from", default: config.mailFrom)
        config.mailReturnPath = reader.string(forKey: "mail.return_path", default: config.mailReturnPath)
        for (key, address) in [("mail.from", config.mailFrom), ("mail.return_path", config.mailReturnPath)]
        where !address.isEmpty
            && (address.split(separator: "@", omittingEmptySubsequences: false).count != 2
                || address.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }))
        {
            throw ConfigError.invalid(key, address, "an address such as freshground@example.org")
        }
        if let level = reader.string(forKey: "log.level") {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigError.invalid(
                    "log.level",
                    level,
                    "one of trace, debug, info, notice, warning, error, critical"
                )
            }
            config.logLevel = parsed
        }
        return config
    }
}

package enum ConfigError: Error, CustomStringConvertible {
    case invalid(String, String, String)

    package var description: String {
        switch self {
        case .invalid(let key, let value, let expected): "Invalid value '\(value)' for \(key): expected \(expected)."
        }
    }
}
