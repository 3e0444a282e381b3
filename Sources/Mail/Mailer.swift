import Foundation
import Logging

/// Sends one email now, or throws. Features do not call this directly: they put mail in the `Outbox`, which
/// survives restarts and retries when the mail server is down.
package protocol Mailer: Sendable {
    func send(_ message: MailMessage) async throws
    /// False when messages only go to the log (no mail server is set up): pages must not say "sent" then.
    var delivers: Bool { get }
    /// Runs `body` with a `send` that delivers one message, or throws as `send(_:)` does, through one connection
    /// to the mail server for all of them where the mailer keeps connections (SMTP). The connection ends when
    /// `body` returns. By default each message goes through `send(_:)`.
    func withSession<Result>(
        _ body: (_ send: (MailMessage) async throws -> Void) async throws -> Result
    ) async throws -> Result
}

extension Mailer {
    package var delivers: Bool { true }

    package func withSession<Result>(
        _ body: (_ send: (MailMessage) async throws -> Void) async throws -> Result
    ) async throws -> Result {
        try await body { try await send($0) }
    }
}

/// Sends through an SMTP server (`mail.smtp`); a session keeps one connection for many messages.
package struct SMTPMailer: Mailer {
    package let client: SMTPClient
    /// The display name of `From:`, usually the site's name.
    package let fromName: String
    /// The right-hand side of Message-IDs, usually the site's host name.
    package let messageIDDomain: String
    let clock: @Sendable () -> Date

    package init(
        settings: SMTPSettings,
        fromName: String = "",
        messageIDDomain: String,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = SMTPClient(settings: settings)
        self.fromName = fromName
        self.messageIDDomain = messageIDDomain
        self.clock = clock
    }

    package func send(_ message: MailMessage) async throws {
        try await withSession { send in try await send(message) }
    }

    /// Sends every message of `body` over one SMTP connection, with `settings.envelopeSender` as the envelope
    /// sender (where bounces go), whatever the message.
    package func withSession<Result>(
        _ body: (_ send: (MailMessage) async throws -> Void) async throws -> Result
    ) async throws -> Result {
        try await client.withSession { session in
            try await body { message in
                let text = message.rendered(
                    from: client.settings.from,
                    fromName: fromName,
                    date: clock(),
                    messageID: Self.messageID(domain: messageIDDomain)
                )
                try await session.send(text, to: [message.to])
            }
        }
    }

    /// A fresh `<random@domain>`; 128 random bits make it unique without any state.
    package static func messageID(domain: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<2).map { _ in String(generator.next() as UInt64, radix: 36) }.joined(separator: ".")
        let domain = MailFormat.oneLine(domain).filter { !" <>@".contains($0) }
        return "<\(random)@\(domain.isEmpty ? "localhost" : domain)>"
    }
}

/// Used when no SMTP server is configured: writes each message to the server log at `notice` level, so someone
/// trying Freshground on their own machine can still follow the links a message carries.
package struct LogMailer: Mailer {
    let logger: Logger

    package init(logger: Logger = Logger(label: "freshground.mail")) {
        self.logger = logger
    }

    package var delivers: Bool { false }

    /// The address with its local part hidden (`r…@example.org`): the log never holds who was written to.
    static func redacted(_ address: String) -> String {
        let parts = MailFormat.oneLine(address).split(separator: "@", maxSplits: 1)
        guard parts.count == 2, let first = parts[0].first else { return "(hidden)" }
        return "\(first)…@\(parts[1])"
    }

    package func send(_ message: MailMessage) async throws {
        // At the default level the log names nobody; at debug (LOG_LEVEL=debug, for a trial on one's own machine)
        // it holds the whole message, so its links can be followed.
        logger.notice("Mail not sent (no mail.smtp configured): to \(Self.redacted(message.to)).")
        logger.debug(
            """
            The unsent message reads:
            Subject: \(MailFormat.oneLine(message.subject))

            \(message.body)
            """
        )
    }
}
