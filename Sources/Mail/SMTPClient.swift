import Foundation
import NIOCore
import NIOPosix

/// Where outgoing mail goes: an SMTP server that accepts it without TLS or a login, usually the local mail
/// server (Postfix, OpenSMTPD) which then relays it.
///
/// Relaying straight through an authenticated smarthost (STARTTLS or implicit TLS, `AUTH PLAIN`) is future
/// work; until then point Freshground at a local relay that does that part.
package struct SMTPSettings: Sendable, Equatable {
    package var host: String
    package var port: Int
    /// The envelope and `From:` address, such as `freshground@example.org`.
    package var from: String
    /// The name this server gives itself in `EHLO`: the domain of `from`, or `localhost`.
    package var heloName: String

    package init(host: String, port: Int = 25, from: String, heloName: String? = nil) {
        self.host = host
        self.port = port
        self.from = from
        let domain = from.split(separator: "@").last.map(String.init) ?? ""
        self.heloName = heloName ?? (from.contains("@") && !domain.isEmpty ? domain : "localhost")
    }

    /// Reads `smtp://host[:port]` (port 25 when left out); nil for any other form, including one with a user or
    /// password, which this client cannot use.
    package init?(url: String, from: String) {
        guard let parts = URLComponents(string: url.trimmingCharacters(in: .whitespaces)),
            parts.scheme?.lowercased() == "smtp", var host = parts.host, !host.isEmpty,
            parts.user == nil, parts.password == nil, parts.path.isEmpty || parts.path == "/",
            parts.query == nil, parts.fragment == nil
        else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let port = parts.port ?? 25
        guard (1...65_535).contains(port) else { return nil }
        self.init(host: host, port: port, from: from)
    }
}

/// A failed SMTP delivery: the server's reply, or what kept the conversation from happening.
package struct SMTPError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The server's three-digit reply code, or 0 when the server gave none (no connection, a timeout, an
    /// address this client refuses to send).
    package let code: Int
    /// The server's reply text (lines joined by newlines), or what went wrong.
    package let text: String
    /// The command the server answered, such as `RCPT TO`; empty for the greeting and for failures without a
    /// reply.
    package let command: String

    package init(code: Int, text: String, command: String = "") {
        self.code = code
        self.text = text
        self.command = command
    }

    /// A 5xx reply: trying again will not help.
    package var isPermanent: Bool { (500..<600).contains(code) }

    package var description: String {
        let after = command.isEmpty ? "" : " after \(command)"
        return code == 0 ? "SMTP: \(text)" : "SMTP server answered \(code)\(after): \(text)"
    }
}

