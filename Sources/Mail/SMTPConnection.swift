import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP connection, ready for mail once `open` returns: greeted, `EHLO` said, TLS started and the login given
/// as the settings ask. `send` hands over one message; messages can follow each other on it until `quit`.
struct SMTPConnection: Sendable {
    private let channel: any Channel
    private let settings: SMTPSettings
    /// True once TLS protects the connection.
    private var encrypted: Bool
    /// True once the connection cannot carry another message: it failed, or the server is closing it.
    private(set) var broken = false

    private init(channel: any Channel, settings: SMTPSettings, encrypted: Bool) {
        self.channel = channel
        self.settings = settings
        self.encrypted = encrypted
    }

    /// Connects, and gets the session ready for `MAIL FROM`. Throws an `SMTPError` naming a session command
    /// (`isSessionFailure`) when that fails; the connection is closed then.
    static func open(_ client: SMTPClient) async throws -> SMTPConnection {
        let settings = client.settings
        let implicitTLS = settings.tls == .implicit ? try client.tlsContext() : nil
        let serverHostname = Self.serverHostname(settings.host)
        let replyTimeout = client.replyTimeout
        let (channel, greeting): (any Channel, EventLoopFuture<SMTPReply>)
        do {
            (channel, greeting) = try await ClientBootstrap(group: client.eventLoopGroup)
                .connectTimeout(client.connectTimeout)
                .connect(host: settings.host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handlers = channel.pipeline.syncOperations
                        if let implicitTLS {
                            try handlers.addHandler(
                                NIOSSLClientHandler(context: implicitTLS, serverHostname: serverHostname)
                            )
                        }
                        let greeting = channel.eventLoop.makePromise(of: SMTPReply.self)
                        do {
                            try handlers.addHandler(SMTPChannelHandler(greeting: greeting, replyTimeout: replyTimeout))
                        } catch {
                            greeting.fail(error)
                            throw error
                        }
                        return (channel, greeting.futureResult)
                    }
                }
        } catch {
            throw SMTPError(
                code: 0,
                text: "cannot connect to \(settings.host):\(settings.port) (\(error))",
                command: "connect"
            )
        }
        var connection = SMTPConnection(channel: channel, settings: settings, encrypted: implicitTLS != nil)
        do {
            try await connection.reply(to: greeting, command: "greeting", accepting: [220])
            try await connection.greet(client, serverHostname: serverHostname)
        } catch {
            await connection.close()
            throw error
        }
        return connection
    }

    /// Hands over one message: `MAIL FROM`, `RCPT TO` for each recipient, `DATA`. Throws an `SMTPError`; after a
    /// refusal the transaction is reset (`RSET`) so the next message can follow, unless the connection `broken`.
    mutating func send(_ data: ByteBuffer, from: String, to recipients: [String]) async throws {
        do {
            try await command("MAIL FROM:<\(from)>", name: "MAIL FROM", accepting: [250])
            for recipient in recipients {
                try await command("RCPT TO:<\(recipient)>", name: "RCPT TO", accepting: [250, 251])
            }
            try await command("DATA", name: "DATA", accepting: [354])
            try await exchange(data, name: "DATA (end of message)", accepting: [250])
        } catch let error as SMTPError where error.code != 0 && error.code != 421 {
            // The server refused this message and still talks: clear the transaction for the next one.
            do { try await command("RSET", name: "RSET", accepting: [250]) } catch { broken = true }
            throw error
        } catch {
            broken = true
            throw error
        }
    }

    /// Ends the session: `QUIT` while the connection is open (waiting for the reply unless it is `broken`), then
    /// the connection closes.
    func close() async {
        if !broken && channel.isActive {
            _ = try? await command("QUIT", name: "QUIT", accepting: [221])
        } else if channel.isActive {
            let quit = SMTPExchange(bytes: ByteBuffer(string: "QUIT\r\n"), command: "QUIT", reply: nil)
            try? await channel.writeAndFlush(quit).get()
        }
        try? await channel.close().get()
    }

    /// `EHLO` (or `HELO` for an old server when neither TLS nor a login is needed), `STARTTLS` and `EHLO` again
    /// when called for, then `AUTH` when the settings hold a login.
    private mutating func greet(_ client: SMTPClient, serverHostname: String?) async throws {
        let helo = MailFormat.oneLine(settings.heloName).replacingOccurrences(of: " ", with: "")
        var ehlo = try await command("EHLO \(helo)", name: "EHLO", accepting: [])
        let needsSTARTTLS = settings.requiresTLS && !encrypted
        if ehlo.code != 250 {
            guard (500..<600).contains(ehlo.code) else { throw ehlo.error(command: "EHLO") }
            guard !needsSTARTTLS else { throw noSTARTTLS(because: "it refused EHLO (\(ehlo.code))") }
            guard settings.credentials == nil else { throw ehlo.error(command: "EHLO") }
            try await command("HELO \(helo)", name: "HELO", accepting: [250])
            return
        }
        var extensions = Self.extensions(ehlo)
        let offered = extensions["STARTTLS"] != nil
        if needsSTARTTLS && !offered { throw noSTARTTLS(because: "it does not offer it") }
        if !encrypted && offered && (needsSTARTTLS || !settings.isLoopback) {
            let startTLS = SMTPExchange.StartTLS(context: try client.tlsContext(), serverHostname: serverHostname)
            try await exchange(
                ByteBuffer(string: "STARTTLS\r\n"),
                name: "STARTTLS",
                accepting: [220],
                startTLS: startTLS
            )
            encrypted = true
            ehlo = try await command("EHLO \(helo)", name: "EHLO", accepting: [250])
            extensions = Self.extensions(ehlo)
        }
        if let credentials = settings.credentials {
            try await authenticate(credentials, offered: extensions["AUTH"] ?? "")
        }
    }

    /// `AUTH PLAIN`, or `AUTH LOGIN` when the server offers only that; only ever over TLS.
    private func authenticate(_ credentials: SMTPSettings.Credentials, offered: String) async throws {
        guard encrypted else {
            throw SMTPError(code: 0, text: "refused to send the password without TLS", command: "AUTH")
        }
        let methods = Set(offered.uppercased().split(separator: " ").map(String.init))
        let base64 = { (bytes: [UInt8]) in Data(bytes).base64EncodedString() }
        do {
            if methods.contains("PLAIN") {
                let token = base64([0] + Array(credentials.user.utf8) + [0] + Array(credentials.password.utf8))
                try await command("AUTH PLAIN \(token)", name: "AUTH", accepting: [235])
            } else if methods.contains("LOGIN") {
                try await command("AUTH LOGIN", name: "AUTH", accepting: [334])
                try await command(base64(Array(credentials.user.utf8)), name: "AUTH", accepting: [334])
                try await command(base64(Array(credentials.password.utf8)), name: "AUTH", accepting: [235])
            } else {
                let list = offered.isEmpty ? "none" : offered
                throw SMTPError(
                    code: 0,
                    text: "\(settings.host) offers no login this client can use (it offers \(list); this client "
                        + "speaks PLAIN and LOGIN)",
                    command: "AUTH"
                )
            }
        } catch let error as SMTPError where error.code == 535 {
            let hint =
                "the user name or password was refused: check mail.smtp_user and mail.smtp_password (or "
                + "the user and password in mail.smtp)"
            throw SMTPError(code: error.code, text: "\(error.text) (\(hint))", command: "AUTH")
        }
    }

    private func noSTARTTLS(because reason: String) -> SMTPError {
        let why = settings.tls == .required ? "tls=required is set" : "a password is set, and it never goes in clear"
        return SMTPError(
            code: 0,
            text: "\(settings.host):\(settings.port) cannot start TLS (STARTTLS): \(reason); as \(why), nothing "
                + "was sent",
            command: "STARTTLS"
        )
    }

    /// Sends one command line and reads its reply.
    @discardableResult
    private func command(_ line: String, name: String, accepting accepted: Set<Int>) async throws -> SMTPReply {
        try await exchange(ByteBuffer(string: line + "\r\n"), name: name, accepting: accepted)
    }

    /// Writes `bytes` and reads the reply; throws unless its code is in `accepted` (any code when it is empty).
    @discardableResult
    private func exchange(
        _ bytes: ByteBuffer,
        name: String,
        accepting accepted: Set<Int>,
        startTLS: SMTPExchange.StartTLS? = nil
    ) async throws -> SMTPReply {
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        channel.writeAndFlush(SMTPExchange(bytes: bytes, command: name, reply: promise, startTLS: startTLS))
            .whenFailure { promise.fail($0) }
        return try await reply(to: promise.futureResult, command: name, accepting: accepted)
    }

    @discardableResult
    private func reply(
        to future: EventLoopFuture<SMTPReply>,
        command: String,
        accepting accepted: Set<Int>
    ) async throws -> SMTPReply {
        let reply: SMTPReply
        do {
            reply = try await future.get()
        } catch let error as SMTPError {
            throw error
        } catch {
            throw describe(error, command: command)
        }
        if !accepted.isEmpty && !accepted.contains(reply.code) { throw reply.error(command: command) }
        return reply
    }

    /// A failure from NIO or TLS as an `SMTPError`; a TLS failure says how a certificate can be trusted.
    private func describe(_ error: any Error, command: String) -> SMTPError {
        let server = "\(settings.host):\(settings.port)"
        if let error = error as? ChannelError, error == .ioOnClosedChannel || error == .eof {
            return SMTPError(code: 0, text: "\(server) closed the connection", command: command)
        }
        guard error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError else {
            return SMTPError(code: 0, text: "the connection to \(server) failed (\(error))", command: command)
        }
        return SMTPError(
            code: 0,
            text: "TLS with \(server) failed (\(error)): the server's certificate must be valid for "
                + "\(settings.host) and signed by a CA this machine trusts, or by one in mail.smtp_ca_file "
                + "(MAIL_SMTP_CA_FILE)",
            command: settings.tls == .implicit ? "TLS" : "STARTTLS"
        )
    }

    /// The EHLO reply's extensions: keyword (upper case) to parameters.
    private static func extensions(_ ehlo: SMTPReply) -> [String: String] {
        var extensions: [String: String] = [:]
        for line in ehlo.lines.dropFirst() {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard let keyword = parts.first else { continue }
            extensions[keyword.uppercased()] = parts.count > 1 ? String(parts[1]) : ""
        }
        return extensions
    }

    /// The name for SNI and the certificate check; nil for an IP address, which the certificate is checked
    /// against instead.
    private static func serverHostname(_ host: String) -> String? {
        var ipv4 = in_addr()
        var ipv6 = in6_addr()
        let isAddress = inet_pton(AF_INET, host, &ipv4) == 1 || inet_pton(AF_INET6, host, &ipv6) == 1
        return isAddress ? nil : host
    }
}
