import Foundation

/// A message the test mail server received, decoded to plain text.
struct ReceivedMail: Sendable {
    /// The address in `To:`.
    let to: String
    /// The display name in `To:`, decoded; empty when there is none.
    let toName: String
    /// The address in `From:`.
    let from: String
    /// The envelope recipients (`RCPT TO`).
    let envelopeTo: [String]
    /// `Subject:` unfolded and decoded.
    let subject: String
    /// The body decoded from its transfer encoding, with `\n` line breaks and without the final one.
    let body: String
    /// The message exactly as the server received it (after dot-unstuffing), CRLF line ends and all.
    let raw: String
    /// The header lines, unfolded, in order; values as written (not decoded).
    let headers: [Header]

    struct Header: Sendable {
        let name: String
        let value: String
    }

    /// The first header called `name` (any case), as written.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Why `Mailbox` found no mail: too few messages arrived in time, or no mail directory is known.
struct MailboxError: Error, CustomStringConvertible {
    let description: String
}

/// Reads what the test mail server received. The server is the one named by `FRESHGROUND_TEST_SMTP`, writing
/// into `FRESHGROUND_TEST_MAILDIR` (scripts/test starts one for the whole run), or else one `TestMail` starts
/// for this test process.
enum Mailbox {
    /// Every message for `address` (envelope or `To:`, any case), oldest first, waiting up to `seconds` until at
    /// least `count` of them match `expected` (any message by default). Wait for the message the test is about,
    /// not for a number of messages: an earlier message to the same address would end the wait before the
    /// expected one is delivered, which fails only when the machine is slow. The wait is long because it ends as
    /// soon as the mail is there; on a loaded machine delivery (with its retries) can take several seconds.
    static func messages(
        to address: String,
        count: Int = 1,
        where expected: (ReceivedMail) -> Bool = { _ in true },
        waitingUpTo seconds: Double = 60
    ) async throws
        -> [ReceivedMail]
    {
        let directory = try TestMail.maildir()
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let found = try read(directory, mentioning: address).filter { $0.isFor(address) }
            if found.filter(expected).count >= count { return found }
            if Date() > deadline {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
                let total = names.filter { $0.hasSuffix(".eml") }.count
                throw MailboxError(
                    description: "\(found.count) of \(count) expected messages to \(address) arrived within "
                        + "\(seconds) s (\(directory) holds \(total) messages in all)"
                )
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The messages for `address` that have arrived so far, oldest first, without waiting.
    static func messagesSoFar(to address: String) throws -> [ReceivedMail] {
        try read(TestMail.maildir(), mentioning: address).filter { $0.isFor(address) }
    }

    /// The http and https links in a text, in order, without trailing punctuation.
    static func links(in body: String) -> [String] {
        body.matches(of: /https?:\/\/[^\s<>"']+/).map { match in
            var link = Substring(match.output)
            while let last = link.last, ".,;:!?)]".contains(last) { link.removeLast() }
            return String(link)
        }
    }

    /// The messages in `directory` that mention `address` anywhere (all when it is nil), oldest first.
    private static func read(_ directory: String, mentioning address: String? = nil) throws -> [ReceivedMail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".eml") }
        return try names.sorted().compactMap { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
            // A cheap look before parsing: the shared directory of a scripts/test run holds every test's mail.
            if let address, String(decoding: data, as: UTF8.self).range(of: address, options: .caseInsensitive) == nil {
                return nil
            }
            return MailDecoding.parse(data)
        }
    }
}

extension ReceivedMail {
    fileprivate func isFor(_ address: String) -> Bool {
        to.caseInsensitiveCompare(address) == .orderedSame
            || envelopeTo.contains { $0.caseInsensitiveCompare(address) == .orderedSame }
    }
}

/// Undoes what a mail writer does: folded headers, RFC 2047 encoded-words, quoted-printable and base64.
enum MailDecoding {
    /// Reads a file of the sink: two `X-Envelope-` lines, then the message as received.
    static func parse(_ data: Data) -> ReceivedMail {
        let text = String(decoding: data, as: UTF8.self)
        var envelopeTo: [String] = []
        var raw = Substring(text)
        while raw.hasPrefix("X-Envelope-"), let end = raw.firstIndex(of: "\r\n") {
            let line = raw[..<end]
            if line.hasPrefix("X-Envelope-To: ") {
                envelopeTo = line.dropFirst("X-Envelope-To: ".count).split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
            }
            raw = raw[raw.index(after: end)...]
        }
        let separator = raw.range(of: "\r\n\r\n") ?? raw.range(of: "\n\n")
        let head = separator.map { raw[..<$0.lowerBound] } ?? raw
        let bodyText = separator.map { raw[$0.upperBound...] } ?? ""
        let headers = unfold(String(head))
        func value(_ name: String) -> String {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value ?? ""
        }
        let (toName, to) = mailbox(value("To"))
        let encoding = value("Content-Transfer-Encoding").lowercased()
        var body: String
        switch encoding {
        case "quoted-printable": body = String(decoding: quotedPrintable(String(bodyText)), as: UTF8.self)
        case "base64":
            let compact = bodyText.filter { !$0.isWhitespace }
            body = String(decoding: Data(base64Encoded: String(compact)) ?? Data(), as: UTF8.self)
        default: body = String(bodyText)
        }
        body = body.replacingOccurrences(of: "\r\n", with: "\n")
        if body.hasSuffix("\n") { body.removeLast() }
        return ReceivedMail(
            to: to,
            toName: toName,
            from: mailbox(value("From")).address,
            envelopeTo: envelopeTo,
            subject: decodeWords(value("Subject")),
            body: body,
            raw: String(raw),
            headers: headers
        )
    }

