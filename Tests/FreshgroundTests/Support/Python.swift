import Foundation
import Synchronization

/// Runs the project's Python (`.venv/bin/python`, which scripts/test fills with feedparser, icalendar and
/// aiosmtpd) for the checks that read our output the way other programs do. `FRESHGROUND_PYTHON` names another
/// Python to use.
enum Python {
    /// The exit status the inline scripts use when their `import` fails.
    static let missingModuleStatus: Int32 = 3

    /// The package root, four levels above this file (`Tests/FreshgroundTests/Support/Python.swift`).
    static var packageRoot: URL {
        var root = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { root.deleteLastPathComponent() }
        return root
    }

    static var executable: String {
        ProcessInfo.processInfo.environment["FRESHGROUND_PYTHON"]
            ?? packageRoot.appendingPathComponent(".venv/bin/python").path
    }

    /// What a finished script left.
    struct Result {
        let status: Int32
        let output: Data
        let errors: String
    }

    /// Why a Python check could not run.
    struct Failure: Error, CustomStringConvertible {
        let description: String

        /// `module` is missing: says how to install it.
        static func notInstalled(_ module: String, _ detail: String) -> Failure {
            Failure(
                description: "\(module) is not installed: run scripts/test once (it installs it into .venv), or "
                    + "`.venv/bin/python -m pip install \(module)` (\(detail))"
            )
        }
    }

    /// Runs `script` (`python -c`) with `input` on its standard input and waits for it. `module` is the
    /// package the script needs, named in the error when Python cannot be started.
    static func run(_ script: String, input: Data, needing module: String) throws -> Result {
        let python = executable
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure.notInstalled(module, "no Python at \(python)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw Failure.notInstalled(module, "cannot run \(python): \(error)")
        }

        // Feed stdin and drain stderr on other threads while this one drains stdout, so no pipe fills up.
        let writer = stdin.fileHandleForWriting
        let errorReader = stderr.fileHandleForReading
        let errorText = Collected()
        let helpers = DispatchGroup()
        DispatchQueue.global().async(group: helpers) {
            try? writer.write(contentsOf: input)
            try? writer.close()
        }
        DispatchQueue.global().async(group: helpers) {
            let data = errorReader.readDataToEndOfFile()
            errorText.data.withLock { $0 = data }
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        helpers.wait()
        process.waitUntilExit()
        let errors = errorText.data.withLock { String(decoding: $0, as: UTF8.self) }
        if process.terminationStatus == missingModuleStatus {
            throw Failure.notInstalled(module, "\(python) cannot import it")
        }
        return Result(status: process.terminationStatus, output: output, errors: errors)
    }

    /// Bytes read on another thread.
    private final class Collected: Sendable {
        let data = Mutex(Data())
    }
}
