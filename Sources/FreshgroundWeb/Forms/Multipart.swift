import Foundation

/// A file sent in a `multipart/form-data` body, such as a recording chosen in an upload form. A file that came
/// through the server is on disk (spooled as it arrived, `UploadStream`); one parsed from bytes in hand is in memory.
package struct MultipartFile: Sendable, Equatable {
    package enum Storage: Sendable, Equatable {
        case memory([UInt8])
        case disk(path: String, size: Int)
    }

    package let field: String
    /// The last path component only: old browsers sent the whole local path, which is nobody's business here.
    package let filename: String
    package let contentType: String
    package let storage: Storage

    package init(field: String, filename: String, contentType: String, bytes: [UInt8]) {
        self.init(field: field, filename: filename, contentType: contentType, storage: .memory(bytes))
    }

    package init(field: String, filename: String, contentType: String, storage: Storage) {
        self.field = field
        self.filename = filename
        self.contentType = contentType
        self.storage = storage
    }

    package var size: Int {
        switch storage {
        case .memory(let bytes): return bytes.count
        case .disk(_, let size): return size
        }
    }

    /// The whole content, read into memory: for small files only (a CSV of people), after checking `size`.
    package var bytes: [UInt8] {
        switch storage {
        case .memory(let bytes): return bytes
        case .disk(let path, _): return FileManager.default.contents(atPath: path).map { Array($0) } ?? []
        }
    }

    /// Puts the content at `path`: a spooled file is moved (no copy through memory), one in memory is written.
    package func store(at path: String) throws {
        switch storage {
        case .memory(let bytes):
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                throw AppError.badRequest("The file could not be stored; please try again.")
            }
        case .disk(let spooled, _):
            try FileManager.default.moveItem(atPath: spooled, toPath: path)
        }
    }
}

