import Foundation

/// The SMTP server tests send to. scripts/test runs one for the whole run and names it in
/// `FRESHGROUND_TEST_SMTP` (`smtp://127.0.0.1:PORT`) and `FRESHGROUND_TEST_MAILDIR` (where it writes each
/// message). Without them the first test that asks starts `scripts/smtp-sink.py` from `.venv` for this test
/// process, so a plain `swift test` works too; the sink stops when the test process ends.
enum TestMail {
    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// `smtp://…` for the app under test, or nil when no server is named and none can be started (the app then
    /// writes mail to its log).
    static var smtpURL: String? {
        if let url = environment["FRESHGROUND_TEST_SMTP"], !url.isEmpty { return url }
        return try? ownSink.get().url
    }

    /// `smtpURL`, or an error that says why there is none.
    static func requiredSMTPURL() throws -> String {
        if let url = environment["FRESHGROUND_TEST_SMTP"], !url.isEmpty { return url }
        return try ownSink.get().url
    }

    /// The directory the server writes messages into.
    static func maildir() throws -> String {
        if let url = environment["FRESHGROUND_TEST_SMTP"], !url.isEmpty {
            guard let directory = environment["FRESHGROUND_TEST_MAILDIR"], !directory.isEmpty else {
                throw MailboxError(
                    description: "FRESHGROUND_TEST_SMTP is set but FRESHGROUND_TEST_MAILDIR is not: set both "
                        + "(scripts/test does), or neither to let the tests start their own mail server"
                )
            }
            return directory
        }
        return try ownSink.get().directory
    }

    /// A sink started once for this process.
    private static let ownSink = Result { () throws(Python.Failure) -> Sink in try Sink.start() }

    /// `scripts/smtp-sink.py`, kept running by holding its standard input open.
    private final class Sink: @unchecked Sendable {
        let url: String
        let directory: String
        private let process: Process
        private let input: Pipe

        private init(url: String, directory: String, process: Process, input: Pipe) {
            self.url = url
            self.directory = directory
            self.process = process
            self.input = input
        }

        static func start() throws(Python.Failure) -> Sink {
            let python = Python.executable
            guard FileManager.default.isExecutableFile(atPath: python) else {
                throw Python.Failure.notInstalled("aiosmtpd", "no Python at \(python)")
            }
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("fg-mail-\(UUID().uuidString)").path
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let logPath = directory + "/sink.log"
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [
                Python.packageRoot.appendingPathComponent("scripts/smtp-sink.py").path,
                "--dir", directory, "--port", "0", "--exit-on-eof",
            ]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle(forWritingAtPath: logPath)
            do {
                try process.run()
            } catch {
                throw Python.Failure.notInstalled("aiosmtpd", "cannot run \(python): \(error)")
            }
            // A sink that never says it listens is stopped, which ends the read below.
            DispatchQueue.global().asyncAfter(deadline: .now() + 20) { [process] in
                if process.isRunning { process.terminate() }
            }
            var line = Data()
            let reader = output.fileHandleForReading
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                line.append(chunk)
            }
            let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.hasPrefix("listening on "), process.isRunning else {
                let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                throw Python.Failure(
                    description: "could not start scripts/smtp-sink.py (\(text)): \(log); run scripts/test once, "
                        + "or `.venv/bin/python -m pip install aiosmtpd`"
                )
            }
            let url = "smtp://" + text.dropFirst("listening on ".count)
            return Sink(url: url, directory: directory, process: process, input: input)
        }
    }
}
