import FreshgroundWeb
import FuzzSupport
import PropertyBased
import Testing

/// The url-encoded and multipart form readers, fuzzed: any bytes are read or refused without crashing, what a
/// browser would send is read back exactly, and a cut-off upload is refused.
@Suite("Form fuzzing")
struct FormFuzzTests {
    static let formFragments = FuzzText.fragments + ["&", "=", "+", "%", "%2", "%41", "%e9", "%C3", "%FF", "%%", "&&="]

    /// Any bytes: mostly hostile text, sometimes raw bytes.
    static let anyBytes = zip(
        FuzzText.text(formFragments, pieces: 0...40),
        Gen<UInt8>.value(in: 0...255).array(of: 0...64),
        Gen.bool
    ).map { text, raw, useRaw in useRaw ? raw : Array(text.utf8) }

    /// Field names and values without NUL, which both readers refuse in text.
    static let text = FuzzText.text(pieces: 0...8).map { $0.replacing("\u{0}", with: "") }

    @Test func anyURLEncodedBytesAreReadOrRefused() async {
        await propertyCheck(count: 1_000, input: Self.anyBytes) { body in
            guard let form = try? FormData(urlEncoded: body) else { return }
            for (key, values) in form.values {
                #expect(!key.contains("\u{0}") && !values.contains { $0.contains("\u{0}") }, "\(body)")
            }
        }
    }

    @Test func urlEncodedPairsRoundTrip() async {
        await propertyCheck(count: 500, input: zip(Self.text, Self.text).array(of: 0...10), Gen.bool) { pairs, plus in
            let body = pairs.map { Self.percentEncoded($0.0, plus: plus) + "=" + Self.percentEncoded($0.1, plus: plus) }
                .joined(separator: "&")
            do {
                let form = try FormData(urlEncoded: Array(body.utf8))
                #expect(form.values == FormData(pairs).values, "sent as \(body)")
            } catch {
                Issue.record("\(error) for \(body)")
            }
        }
    }

    @Test func anyMultipartBytesAreReadOrRefused() async {
        let boundary = Gen<String?>.element(
            of: ["XyZ", "--", "a b", "boundary", "'()+_,-./:=?", "", "x\r\ny", "é"] as [String]
        )
        await propertyCheck(count: 1_000, input: Self.anyBytes, boundary, Gen.bool) { raw, boundary, framed in
            let boundary = boundary ?? "XyZ"
            // Framed: the hostile bytes sit inside real delimiters, so the part reader sees them too.
            let body = framed ? Array("--\(boundary)\r\n".utf8) + raw + Array("\r\n--\(boundary)--".utf8) : raw
            _ = try? MultipartForm(body: body, boundary: boundary)
        }
    }

    @Test func multipartBodiesRoundTripAndRefuseTruncation() async {
        let parts = zip(Self.text, Self.text, Gen<UInt8>.value(in: 0...255).array(of: 0...80), Gen.int(in: 0...3))
            .array(of: 0...5)
        let framing = zip(Gen.letterOrNumber.string(of: 1...30), Gen.bool, Gen.int(in: 0...10_000))
        await propertyCheck(count: 300, input: parts, framing) { parts, framing in
            let (token, preamble, cut) = framing
            let boundary = "fg'()+_,-./:=? " + token
            let written = Self.multipart(parts, boundary: boundary, preamble: preamble)
            // The boundary must not occur in what it separates.
            guard written.content.firstRange(of: Array("\r\n--\(boundary)".utf8)) == nil else { return }
            let body = written.body
            do {
                let form = try MultipartForm(body: body, boundary: boundary)
                #expect(form.fields.values == FormData(written.fields).values)
                #expect(form.files == written.files)
            } catch {
                Issue.record("\(error) for \(String(decoding: body, as: UTF8.self).debugDescription)")
            }
            // Cut before the closing `--`: the upload is incomplete and must be refused.
            let kept = Array(body.prefix(cut % (body.count - 2)))
            #expect(throws: AppError.self, "\(kept.count) of \(body.count) bytes") {
                try MultipartForm(body: kept, boundary: boundary)
            }
        }
    }

    /// Percent-encodes all but unreserved characters; spaces as `+` when `plus`.
    static func percentEncoded(_ text: String, plus: Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80,
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar)
            {
                out.unicodeScalars.append(scalar)
            } else if byte == 0x20 && plus {
                out += "+"
            } else {
                out += "%" + String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// A body as a browser writes it. Each part is a field (`kind` 0), or a file (1–3) with or without a type,
    /// its name as sent including a path; `content` is everything between delimiters, to check the boundary.
    static func multipart(
        _ parts: [(String, String, [UInt8], Int)],
        boundary: String,
        preamble: Bool
    ) -> (body: [UInt8], fields: [(String, String)], files: [MultipartFile], content: [UInt8]) {
        var body: [UInt8] = preamble ? Array("a preamble\r\n".utf8) : []
        var content: [UInt8] = []
        var fields: [(String, String)] = []
        var files: [MultipartFile] = []
        for (index, (name, text, bytes, kind)) in parts.enumerated() {
            // Browsers never send a line break in a name; they replace it. A name is never empty.
            let name = "f\(index)" + name.filter { $0 != "\r" && $0 != "\n" && $0 != "\r\n" }
            var part = "Content-Disposition: form-data; name=\"\(quoted(name))\""
            var sent: [UInt8]
            if kind == 0 {
                sent = Array(text.utf8)
                fields.append((name, text))
            } else {
                let filename = text.filter { $0 != "\r" && $0 != "\n" && $0 != "\r\n" }
                part += "; filename=\"\(quoted(filename))\""
                let types = ["", "", "image/png", "application/pdf; x=1"]
                if kind > 1 { part += "\r\ncontent-TYPE: \(types[kind])" }
                sent = bytes
                let last = String(filename.reversed().prefix { $0 != "/" && $0 != "\\" }.reversed())
                if !last.isEmpty {
                    let type = kind > 1 ? types[kind] : "application/octet-stream"
                    files.append(MultipartFile(field: name, filename: last, contentType: type, bytes: bytes))
                }
            }
            let head = Array((index == 0 && !preamble ? "" : "\r\n").utf8) + Array("--\(boundary)\r\n".utf8)
            body += head + Array((part + "\r\n\r\n").utf8) + sent
            content += Array(part.utf8) + sent
        }
        body += Array("\(parts.isEmpty && !preamble ? "" : "\r\n")--\(boundary)--\r\n".utf8)
        return (body, fields, files, content)
    }

    private static func quoted(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
    }
}