/// A `multipart/form-data` body (RFC 7578), read strictly: anything that does not parse is refused rather than
/// guessed at, so an upload is stored exactly as sent or not at all.
package struct MultipartForm: Sendable {
    package let fields: FormData
    /// Only the file inputs where a file was chosen; an empty file input still sends a part, with `filename=""`.
    package let files: [MultipartFile]

    static let malformed = AppError.badRequest("The upload could not be read; please try again.")
    static let notUTF8 = AppError.badRequest(
        "The form contained text that is not valid UTF-8. Please retype it and send again."
    )

    /// The boundary of a `multipart/form-data; boundary=…` header value, quoted or not; nil for any other type or
    /// for a boundary RFC 2046 does not allow.
    package static func boundary(fromContentType contentType: String) -> String? {
        guard let header = parameters(of: ArraySlice(contentType.utf8)), header.type == "multipart/form-data",
            let boundary = header.values["boundary"], isValid(boundary: Array(boundary.utf8))
        else { return nil }
        return boundary
    }

    package init(body: [UInt8], boundary: String) throws(AppError) {
        guard Self.isValid(boundary: Array(boundary.utf8)) else { throw Self.malformed }
        let scan = DelimiterScan(body: body, delimiter: Array("\r\n--\(boundary)".utf8))
        // The first boundary may open the body without a CRLF before it; anything before it is preamble.
        var line: (next: Int, closes: Bool)
        if body.starts(with: scan.delimiter.dropFirst(2)), let opening = scan.lineEnd(after: scan.delimiter.count - 2) {
            line = opening
        } else if let found = scan.next(from: 0) {
            line = (found.next, found.closes)
        } else {
            throw Self.malformed
        }
        var pairs: [(String, String)] = []
        var files: [MultipartFile] = []
        while !line.closes {
            guard let end = scan.next(from: line.next) else { throw Self.malformed }
            try Self.read(part: body[line.next..<end.start], pairs: &pairs, files: &files)
            line = (end.next, end.closes)
        }
        self.fields = FormData(pairs)
        self.files = files
    }

    /// One part: headers up to the first blank line, then the content as sent.
    private static func read(
        part: ArraySlice<UInt8>,
        pairs: inout [(String, String)],
        files: inout [MultipartFile]
    ) throws(AppError) {
        guard let blank = part.firstRange(of: Array("\r\n\r\n".utf8)) else { throw malformed }
        let head = try Self.head(part[..<blank.lowerBound])
        let content = part[blank.upperBound...]
        switch head.kind {
        case .emptyFileInput: return
        case .file(let filename):
            files.append(
                MultipartFile(
                    field: head.name,
                    filename: filename,
                    contentType: head.contentType,
                    bytes: Array(content)
                )
            )
        case .text:
            guard let text = String(validating: content, as: UTF8.self) else { throw notUTF8 }
            pairs.append((head.name, text))
        }
    }

    /// What a part's headers say it is.
    struct PartHead {
        enum Kind {
            case text
            case file(String)
            case emptyFileInput
        }
        let name: String
        let kind: Kind
        let contentType: String
    }

    /// Reads a part's header lines (CRLF-separated, without the blank line) strictly.
    static func head(_ head: ArraySlice<UInt8>) throws(AppError) -> PartHead {
        // Browsers send field names and filenames as raw UTF-8; checking once makes every decode below lossless.
        guard String(validating: head, as: UTF8.self) != nil else { throw notUTF8 }
        var disposition: (type: String, values: [String: String])?
        var contentType = ""
        for line in head.split(separator: Array("\r\n".utf8)) {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { throw malformed }
            let value = trimmed(line[(colon + 1)...])
            switch String(decoding: line[..<colon], as: UTF8.self).lowercased() {
            case "content-disposition":
                guard disposition == nil, let parsed = parameters(of: value) else { throw malformed }
                disposition = parsed
            case "content-type":
                contentType = String(decoding: value, as: UTF8.self)
            default:
                continue  // RFC 7578 allows no other headers that change the meaning; ignore the rest
            }
        }
        guard let disposition, disposition.type == "form-data", let name = disposition.values["name"], !name.isEmpty
        else { throw malformed }
        let type = contentType.isEmpty ? "application/octet-stream" : contentType
        guard let sent = disposition.values["filename"] else {
            return PartHead(name: name, kind: .text, contentType: type)
        }
        let filename = String(sent.reversed().prefix { $0 != "/" && $0 != "\\" }.reversed())
        return PartHead(name: name, kind: filename.isEmpty ? .emptyFileInput : .file(filename), contentType: type)
    }

    /// Reads `type; name=value; name="quoted \"value\""`, lowercasing the type and the parameter names. Nil when
    /// the syntax is broken or a parameter repeats, so a strict reader never has to pick one.
    static func parameters(of value: ArraySlice<UInt8>) -> (type: String, values: [String: String])? {
        let semicolon = UInt8(ascii: ";")
        var rest = value.drop { $0 != semicolon }
        let type = String(decoding: trimmed(value[..<rest.startIndex]), as: UTF8.self).lowercased()
        var values: [String: String] = [:]
        while rest.popFirst() != nil {
            rest = rest.drop(while: isSpace)
            if rest.isEmpty { break }
            let name = rest.prefix { $0 != UInt8(ascii: "=") && $0 != semicolon && !isSpace($0) }
            rest = rest[name.endIndex...]
            guard !name.isEmpty, rest.popFirst() == UInt8(ascii: "=") else { return nil }
            var text: [UInt8] = []
            if rest.first == UInt8(ascii: "\"") {
                rest.removeFirst()
                while true {
                    guard let byte = rest.popFirst() else { return nil }
                    if byte == UInt8(ascii: "\"") { break }
                    // Only `\"` and `\\` are escapes: old browsers sent Windows paths with bare backslashes.
                    if byte == UInt8(ascii: "\\"), let next = rest.first, next == UInt8(ascii: "\"") || next == byte {
                        text.append(next)
                        rest.removeFirst()
                    } else {
                        text.append(byte)
                    }
                }
            } else {
                text = Array(rest.prefix { $0 != semicolon && !isSpace($0) })
                rest = rest.dropFirst(text.count)
                guard !text.isEmpty else { return nil }
            }
            rest = rest.drop(while: isSpace)
            let key = String(decoding: name, as: UTF8.self).lowercased()
            guard rest.isEmpty || rest.first == semicolon, values[key] == nil else { return nil }
            values[key] = String(decoding: text, as: UTF8.self)
        }
        return (type, values)
    }

    /// RFC 2046 boundary characters. They include no CR, which keeps `DelimiterScan` linear.
    private static func isValid(boundary: [UInt8]) -> Bool {
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".utf8)
        return (1...70).contains(boundary.count) && boundary.last != UInt8(ascii: " ")
            && boundary.allSatisfy(allowed.contains)
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let start = bytes.drop(while: isSpace)
        return start[..<(start.lastIndex { !isSpace($0) }.map { $0 + 1 } ?? start.startIndex)]
    }
}

/// Finds delimiter lines (CRLF, `--`, boundary, then `--` or CRLF) in a body without copying it.
///
/// Comparisons start only at a CR, and the delimiter holds no CR after its first byte, so a partial match ends
/// before the next place a comparison can start: each byte is looked at a bounded number of times.
private struct DelimiterScan {
    let body: [UInt8]
    let delimiter: [UInt8]

    /// The next delimiter line at or after `from`: where it starts, where the next part starts, whether it closes.
    func next(from: Int) -> (start: Int, next: Int, closes: Bool)? {
        var index = from
        while let cr = body[index...].firstIndex(of: UInt8(ascii: "\r")) {
            if body[cr...].starts(with: delimiter), let line = lineEnd(after: cr + delimiter.count) {
                return (cr, line.next, line.closes)
            }
            index = cr + 1
        }
        return nil
    }

    /// After a boundary come `--` (closing) or nothing, then optional spaces and CRLF, or the end after `--`.
    /// Anything else means these bytes were content that merely begins like a boundary.
    func lineEnd(after start: Int) -> (next: Int, closes: Bool)? {
        let closes = body[start...].starts(with: Array("--".utf8))
        var index = closes ? start + 2 : start
        while index < body.count, body[index] == UInt8(ascii: " ") || body[index] == UInt8(ascii: "\t") { index += 1 }
        if closes && index == body.count { return (index, true) }
        return body[index...].starts(with: Array("\r\n".utf8)) ? (index + 2, closes) : nil
    }
}
