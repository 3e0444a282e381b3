import Foundation
import FreshgroundWeb
import Mail
import Synchronization
import Testing

/// Keeps what it is asked to send; fails every time with a temporary error when `failing`.
final class RecordingMailer: Mailer {
    private let messages = Mutex<[MailMessage]>([])
    let failing: Bool

    init(failing: Bool) { self.failing = failing }

    var sent: [MailMessage] { messages.withLock { $0 } }

    func send(_ message: MailMessage) async throws {
        try await Task.sleep(for: .milliseconds(5))
        messages.withLock { $0.append(message) }
        if failing { throw SMTPError(code: 451, text: "try again later", command: "DATA") }
    }
}

/// A mailer whose sends wait until `release()`, standing for a mail server that takes minutes to answer; the
/// messages it was handed are in `sent`, whether or not released yet.
final class HeldMailer: Mailer {
    private let messages = Mutex<[MailMessage]>([])
    private let released = Mutex(false)

    var sent: [MailMessage] { messages.withLock { $0 } }

    func release() { released.withLock { $0 = true } }

    func send(_ message: MailMessage) async throws {
        messages.withLock { $0.append(message) }
        while !released.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
    }
}

/// A scripted SMTP server in Python for what aiosmtpd will not do: `helo` refuses EHLO, answers MAIL FROM in
/// two lines and prints every line it read when the client quits or hangs up; `inject` offers STARTTLS and sends
/// a second reply in clear right behind its 220 to it, as someone in between could; `silent` accepts and stays
/// silent for ten seconds, far longer than the client's timeout in the test, then hangs up.
final class FakeSMTPServer: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let output: Pipe

    private init(port: Int, process: Process, output: Pipe) {
        self.port = port
        self.process = process
        self.output = output
    }

    static func start(_ mode: String) throws -> FakeSMTPServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Python.executable)
        process.arguments = ["-c", script, mode]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var first = Data()
        while !first.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            first.append(chunk)
        }
        let port = Int(String(decoding: first, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        return FakeSMTPServer(port: try #require(port), process: process, output: output)
    }

    /// Ends the server at once. (SIGKILL: the test process's children do not always die of SIGTERM, and a
    /// `silent` server sleeping out its ten seconds made the timeout test take ten seconds, not one.)
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The lines the server read, once it has ended.
    func transcript() throws -> [String] {
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode([String].self, from: data)
    }

    private static let script = """
        import json, socket, sys, time
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        server.settimeout(20)
        print(server.getsockname()[1], flush=True)
        connection, _ = server.accept()
        if sys.argv[1] == "silent":
            time.sleep(10)
            print("[]")
            sys.exit(0)
        reader = connection.makefile("rb")
        lines = []
        def answer(text):
            connection.sendall(text.encode() + b"\\r\\n")
        def read():
            line = reader.readline().decode()
            if not line:
                print(json.dumps(lines))
                sys.exit(0)
            if not line.endswith("\\r\\n"):
                raise SystemExit("a line without CRLF: " + repr(line))
            lines.append(line[:-2])
            return line[:-2]
        answer("220 fake.test ready")
        replies = {"EHLO": "502 5.5.2 no EHLO here", "HELO": "250 fake.test", "MAIL": "250-first line\\r\\n250 ok",
                   "RCPT": "250 ok", "DATA": "354 go ahead", "QUIT": "221 bye"}
        if sys.argv[1] == "inject":
            replies.update({"EHLO": "250-fake.test\\r\\n250 STARTTLS", "STAR": "220 go ahead\\r\\n250 injected"})
        while True:
            command = read()
            answer(replies[command[:4]])
            if command == "DATA":
                while read() != ".":
                    pass
                answer("250 queued")
            if command == "QUIT":
                break
        print(json.dumps(lines))
        """
}
