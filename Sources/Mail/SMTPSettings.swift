import Foundation

/// Where outgoing mail goes and how: the SMTP server (a local relay such as Postfix, or a provider's smarthost),
/// the TLS the connection must have and the login it takes.
///
/// Read from a URL (`mail.smtp`): `smtp://host[:port]` (port 25) uses STARTTLS when the server offers it;
/// `?tls=required` refuses to send without it; `smtps://host[:port]` (port 465) speaks TLS from the first byte.
/// `smtp://user:password@host:587` (percent-encoded) logs in with `AUTH PLAIN` or `AUTH LOGIN`, and a password
/// makes TLS required, so it never goes in clear. Certificates are checked against the system's trusted CAs and
/// `caFile`.
package struct SMTPSettings: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is protected.
    package enum TLS: Sendable, Equatable {
        /// STARTTLS when the server offers it, else in clear; never to a server on this machine (loopback), where
        /// TLS protects nothing and a local relay's certificate is often made for another name. With credentials
        /// set it is `required`.
        case opportunistic
        /// STARTTLS, or nothing is sent.
        case required
        /// TLS from the first byte (`smtps`, port 465).
        case implicit
    }

    /// The login for `AUTH`.
    package struct Credentials: Sendable, Equatable {
        package var user: String
        package var password: String

        package init(user: String, password: String) {
            self.user = user
            self.password = password
        }
    }

    package var host: String
    package var port: Int
    /// The `From:` address, such as `freshground@example.org`.
    package var from: String
    /// The name this server gives itself in `EHLO`: the domain of `from`, or `localhost`.
    package var heloName: String
    package var tls = TLS.opportunistic
    package var credentials: Credentials?
    /// A PEM file of certificates to trust besides the system's: a private CA, or a relay's self-signed
    /// certificate (`mail.smtp_ca_file`).
    package var caFile: String?
    /// The envelope sender (`MAIL FROM`), where bounces go: a fixed address of this site (`mail.return_path`),
    /// `from` when nil. Never a person's address, so no bounce or auto-reply lands on someone who did not send.
    package var returnPath: String?

    package init(host: String, port: Int = 25, from: String, heloName: String? = nil) {
        self.host = host
        self.port = port
        self.from = from
        let domain = from.split(separator: "@").last.map(String.init) ?? ""
        self.heloName = heloName ?? (from.contains("@") && !domain.isEmpty ? domain : "localhost")
    }

    /// Reads `smtp://[user:password@]host[:port][?tls=required]` or `smtps://[user:password@]host[:port]`; nil for
    /// any other form, a user without a password, or a password without a user.
    package init?(url: String, from: String) {
        guard let parts = URLComponents(string: url.trimmingCharacters(in: .whitespaces)),
            let scheme = parts.scheme?.lowercased(), scheme == "smtp" || scheme == "smtps",
            var host = parts.host, !host.isEmpty, parts.path.isEmpty || parts.path == "/", parts.fragment == nil,
            (parts.user ?? "").isEmpty == (parts.password ?? "").isEmpty
        else { return nil }
        var tls = scheme == "smtps" ? TLS.implicit : .opportunistic
        for item in parts.queryItems ?? [] {
            guard item.name.lowercased() == "tls", item.value?.lowercased() == "required" else { return nil }
            if tls == .opportunistic { tls = .required }
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = parts.port ?? (scheme == "smtps" ? 465 : 25)
        guard (1...65_535).contains(port) else { return nil }
        self.init(host: host, port: port, from: from)
        self.tls = tls
        if let user = parts.user, let password = parts.password, !user.isEmpty {
            credentials = Credentials(user: user, password: password)
        }
    }

    /// The address `MAIL FROM` gives.
    package var envelopeSender: String { returnPath ?? from }

    /// True when nothing may be sent before TLS: `smtps`, `tls=required`, or a password to send.
    package var requiresTLS: Bool { tls != .opportunistic || credentials != nil }

    /// The settings without the password, for logs and errors.
    package var description: String {
        let scheme = tls == .implicit ? "smtps" : "smtp"
        let user = credentials.map { "\($0.user):***@" } ?? ""
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "\(scheme)://\(user)\(host):\(port)\(tls == .required ? "?tls=required" : "")"
    }

    /// `url` with the password in it replaced by `***`, for an error message about the setting.
    package static func redacted(url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@"),
            let colon = rest[..<at].firstIndex(of: ":")
        else { return url }
        return String(url[..<rest.index(after: colon)]) + "***" + String(rest[at...])
    }

    /// True for `localhost` and the loopback addresses (127.0.0.0/8, ::1).
    var isLoopback: Bool {
        let host = self.host.lowercased()
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false).map { UInt8($0) }
        return octets.count == 4 && octets.allSatisfy { $0 != nil } && octets[0] == 127
    }
}
