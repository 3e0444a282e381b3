import Foundation
import Mail
import Testing

/// `scripts/smtp-tls-sink.py` for one test: an SMTP server on aiosmtpd that wants STARTTLS (or speaks TLS from
/// the first byte) and a login, with a self-signed certificate `openssl` makes for it. It counts connections and
/// writes each message with how it came (connection, login, TLS). `stop()` ends it and removes what it wrote; it
/// also ends with the test process, whose end closes its standard input.
final class TLSSink: @unchecked Sendable {
    static let user = "mailer@example.org"
    /// Characters that must be percent-encoded in a URL, to check they are decoded.
    static let password = "p@ss wörd:/1%"

    let port: Int
    let directory: String
    /// The server's self-signed certificate, which clients trust through `caFile`.
    let certificate: TestCertificate
    private let process: Process
    private let input: Pipe

    private init(port: Int, directory: String, certificate: TestCertificate, process: Process, input: Pipe) {
        self.port = port
        self.directory = directory
        self.certificate = certificate
        self.process = process
        self.input = input
    }

    /// - Parameters:
    ///   - mode: `starttls`, `implicit` (smtps) or `plain` (neither TLS nor a login on offer).
    ///   - excluding: AUTH mechanisms not to offer.
    ///   - closeAfter: messages a connection takes before the server answers 421 and closes it; 0 for no limit.
    static func start(_ mode: String = "starttls", excluding: [String] = [], closeAfter: Int = 0) throws -> TLSSink {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fg-tls-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let certificate = try TestCertificate.make(in: directory)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Python.executable)
        process.arguments =
            [
                Python.packageRoot.appendingPathComponent("scripts/smtp-tls-sink.py").path, "--dir", directory,
                "--cert", certificate.certificate, "--key", certificate.key, "--mode", mode, "--user", user,
                "--password", password, "--close-after", "\(closeAfter)", "--exit-on-eof",
            ] + excluding.flatMap { ["--exclude-auth", $0] }
        let logPath = directory + "/sink.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("listening on "), let port = text.split(separator: ":").last.flatMap({ Int($0) }) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw MailboxError(description: "scripts/smtp-tls-sink.py did not start (\(text.debugDescription)): \(log)")
        }
        return TLSSink(port: port, directory: directory, certificate: certificate, process: process, input: input)
    }

    /// Ends the server now and removes what it wrote.
    func stop() {
        try? input.fileHandleForWriting.close()
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Settings for this server from `url` (`PORT` in it becomes the port), trusting its certificate unless told
    /// not to.
    func settings(_ url: String, trusting: Bool = true) throws -> SMTPSettings {
        let url = url.replacingOccurrences(of: "PORT", with: "\(port)")
        var settings = try #require(SMTPSettings(url: url, from: "freshground@example.org"))
        if trusting { settings.caFile = certificate.certificate }
        return settings
    }

    /// `user:password` for a URL, percent-encoded.
    static func login(password: String = password) -> String {
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        return "\(encode(user)):\(encode(password))"
    }

    /// What the server logged: `connect N`, `starttls N`, `auth N MECHANISM ok|refused`, `mail N ADDRESS`.
    var events: [String] {
        let text = (try? String(contentsOfFile: directory + "/events.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// How many connections the server took.
    var connections: Int { events.filter { $0.hasPrefix("connect ") }.count }

    /// The messages received so far, oldest first. (Each is written before the server's 250, so a message the
    /// client saw accepted is here.)
    func received() throws -> [Received] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return try names.filter { $0.hasSuffix(".eml") }.sorted().map { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
            var envelope: [String: String] = [:]
            for line in String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n").prefix(3) {
                guard let colon = line.firstIndex(of: ":") else { continue }
                envelope[String(line[..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(
                    in: .whitespaces
                )
            }
            var session: [String: String] = [:]
            for pair in (envelope["X-Envelope-Session"] ?? "").split(separator: " ") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { session[parts[0]] = parts[1] }
            }
            return Received(
                mail: MailDecoding.parse(data),
                envelopeFrom: envelope["X-Envelope-From"] ?? "",
                connection: Int(session["connection"] ?? "") ?? 0,
                auth: session["auth"] ?? "",
                tls: session["tls"] ?? ""
            )
        }
    }

    struct Received {
        let mail: ReceivedMail
        /// `MAIL FROM`.
        let envelopeFrom: String
        /// The number of the connection it came through, from 1.
        let connection: Int
        /// `MECHANISM:user`, or `None` without a login.
        let auth: String
        /// The TLS version, such as `TLSv1.3`, or `none`.
        let tls: String
    }
}

/// A self-signed certificate for `localhost` and 127.0.0.1 with its key, for tests only.
struct TestCertificate: Sendable {
    let certificate: String
    let key: String

    /// Makes one with openssl, as `cert.pem` and `key.pem` in `directory`.
    static func make(in directory: String) throws -> TestCertificate {
        let made = TestCertificate(certificate: directory + "/cert.pem", key: directory + "/key.pem")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-days", "2", "-subj", "/CN=Freshground test SMTP", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", made.key, "-out", made.certificate,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw MailboxError(description: "openssl could not make a test certificate: is openssl installed?")
        }
        return made
    }
}
