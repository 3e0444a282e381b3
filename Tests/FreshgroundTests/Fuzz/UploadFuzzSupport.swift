import Foundation
import FreshgroundWeb
import FuzzSupport
import NIOCore
import PropertyBased
import Synchronization

/// A request body as it streams in: the chunks one after another, optionally cut off by a dropped connection
/// after `dropAfter` chunks. Before each chunk it measures the spool, so a test sees the most it ever held.
struct ChunkedBody: AsyncSequence, Sendable {
    struct Dropped: Error, Equatable {}

    let chunks: [[UInt8]]
    var dropAfter: Int?
    let spool: Spool

    struct AsyncIterator: AsyncIteratorProtocol {
        let body: ChunkedBody
        var index = 0

        mutating func next() async throws -> ByteBuffer? {
            body.spool.measure()
            if let dropAfter = body.dropAfter, index >= dropAfter { throw Dropped() }
            guard index < body.chunks.count else { return nil }
            defer { index += 1 }
            return ByteBuffer(bytes: body.chunks[index])
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self) }

    /// `body` split at the given cut points (taken modulo its length, so any integers do); a repeated cut sends an
    /// empty chunk, as a network read may.
    static func split(_ body: [UInt8], at cuts: [Int]) -> [[UInt8]] {
        let points = cuts.map { $0 % (body.count + 1) }.sorted()
        var chunks: [[UInt8]] = []
        var start = 0
        for point in points {
            chunks.append(Array(body[start..<point]))
            start = point
        }
        chunks.append(Array(body[start...]))
        return chunks
    }
}

/// A spool directory of a test's own, where the reader puts files as they arrive; it records the most bytes it ever
/// held.
final class Spool: Sendable {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("fg-spool-\(UUID().uuidString)").path
    private let most = Mutex(0)

    var peak: Int { most.withLock { $0 } }

