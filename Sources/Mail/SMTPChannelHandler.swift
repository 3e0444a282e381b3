import NIOCore
import NIOSSL
import NIOTLS

/// One SMTP reply: its code and its lines' texts (after the code and separator).
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]

    func error(command: String) -> SMTPError {
        SMTPError(code: code, text: lines.joined(separator: "\n"), command: command)
    }
}

/// What `SMTPChannelHandler` is given to write: a command's bytes and the promise for the reply to them (none
/// for a last `QUIT` nobody waits for).
struct SMTPExchange: Sendable {
    /// TLS to start once the server answers 220 to this `STARTTLS`.
    struct StartTLS: Sendable {
        let context: NIOSSLContext
        /// The name the certificate must hold; nil for an IP address, which the certificate is checked against.
        let serverHostname: String?
    }

    var bytes: ByteBuffer
    /// How errors name the command, such as `RCPT TO` (never the line itself, which may hold a password).
    var command: String
    var reply: EventLoopPromise<SMTPReply>?
    var startTLS: StartTLS? = nil
}

/// The SMTP side of a connection, lock-step: it writes one command, reads the reply (joining the lines of a
/// multi-line one) and completes that command's promise; the server's greeting completes the promise it is made
/// with. A reply that comes when no command waits ends the connection: the server, or someone in between, talking
/// out of turn.
///
/// After a 220 to `STARTTLS` it puts TLS in front of itself before it reads another byte, and refuses bytes that
/// came in clear behind that 220 (RFC 3207 §4.2): they could only be injected. `STARTTLS` is answered once the
/// TLS handshake is done, so a certificate refused fails `STARTTLS` itself.
final class SMTPChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = SMTPExchange
    typealias OutboundOut = ByteBuffer

    private struct Waiting {
        let command: String
        let reply: EventLoopPromise<SMTPReply>
        let startTLS: SMTPExchange.StartTLS?
        var timeout: Scheduled<Void>?
        /// The 220 to `STARTTLS`, handed on once the TLS handshake is done.
        var agreed: SMTPReply? = nil
    }

    private let replyTimeout: TimeAmount
    private var waiting: Waiting?
    private var received = ByteBuffer()
    private var lines: [String] = []
    /// Why the connection is no longer usable, once it is not: an `SMTPError`, or what NIO or TLS reported.
    private var failure: (any Error)?

    init(greeting: EventLoopPromise<SMTPReply>, replyTimeout: TimeAmount) {
        self.replyTimeout = replyTimeout
        waiting = Waiting(command: "greeting", reply: greeting, startTLS: nil)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        waiting?.timeout = scheduleTimeout(context: context)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        fail(SMTPError(code: 0, text: "the connection was closed", command: waiting?.command ?? ""))
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPError(code: 0, text: "the server closed the connection", command: waiting?.command ?? ""))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent, let current = waiting, let agreed = current.agreed {
            current.timeout?.cancel()
            waiting = nil
            current.reply.succeed(agreed)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        let busy = waiting.map { SMTPError(code: 0, text: "\(exchange.command) sent while \($0.command) waits") }
        if let error = failure ?? busy {
            exchange.reply?.fail(error)
            promise?.fail(error)
            return
        }
        if let reply = exchange.reply {
            waiting = Waiting(command: exchange.command, reply: reply, startTLS: exchange.startTLS)
            waiting?.timeout = scheduleTimeout(context: context)
        }
        context.writeAndFlush(wrapOutboundOut(exchange.bytes), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        received.writeBuffer(&bytes)
        do {
            while let reply = try nextReply() {
                try deliver(reply, context: context)
            }
            received.discardReadBytes()
        } catch {
            errorCaught(context: context, error: error)
        }
    }

    /// Reads lines up to the end of a reply; nil when the reply is not complete yet.
    private func nextReply() throws -> SMTPReply? {
        while let newline = received.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            var line = received.readString(length: newline - received.readerIndex + 1) ?? ""
            while line.last == "\n" || line.last == "\r" || line.last == "\r\n" { line.removeLast() }
            let utf8 = Array(line.utf8)
            guard utf8.count >= 3, utf8[0..<3].allSatisfy({ (48...57).contains($0) }),
                utf8.count == 3 || utf8[3] == UInt8(ascii: " ") || utf8[3] == UInt8(ascii: "-")
            else { throw SMTPError(code: 0, text: "a malformed reply line: \(line.prefix(200).debugDescription)") }
            lines.append(utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : "")
            if utf8.count > 3 && utf8[3] == UInt8(ascii: "-") {
                if lines.count > 1000 { throw SMTPError(code: 0, text: "a reply of more than 1000 lines") }
                continue
            }
            defer { lines = [] }
            return SMTPReply(code: Int(String(decoding: utf8[0..<3], as: UTF8.self))!, lines: lines)
        }
        if received.readableBytes > 4096 { throw SMTPError(code: 0, text: "a reply line longer than 4096 bytes") }
        return nil
    }

    /// Completes the waiting command with `reply`, starting TLS first when that command was `STARTTLS`.
    private func deliver(_ reply: SMTPReply, context: ChannelHandlerContext) throws {
        guard let current = waiting else {
            let text = "\(reply.code) \(reply.lines.joined(separator: " "))".prefix(200)
            throw SMTPError(code: 0, text: "the server sent a reply no command asked for: \(text.debugDescription)")
        }
        guard current.agreed == nil else {
            throw SMTPError(code: 0, text: "the server sent a reply in the middle of the TLS handshake")
        }
        current.timeout?.cancel()
        if let startTLS = current.startTLS, reply.code == 220 {
            guard received.readableBytes == 0 else {
                throw SMTPError(
                    code: 0,
                    text: "the server sent more in clear after agreeing to STARTTLS; refused, as someone may be "
                        + "tampering with the connection",
                    command: current.command
                )
            }
            // STARTTLS waits on for the handshake.
            waiting?.agreed = reply
            waiting?.timeout = scheduleTimeout(context: context)
            let tls = try NIOSSLClientHandler(context: startTLS.context, serverHostname: startTLS.serverHostname)
            try context.pipeline.syncOperations.addHandler(tls, position: .first)
            return
        }
        waiting = nil
        current.reply.succeed(reply)
    }

    /// Fails the waiting command, if any, and every later one.
    private func fail(_ error: any Error) {
        var error = error
        if let smtp = error as? SMTPError, smtp.command.isEmpty, let command = waiting?.command {
            error = SMTPError(code: smtp.code, text: smtp.text, command: command)
        }
        failure = failure ?? error
        guard let current = waiting else { return }
        waiting = nil
        current.timeout?.cancel()
        current.reply.fail(error)
    }

    private func scheduleTimeout(context: ChannelHandlerContext) -> Scheduled<Void> {
        context.eventLoop.assumeIsolated().scheduleTask(in: replyTimeout) { [self] in
            let seconds = replyTimeout.nanoseconds / 1_000_000_000
            let command = waiting?.command ?? ""
            fail(SMTPError(code: 0, text: "no reply from the server within \(seconds) s", command: command))
            context.close(promise: nil)
        }
    }
}
