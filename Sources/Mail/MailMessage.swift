import Foundation
import FreshgroundCore

/// One plain-text email to one person. Values are kept as given; `rendered(...)` makes them safe for the wire.
package struct MailMessage: Sendable, Equatable {
    /// The recipient's address, such as `ada@example.org`.
    package var to: String
    /// The recipient's display name; may be empty.
    package var toName: String
    package var subject: String
    /// Plain text in UTF-8; line breaks may be `\n` or `\r\n`.
    package var body: String
    /// Set when the message goes to a mailing list's subscriber: adds the list headers of RFC 2919 and the
    /// one-click unsubscribe of RFC 8058.
    package var list: MailingList?

    package init(to: String, toName: String = "", subject: String, body: String, list: MailingList? = nil) {
        self.to = to
        self.toName = toName
        self.subject = subject
        self.body = body
        self.list = list
    }

    /// The message as RFC 5322 text with CRLF line ends, ready for SMTP `DATA` (before dot-stuffing).
    ///
    /// Line breaks inside header values are replaced by spaces, so no value can add a header. Non-ASCII
    /// names and subjects become RFC 2047 encoded-words; the body is UTF-8 in quoted-printable.
    /// - Parameters:
    ///   - from: the sender's address.
    ///   - fromName: the sender's display name, such as the site's name; may be empty.
    ///   - date: when the message is written.
    ///   - messageID: a globally unique id, with or without the angle brackets.
    package func rendered(from: String, fromName: String = "", date: Date, messageID: String) -> String {
        var id = MailFormat.oneLine(messageID)
        if !id.hasPrefix("<") { id = "<\(id)>" }
        var lines = [
            "Date: \(MailFormat.date(date))",
            MailFormat.fold("From: " + MailFormat.mailbox(name: fromName, address: from)),
            MailFormat.fold("To: " + MailFormat.mailbox(name: toName, address: to)),
            MailFormat.unstructured("Subject", subject),
            "Message-ID: \(id)",
        ]
        if let list {
            let listID = MailFormat.oneLine(list.id).filter { !" <>".contains($0) }
            let url = MailFormat.oneLine(list.unsubscribeURL).filter { !" <>".contains($0) }
            lines += [
                MailFormat.fold("List-Id: " + MailFormat.mailbox(name: list.name, address: listID)),
                "List-Unsubscribe: <\(url)>",
                // RFC 8058: a mail client may unsubscribe with one POST to that address, without a page.
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
                "Precedence: list",
            ]
        }
        lines += [
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            // RFC 3834: vacation responders must not answer this.
            "Auto-Submitted: auto-generated",
            "",
        ]
        lines.append(MailFormat.quotedPrintable(body))
        return lines.joined(separator: "\r\n")
    }
}

/// The mailing list a message is sent on, for its `List-Id`, `List-Unsubscribe` and `List-Unsubscribe-Post`.
package struct MailingList: Sendable, Equatable {
    /// The list's name, such as the study series' title.
    package var name: String
    /// A dotted identifier unique to the list, such as `series-3.freshground.example` (RFC 2919).
    package var id: String
    /// The address that unsubscribes this recipient: a page on GET, done at once on POST.
    package var unsubscribeURL: String

    package init(name: String, id: String, unsubscribeURL: String) {
        self.name = name
        self.id = id
        self.unsubscribeURL = unsubscribeURL
    }
}