    /// The names of the files in the spool; none when the reader never made it.
    var names: Set<String> { Set((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []) }

    /// The bytes the spool holds now.
    var bytes: Int {
        names.reduce(0) { total, name in
            let file = (path as NSString).appendingPathComponent(name)
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            return total + size
        }
    }

    func measure() {
        let now = bytes
        most.withLock { $0 = max($0, now) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The errors the streaming reader may throw, as the person sending the form reads them.
enum UploadErrors {
    static let malformed = AppError.badRequest("The upload could not be read; please try again.")
    static let notUTF8 = AppError.badRequest(
        "The form contained text that is not valid UTF-8. Please retype it and send again."
    )

    static func tooLarge(_ maxBytes: Int) -> AppError {
        .badRequest("The form with its file is larger than \(maxBytes / (1024 * 1024)) MB; please send a smaller file.")
    }

    static func textTooLarge(_ maxTextBytes: Int) -> AppError {
        .badRequest("The form's text is larger than \(maxTextBytes / 1024) KB.")
    }
}

/// One part of a body built for the fuzz tests: a field, a file, or one the reader must refuse.
struct FuzzPart {
    enum Kind: CaseIterable {
        case field, file, typedFile, emptyFileInput
        /// A text field whose value is not UTF-8.
        case notUTF8
        /// A part with no `name`.
        case nameless
        /// A part whose `Content-Disposition` is not UTF-8.
        case undecodableHead
        /// A part with a header line that has no colon.
        case brokenHeader
        /// A part with a header whose name is not ASCII (multipart-kit's parser trapped on it).
        case nonASCIIHeaderName
    }

    let kind: Kind
    let name: String
    let text: String
    let bytes: [UInt8]

    /// Why the reader must refuse this part; nil for a part a browser would send.
    var refusal: AppError? {
        switch kind {
        case .field, .file, .typedFile, .emptyFileInput: nil
        case .notUTF8, .undecodableHead: UploadErrors.notUTF8
        case .nameless, .brokenHeader, .nonASCIIHeaderName: UploadErrors.malformed
        }
    }

    static let generator = zip(
        Gen<Kind>.case,
        FuzzText.text(pieces: 0...6),
        FuzzText.text(pieces: 0...8),
        Gen<UInt8>.value(in: 0...255).array(of: 0...120)
    ).map { FuzzPart(kind: $0, name: $1, text: $2, bytes: $3) }
}

/// A `multipart/form-data` body built from parts, with what the reader must make of it.
struct FuzzBody {
    var bytes: [UInt8] = []
    /// Everything between delimiters, to check that the boundary does not occur in it.
    var content: [UInt8] = []
    var fields: [(String, String)] = []
    var files: [MultipartFile] = []
    /// The error of the first part that must be refused.
    var refusal: AppError?
    /// How many bytes of text fields the reader keeps in memory.
    var textBytes = 0

    init(_ parts: [FuzzPart], boundary: String, preamble: Bool) {
        if preamble { bytes = Array("a preamble\r\n".utf8) }
        for (index, part) in parts.enumerated() {
            // Browsers never send a line break in a name; they replace it. A name is never empty.
            let name = "f\(index)" + Self.oneLine(part.name)
            let filename = Self.oneLine(part.text)
            var head = Array("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"".utf8)
            var sent = part.bytes
            switch part.kind {
            case .field:
                sent = Array(part.text.utf8)
                fields.append((name, part.text))
                textBytes += sent.count
            case .notUTF8:
                sent = Array(part.text.utf8) + [0xC3]
            case .file, .typedFile:
                let type = part.kind == .typedFile ? "audio/ogg; x=1" : "application/octet-stream"
                head += Array("; filename=\"\(Self.quoted(filename))\"".utf8)
                if part.kind == .typedFile { head += Array("\r\ncontent-TYPE: \(type)".utf8) }
                let last = String(filename.reversed().prefix { $0 != "/" && $0 != "\\" }.reversed())
                if last.isEmpty { break }  // a path with no name after it: an empty file input
                files.append(MultipartFile(field: name, filename: last, contentType: type, bytes: sent))
            case .emptyFileInput:
                head += Array("; filename=\"\"".utf8)
                sent = []
            case .nameless:
                head = Array("Content-Disposition: form-data; filename=\"\(Self.quoted(filename))\"".utf8)
            case .undecodableHead:
                head = Array("Content-Disposition: form-data; name=\"x".utf8) + [0xFF] + Array("\"".utf8)
            case .brokenHeader:
                head += Array("\r\nX-No-Colon".utf8)
            case .nonASCIIHeaderName:
                head += Array("\r\nX-é\(filename): 1".utf8)
            }
            if refusal == nil { refusal = part.refusal }
            let opening = index == 0 && !preamble ? "" : "\r\n"
            bytes += Array("\(opening)--\(boundary)\r\n".utf8) + head + Array("\r\n\r\n".utf8) + sent
            content += head + sent
        }
        bytes += Array("\r\n--\(boundary)--\r\n".utf8)
    }

    /// Whether the boundary's delimiter occurs inside what it separates, which no sender may do.
    func clashes(with boundary: String) -> Bool { content.firstRange(of: Array("\r\n--\(boundary)".utf8)) != nil }

    private static func oneLine(_ text: String) -> String {
        text.filter { $0 != "\r" && $0 != "\n" && $0 != "\r\n" }
    }

    private static func quoted(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
    }
}

/// Boundaries RFC 2046 allows: 1 to 70 of its characters, not ending in a space.
enum FuzzBoundary {
    static let characters = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ")

    static let generator = zip(
        Gen<Character?>.element(of: characters).array(of: 1...24),
        Gen<String?>.element(of: ["", "----WebKitFormBoundary", "-", "--", "b", "boundary"])
    ).map { picked, prefix in
        let boundary = (prefix ?? "") + String(picked.compactMap { $0 })
        return boundary.last == " " || boundary.isEmpty ? boundary + "x" : boundary
    }
}

/// Bodies that are not quite multipart: delimiters, heads, blank lines, hostile text and raw bytes in any order.
enum FuzzPieces {
    static func pieces(boundary: String) -> [[UInt8]] {
        [
            "--\(boundary)\r\n", "\r\n--\(boundary)\r\n", "\r\n--\(boundary)--", "\r\n--\(boundary)--\r\n",
            "\r\n--\(boundary)", "--\(boundary)", "\r\n--\(boundary)-", "--\(boundary)--",
            "Content-Disposition: form-data; name=\"a\"\r\n\r\n",
            "Content-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n\r\n",
            "Content-Disposition: form-data; name=\"e\"; filename=\"\"\r\n\r\n", "content-type: text/plain\r\n",
            "Content-Disposition: attachment\r\n\r\n", "Content-Disposition: form-data; name=\"--\(boundary)--\"",
            "\r\n", "\r\n\r\n", "\r", "\n", ":", " ", "-",
        ].map { Array($0.utf8) }
    }

    /// Each choice is a piece (modulo the number of pieces), hostile text, or raw bytes.
    static let generator = zip(
        Gen.int(in: 0...40),
        FuzzText.text(pieces: 0...3),
        Gen<UInt8>.value(in: 0...255).array(of: 0...16)
    ).array(of: 0...24)

    static func body(_ choices: [(Int, String, [UInt8])], boundary: String) -> [UInt8] {
        let pieces = pieces(boundary: boundary)
        return choices.flatMap { choice, text, raw -> [UInt8] in
            switch choice - pieces.count {
            case ..<0: pieces[choice]
            case 0...8: Array(text.utf8)
            default: raw
            }
        }
    }
}
