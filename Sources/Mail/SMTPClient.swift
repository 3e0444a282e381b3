import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A failed SMTP delivery: the server's reply, or what kept the conversation from happening.
package struct SMTPError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The server's three-digit reply code, or 0 when the server gave none (no connection, a timeout, a failed
    /// TLS handshake, an address this client refuses to send).
    package let code: Int
    /// The server's reply text (lines joined by newlines), or what went wrong.
    package let text: String
    /// The command the server answered, such as `RCPT TO`; `connect`, `greeting`, `EHLO`, `HELO`, `STARTTLS`,
    /// `TLS` or `AUTH` while the session was being set up; empty for failures without a command.
    package let command: String

    package init(code: Int, text: String, command: String = "") {
        self.code = code
        self.text = text
        self.command = command
    }

    /// The steps before any message is handed over.
    static let sessionCommands: Set<String> = ["connect", "greeting", "EHLO", "HELO", "STARTTLS", "TLS", "AUTH"]

    /// True when no session with the server could be had: no connection, no TLS, a refused greeting, `EHLO` or
    /// login, or a server asking for a login (530). The message is not at fault: it waits for a later try, and
    /// the next messages would fail the same way.
    package var isSessionFailure: Bool { Self.sessionCommands.contains(command) || code == 530 }

    /// A 5xx reply to the message itself: trying again will not help.
    package var isPermanent: Bool { (500..<600).contains(code) && !isSessionFailure }

    package var description: String {
        let after = command == "greeting" ? " in its greeting" : command.isEmpty ? "" : " after \(command)"
        return code == 0 ? "SMTP: \(text)" : "SMTP server answered \(code)\(after): \(text)"
    }
}

/// A minimal SMTP client (RFC 5321) on SwiftNIO, with STARTTLS (RFC 3207), implicit TLS (RFC 8314) and
/// `AUTH PLAIN`/`LOGIN` (RFC 4954): `EHLO` (or `HELO`), `MAIL FROM`, `RCPT TO`, `DATA` with dot-stuffing,
/// `QUIT`. A session (`withSession`) sends any number of messages over one connection. Connecting may take 5
/// seconds and each reply 30.
package struct SMTPClient: Sendable {
    package var settings: SMTPSettings
    package var connectTimeout: TimeAmount = .seconds(5)
    package var replyTimeout: TimeAmount = .seconds(30)
    let eventLoopGroup: any EventLoopGroup
    /// The TLS context, made at the first TLS connection and kept (loading the trusted CAs takes a while).
    private let tlsContexts = TLSContexts()

    package init(settings: SMTPSettings, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.eventLoopGroup = eventLoopGroup
    }

    /// Sends `message`, RFC 5322 text such as `MailMessage.rendered(...)`, from `settings.envelopeSender` to
    /// `recipients`, on a connection of its own. Throws `SMTPError` unless the server accepted it for every
    /// recipient.
    package func send(_ message: String, to recipients: [String]) async throws {
        try await withSession { try await $0.send(message, to: recipients) }
    }

    /// Runs `body` with a session that sends its messages over one connection, and ends the session after it.
    package func withSession<Result>(_ body: (SMTPSession) async throws -> Result) async throws -> Result {
        let session = SMTPSession(client: self)
        let result: Result
        do {
            result = try await body(session)
        } catch {
            await session.close()
            throw error
        }
        await session.close()
        return result
    }

    /// The TLS client context: full certificate verification against the system's CAs and `settings.caFile`, TLS
    /// 1.2 at least.
    func tlsContext() throws -> NIOSSLContext {
        try tlsContexts.context(caFile: settings.caFile)
    }

    /// The message as the `DATA` block: every line break CRLF, lines starting with `.` doubled (RFC 5321
    /// §4.5.2), ended by `.` on a line of its own.
    static func dataBlock(_ message: String) -> ByteBuffer {
        let normalized = message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var buffer = ByteBuffer()
        buffer.reserveCapacity(normalized.utf8.count + lines.count + 8)
        for line in lines {
            if line.hasPrefix(".") { buffer.writeString(".") }
            buffer.writeSubstring(line)
            buffer.writeString("\r\n")
        }
        buffer.writeString(".\r\n")
        return buffer
    }

    /// An address that cannot change the SMTP command it goes into: no spaces, angle brackets or control
    /// characters.
    static func checkedAddress(_ address: String) throws -> String {
        let bad = address.unicodeScalars.contains {
            $0 == " " || $0 == "<" || $0 == ">" || $0.properties.generalCategory == .control
        }
        guard !address.isEmpty, address.utf8.count <= 254, !bad, address.contains("@") else {
            throw SMTPError(
                code: 0,
                text: "refused to send to or from the malformed address \(address.debugDescription)"
            )
        }
        return address
    }
}

/// Sends messages over one connection, opened for the first message and kept for the next. A connection the
/// server dropped meanwhile is replaced by a new one, and the message is sent again on it when the old one failed
/// before taking its content. Not for use by several tasks at once.
package final class SMTPSession {
    let client: SMTPClient
    private var connection: SMTPConnection?
    /// How many connections this session opened.
    package private(set) var connectionsOpened = 0

    init(client: SMTPClient) {
        self.client = client
    }

    /// Sends `message` (RFC 5322 text) to `recipients`; throws `SMTPError` unless the server accepted it for all.
    package func send(_ message: String, to recipients: [String]) async throws {
        let from = try SMTPClient.checkedAddress(client.settings.envelopeSender)
        let recipients = try recipients.map(SMTPClient.checkedAddress)
        guard !recipients.isEmpty else { throw SMTPError(code: 0, text: "no recipient") }
        let data = SMTPClient.dataBlock(message)
        while true {
            let reused = connection != nil
            var current: SMTPConnection
            if let connection {
                current = connection
            } else {
                current = try await SMTPConnection.open(client)
                connectionsOpened += 1
            }
            do {
                try await current.send(data, from: from, to: recipients)
                connection = current
                return
            } catch {
                connection = current.broken ? nil : current
                if current.broken { await current.close() }
                // A kept connection the server has closed since: once more on a new one, unless the server may
                // already have the message.
                let handedOver = (error as? SMTPError)?.command == "DATA (end of message)"
                if reused && current.broken && !handedOver { continue }
                throw error
            }
        }
    }

    /// Ends the session politely (`QUIT`).
    package func close() async {
        await connection?.close()
        connection = nil
    }
}

/// The TLS context for one CA file, made once.
private final class TLSContexts: Sendable {
    private let made = Mutex<(caFile: String?, context: NIOSSLContext)?>(nil)

    func context(caFile: String?) throws -> NIOSSLContext {
        try made.withLock { made in
            if let made, made.caFile == caFile { return made.context }
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            if let caFile {
                do {
                    let certificates = try NIOSSLCertificate.fromPEMFile(caFile)
                    configuration.additionalTrustRoots = [.certificates(certificates)]
                } catch {
                    throw SMTPError(
                        code: 0,
                        text: "cannot read the certificates in mail.smtp_ca_file \(caFile.debugDescription) "
                            + "(\(error))",
                        command: "TLS"
                    )
                }
            }
            let context: NIOSSLContext
            do {
                context = try NIOSSLContext(configuration: configuration)
            } catch {
                throw SMTPError(code: 0, text: "cannot set up TLS (\(error))", command: "TLS")
            }
            made = (caFile, context)
            return context
        }
    }
}