/// A minimal SMTP client (RFC 5321) on SwiftNIO: one connection per message, `EHLO` (or `HELO`), `MAIL FROM`,
/// `RCPT TO`, `DATA` with dot-stuffing, `QUIT`. Connecting may take 5 seconds and each reply 30.
package struct SMTPClient: Sendable {
    package var settings: SMTPSettings
    package var connectTimeout: TimeAmount = .seconds(5)
    package var replyTimeout: TimeAmount = .seconds(30)
    let eventLoopGroup: any EventLoopGroup

    package init(settings: SMTPSettings, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.eventLoopGroup = eventLoopGroup
    }

    /// Sends `message`, RFC 5322 text such as `MailMessage.rendered(...)`, from `settings.from` to `recipients`.
    /// Throws `SMTPError` unless the server accepted it for every recipient.
    package func send(_ message: String, to recipients: [String]) async throws {
        let from = try Self.checkedAddress(settings.from)
        let recipients = try recipients.map(Self.checkedAddress)
        guard !recipients.isEmpty else { throw SMTPError(code: 0, text: "no recipient") }
        let replyTimeout = self.replyTimeout
        let channel: NIOAsyncChannel<SMTPReply, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(connectTimeout)
                .connect(host: settings.host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handlers = channel.pipeline.syncOperations
                        try handlers.addHandler(IdleStateHandler(readTimeout: replyTimeout))
                        try handlers.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        try handlers.addHandler(ReplyTimeoutHandler(timeout: replyTimeout))
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError(code: 0, text: "cannot connect to \(settings.host):\(settings.port) (\(error))")
        }
        let data = Self.dataBlock(message)
        let helo = MailFormat.oneLine(settings.heloName).replacingOccurrences(of: " ", with: "")
        try await channel.executeThenClose { inbound, outbound in
            var talk = Conversation(replies: inbound.makeAsyncIterator(), outbound: outbound)
            do {
                try await talk.expect([220], command: "")
                let ehlo = try await talk.send("EHLO \(helo)", accepting: [])
                if ehlo.code != 250 {
                    guard (500..<600).contains(ehlo.code) else { throw ehlo.error(command: "EHLO") }
                    try await talk.send("HELO \(helo)", accepting: [250])
                }
                try await talk.send("MAIL FROM:<\(from)>", accepting: [250], name: "MAIL FROM")
                for recipient in recipients {
                    try await talk.send("RCPT TO:<\(recipient)>", accepting: [250, 251], name: "RCPT TO")
                }
                try await talk.send("DATA", accepting: [354])
                try await outbound.write(data)
                try await talk.expect([250], command: "DATA (end of message)")
            } catch let error as SMTPError where error.code != 0 {
                // The server is still talking: say goodbye politely before hanging up.
                try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
                throw error
            }
            // The message is accepted; a failing goodbye does not undo that.
            _ = try? await talk.send("QUIT", accepting: [221])
        }
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

/// One SMTP reply: its code and its lines' texts (after the code and separator).
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]

    func error(command: String) -> SMTPError {
        SMTPError(code: code, text: lines.joined(separator: "\n"), command: command)
    }
}

/// The lock-step exchange: one command, one reply.
private struct Conversation {
    var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    /// Reads the next reply; throws unless its code is in `accepted` (any code when it is empty).
    @discardableResult
    mutating func expect(_ accepted: Set<Int>, command: String) async throws -> SMTPReply {
        guard let reply = try await replies.next() else {
            throw SMTPError(code: 0, text: "the server closed the connection", command: command)
        }
        if !accepted.isEmpty && !accepted.contains(reply.code) { throw reply.error(command: command) }
        return reply
    }

    /// Sends one command line and reads its reply; `name` is how errors call the command.
    @discardableResult
    mutating func send(_ line: String, accepting accepted: Set<Int>, name: String? = nil) async throws -> SMTPReply {
        try await outbound.write(ByteBuffer(string: line + "\r\n"))
        return try await expect(accepted, command: name ?? line)
    }
}

/// Turns bytes into replies, joining the lines of a multi-line reply (`250-…` up to `250 …`).
private struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 4096 { throw SMTPError(code: 0, text: "a reply line longer than 4096 bytes") }
            return .needMoreData
        }
        var line = buffer.readString(length: newline - buffer.readerIndex + 1) ?? ""
        while line.last == "\n" || line.last == "\r" || line.last == "\r\n" { line.removeLast() }
        let utf8 = Array(line.utf8)
        guard utf8.count >= 3, utf8[0..<3].allSatisfy({ (48...57).contains($0) }),
            utf8.count == 3 || utf8[3] == UInt8(ascii: " ") || utf8[3] == UInt8(ascii: "-")
        else { throw SMTPError(code: 0, text: "a malformed reply line: \(line.prefix(200).debugDescription)") }
        let code = Int(String(decoding: utf8[0..<3], as: UTF8.self))!
        lines.append(utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : "")
        if utf8.count > 3 && utf8[3] == UInt8(ascii: "-") { return .continue }
        context.fireChannelRead(Self.wrapInboundOut(SMTPReply(code: code, lines: lines)))
        lines = []
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}

/// Fails the conversation when no reply came for the idle handler's read timeout.
private final class ReplyTimeoutHandler: ChannelInboundHandler {
    typealias InboundIn = SMTPReply
    typealias InboundOut = SMTPReply
    let timeout: TimeAmount

    init(timeout: TimeAmount) { self.timeout = timeout }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            let seconds = timeout.nanoseconds / 1_000_000_000
            context.fireErrorCaught(SMTPError(code: 0, text: "no reply from the server within \(seconds) s"))
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
