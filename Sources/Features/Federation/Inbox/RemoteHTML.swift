import Foundation

/// Turns HTML from another server into the safe Markdown subset this site stores and renders (`Markdown.html`),
/// keeping only a small allowlist: paragraphs and line breaks, headings, lists, quotes, code, emphasis and links
/// to `http(s)`. Every other tag is dropped, and the content of scripts, styles, frames and the like with it;
/// entities are decoded and Markdown's own signs in the text escaped. Since the renderer escapes every byte it does
/// not write itself, nothing remote can become markup here, whatever the input.
enum RemoteHTML {
    /// Tags whose content is dropped with them.
    static let dropped: Set<String> = [
        "script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math", "head", "title",
        "textarea", "select", "button", "form", "canvas", "audio", "video",
    ]

    static func markdown(_ html: String, limit: Int = 100_000) -> String {
        var out = ""
        var skipping: String?
        var link: String?
        var index = html.startIndex
        // `utf8.count` is kept by the string, where `count` would walk it on every turn.
        while index < html.endIndex, out.utf8.count < limit {
            let character = html[index]
            guard character == "<" else {
                let end = html[index...].firstIndex(of: "<") ?? html.endIndex
                if skipping == nil { out += escaped(decoded(String(html[index..<end]))) }
                index = end
                continue
            }
            guard let close = html[index...].firstIndex(of: ">") else { break }
            let tag = Tag(String(html[html.index(after: index)..<close]))
            index = html.index(after: close)
            if let skipped = skipping {
                if tag.closing && tag.name == skipped { skipping = nil }
                continue
            }
            if dropped.contains(tag.name) {
                if !tag.closing && !tag.selfClosing { skipping = tag.name }
                continue
            }
            switch (tag.name, tag.closing) {
            case ("p", _), ("div", _), ("section", _), ("article", _), ("table", _), ("tr", _), ("ul", _), ("ol", _):
                out += "\n\n"
            case ("br", _): out += "\n"
            case ("hr", false): out += "\n\n---\n\n"
            case ("li", false): out += "\n- "
            case ("blockquote", false): out += "\n\n> "
            case ("blockquote", true): out += "\n\n"
            case ("h1", false), ("h2", false), ("h3", false): out += "\n\n# "
            case ("h4", false), ("h5", false), ("h6", false): out += "\n\n## "
            case ("h1", true), ("h2", true), ("h3", true), ("h4", true), ("h5", true), ("h6", true): out += "\n\n"
            case ("strong", _), ("b", _): out += "**"
            case ("em", _), ("i", _): out += "*"
            case ("code", _): out += "`"
            case ("a", false):
                link = tag.href.flatMap { Self.isWebLink($0) ? $0 : nil }
                if link != nil { out += "[" }
            case ("a", true):
                if let href = link { out += "](\(href.replacingOccurrences(of: ")", with: "%29")))" }
                link = nil
            default: break
            }
        }
        if let href = link { out += "](\(href.replacingOccurrences(of: ")", with: "%29")))" }
        return tidy(String(out.prefix(limit)))
    }

    /// The text alone, on one line: for names and titles.
    static func text(_ html: String, limit: Int) -> String {
        var out = ""
        var index = html.startIndex
        while index < html.endIndex {
            if html[index] == "<" {
                guard let close = html[index...].firstIndex(of: ">") else { break }
                index = html.index(after: close)
                out += " "
            } else {
                let end = html[index...].firstIndex(of: "<") ?? html.endIndex
                out += html[index..<end]
                index = end
            }
        }
        let words = decoded(out).split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        return String(words.joined(separator: " ").prefix(limit))
    }

    static func isWebLink(_ address: String) -> Bool {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), url.host != nil else {
            return false
        }
        return scheme == "http" || scheme == "https"
    }

    /// Text with Markdown's signs escaped, and runs of blank space made one space.
    private static func escaped(_ text: String) -> String {
        var out = ""
        var lastWasSpace = false
        for character in text {
            if character.isWhitespace || character.isNewline {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            if "\\`*_[]#>-!|".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// The named and numbered character references HTML text uses most; any other is left as it is written.
    static func decoded(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";"), let value = reference(String(after[..<semi])) {
                out += value
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "hellip": "…", "mdash": "—",
        "ndash": "–", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“",
    ]

    /// What `&name;` stands for: a named reference above, or a number; nil for any other.
    private static func reference(_ name: String) -> String? {
        if let value = named[name] { return value }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let number = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        guard let number else { return nil }
        guard number != 0, let scalar = Unicode.Scalar(number) else { return "\u{FFFD}" }
        return String(Character(scalar))
    }

    /// Lines trimmed and at most one blank line between blocks.
    private static func tidy(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty && (lines.last?.isEmpty ?? true) { continue }
            lines.append(trimmed)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// One tag as written between `<` and `>`: its name in lowercase, whether it closes or closes itself, and the
    /// `href` it gives.
    struct Tag {
        let name: String
        let closing: Bool
        let selfClosing: Bool
        let href: String?

        init(_ inside: String) {
            var body = Substring(inside)
            closing = body.hasPrefix("/")
            if closing { body = body.dropFirst() }
            selfClosing = body.hasSuffix("/")
            name = String(body.prefix { $0.isLetter || $0.isNumber }).lowercased()
            // Only a link's address is read, and only for a link: the pattern is the costly part of a tag.
            if name == "a", let match = body.firstMatch(of: #/(?i)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/#) {
                let raw = match.output.1 ?? match.output.2 ?? match.output.3 ?? ""
                href = RemoteHTML.decoded(String(raw)).trimmingCharacters(in: .whitespaces)
            } else {
                href = nil
            }
        }
    }
}
