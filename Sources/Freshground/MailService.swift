import Foundation
import FreshgroundWeb
import Logging
import Mail
import ServiceLifecycle

/// Sends queued mail while the server runs: at start, then every `interval`, so mail queued while the mail
/// server was down, or by a process that stopped, still goes out. Stops at graceful shutdown.
struct MailService: Service {
    let outbox: Outbox
    let logger: Logger
    var interval: Duration = .seconds(30)

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let sent = try await outbox.deliverDue()
                if sent > 0 { logger.info("Sent \(sent) queued mail message\(sent == 1 ? "" : "s").") }
            } catch {
                logger.error("Sending queued mail failed: \(String(reflecting: error))")
            }
            let interval = self.interval
            // Returns early when a graceful shutdown starts.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}

extension AppConfig {
    /// The mailer this configuration asks for: SMTP when `mail.smtp` is set, else the log.
    func makeMailer(logger: Logger) -> any Mailer {
        guard let settings = smtpSettings else { return LogMailer(logger: logger) }
        return SMTPMailer(settings: settings, fromName: siteName, messageIDDomain: siteHost)
    }
}