/// The pieces of RFC 5322, RFC 2045 and RFC 2047 that `MailMessage` needs, written by hand.
package enum MailFormat {
    /// Headers stay under this many characters a line where they can be folded.
    static let lineLimit = 78
    /// UTF-8 bytes per encoded-word: 39 bytes are 52 base64 characters, 64 with `=?utf-8?B?` and `?=`, so
    /// `Subject: ` plus one encoded-word stays under 78.
    static let encodedWordBytes = 39

    /// `value` on one line: CR, LF, tabs and other control characters become spaces (a CRLF pair one space).
    package static func oneLine(_ value: String) -> String {
        var result = String.UnicodeScalarView()
        var afterCR = false
        for scalar in value.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            if scalar == "\n" && afterCR { continue }
            result.append(scalar.properties.generalCategory == .control ? " " : scalar)
        }
        return String(result)
    }

    /// An RFC 1123/5322 date in UTC, such as `Sun, 22 Nov 2026 18:00:00 +0000`.
    package static func date(_ date: Date) -> String {
        let parts = CivilTime(epochSeconds: Int(date.timeIntervalSince1970.rounded(.down)))
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(CivilTime.weekdayNames[parts.weekday]), \(parts.day) \(months[parts.month - 1]) \(parts.year) "
            + "\(pad2(parts.hour)):\(pad2(parts.minute)):\(pad2(parts.second)) +0000"
    }

    private static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `name <address>`: an ASCII name as an atom phrase or a quoted string, any other as encoded-words.
    static func mailbox(name: String, address: String) -> String {
        let address = oneLine(address).replacingOccurrences(of: " ", with: "")
        let name = oneLine(name).trimmingCharacters(in: .whitespaces)
        if name.isEmpty { return address }
        let phrase: String
        if !isPrintableASCII(name) || name.contains("=?") {
            phrase = encodedWords(name).joined(separator: " ")
        } else if name.unicodeScalars.allSatisfy({ atext($0) || $0 == " " }) {
            phrase = name
        } else {
            phrase =
                "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        }
        return "\(phrase) <\(address)>"
    }

    /// An unstructured header such as `Subject`: folded at spaces when ASCII, else in encoded-words.
    static func unstructured(_ name: String, _ value: String) -> String {
        let value = oneLine(value)
        if isPrintableASCII(value) && !value.contains("=?") { return fold("\(name): \(value)") }
        return "\(name): " + encodedWords(value).joined(separator: "\r\n ")
    }

    /// Folds a header line before spaces so that lines stay under 78 characters where a space allows it; the
    /// space after the header's colon is never a fold point.
    static func fold(_ line: String) -> String {
        guard line.count > lineLimit else { return line }
        var lines: [Substring] = []
        var rest = Substring(line)
        var earliest = line.firstIndex(of: " ").map { line.index(after: $0) } ?? line.endIndex
        while rest.count > lineLimit {
            var space = rest.prefix(lineLimit).lastIndex(of: " ").flatMap { $0 > earliest ? $0 : nil }
            if space == nil, earliest < rest.endIndex {
                // A word longer than the limit: fold after it instead.
                space = rest[rest.index(after: earliest)...].firstIndex(of: " ")
            }
            guard let space else { break }
            lines.append(rest[..<space])
            rest = rest[space...]
            earliest = rest.startIndex
        }
        lines.append(rest)
        return lines.joined(separator: "\r\n")
    }

    /// RFC 2047 `B` encoded-words of at most 39 UTF-8 bytes each, never splitting a character's bytes.
    package static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > encodedWordBytes {
                words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk.removeAll(keepingCapacity: true)
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words
    }

    /// Quoted-printable (RFC 2045 §6.7) of `text` as UTF-8, with CRLF hard breaks and `=` soft breaks that keep
    /// every line within 76 characters. The text always ends with a line break.
    package static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var length = 0
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let literal =
                    (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                    || ((byte == 32 || byte == 9) && !isLast)
                let width = literal ? 1 : 3
                // Room for the soft break's `=` unless this is the line's last piece.
                let limit = isLast ? 76 : 75
                if length + width > limit {
                    out += [UInt8(ascii: "="), 13, 10]
                    length = 0
                }
                if literal {
                    out.append(byte)
                } else {
                    out += [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                }
                length += width
            }
            out += [13, 10]
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 32 && $0 < 127 }
    }

    /// RFC 5322 `atext`: the characters an unquoted word may hold.
    private static func atext(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { return true }
        return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
    }
}