    /// Header lines with continuation lines joined (the CRLF removed, the white space kept).
    static func unfold(_ head: String) -> [ReceivedMail.Header] {
        var headers: [ReceivedMail.Header] = []
        var current = ""
        for line in head.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n") {
            if line.first == " " || line.first == "\t" {
                current += line
                continue
            }
            if !current.isEmpty { headers.append(header(current)) }
            current = String(line)
        }
        if !current.isEmpty { headers.append(header(current)) }
        return headers
    }

    private static func header(_ line: String) -> ReceivedMail.Header {
        guard let colon = line.firstIndex(of: ":") else { return .init(name: line, value: "") }
        return .init(
            name: String(line[..<colon]),
            value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        )
    }

    /// `Name <address>`, `"Name" <address>` or a bare address.
    static func mailbox(_ value: String) -> (name: String, address: String) {
        guard let open = value.lastIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close else {
            return ("", value.trimmingCharacters(in: .whitespaces))
        }
        var name = decodeWords(String(value[..<open])).trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
            name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
                .replacingOccurrences(of: "\\\\", with: "\\")
        }
        return (name, String(value[value.index(after: open)..<close]))
    }

    /// Decodes RFC 2047 encoded-words (UTF-8 or ASCII, `B` or `Q`); space between two of them is dropped.
    static func decodeWords(_ value: String) -> String {
        let word = /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/
        var result = ""
        var rest = Substring(value)
        var afterWord = false
        while let match = rest.firstMatch(of: word) {
            let between = rest[..<match.range.lowerBound]
            if !(afterWord && between.allSatisfy(\.isWhitespace)) { result += between }
            let (_, _, kind, payload) = match.output
            let bytes: Data
            if kind.lowercased() == "b" {
                bytes = Data(base64Encoded: String(payload)) ?? Data()
            } else {
                bytes = quotedPrintable(payload.replacingOccurrences(of: "_", with: " "))
            }
            result += String(decoding: bytes, as: UTF8.self)
            rest = rest[match.range.upperBound...]
            afterWord = true
        }
        return result + rest
    }

    /// The bytes of a quoted-printable text: `=XX` decoded, `=` at a line's end (a soft break) removed.
    static func quotedPrintable(_ text: String) -> Data {
        let bytes = Array(text.utf8)
        var out = Data()
        var index = 0
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: byte - 48
            case 65...70: byte - 55
            case 97...102: byte - 87
            default: nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "=") else {
                out.append(byte)
                index += 1
                continue
            }
            if index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 {
                index += 3
            } else if index + 1 < bytes.count, bytes[index + 1] == 10 {
                index += 2
            } else if index + 2 < bytes.count, let high = hexValue(bytes[index + 1]),
                let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }
}
