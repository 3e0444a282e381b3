import Foundation
import FreshgroundWeb
import FuzzSupport
import HTTPTypes
import NIOCore
import PropertyBased
import Testing

/// The streaming multipart reader, fuzzed: whatever the bytes and however they are split into chunks, it returns
/// or throws one of its own errors, never spools more than the limit, leaves nothing behind when it refuses a
/// body, and reads what a browser sends exactly as sent.
@Suite("Upload stream fuzzing")
struct UploadStreamFuzzTests {
    /// Parts a browser would send.
    static let browserParts = FuzzPart.generator.map { part in
        let kinds: [FuzzPart.Kind] = [.field, .file, .typedFile, .emptyFileInput]
        let kind = part.refusal == nil ? part.kind : kinds[part.bytes.count % kinds.count]
        return FuzzPart(kind: kind, name: part.name, text: part.text, bytes: part.bytes)
    }

    /// Where to cut a body into chunks: none (one chunk) to many.
    static let cuts = Gen.int(in: 0...100_000).array(of: 0...8)

    @Test func anyBodyInAnyChunksIsReadOrRefusedCleanly() async {
        let framing = zip(FuzzBoundary.generator, Self.cuts, Gen.int(in: 0...12))
        let limits = zip(Gen.int(in: 0...600), Gen.int(in: 0...300), Gen.bool)
        await propertyCheck(count: 400, input: FuzzPieces.generator, framing, limits) { choices, framing, limits in
            let (boundary, cuts, drop) = framing
            let (maxBytes, maxTextBytes, tight) = limits
            let body = FuzzPieces.body(choices, boundary: boundary)
            let chunks = ChunkedBody.split(body, at: cuts)
            let expected = [
                UploadErrors.malformed, UploadErrors.notUTF8, UploadErrors.tooLarge(maxBytes),
                UploadErrors.textTooLarge(maxTextBytes),
            ]
            let result = await Self.read(
                chunks,
                boundary: boundary,
                maxBytes: tight ? maxBytes : .max,
                maxTextBytes: tight ? maxTextBytes : 512 * 1024,
                dropAfter: drop < chunks.count ? drop : nil
            )
            if case .failure(let error) = result, !(error is ChunkedBody.Dropped) {
                #expect(expected.contains(error as? AppError ?? .notFound), "\(error) for \(Self.show(body))")
            }
        }
    }

    @Test func browserBodiesAreReadAsSentHoweverTheyAreSplit() async {
        let framing = zip(FuzzBoundary.generator, Gen.bool, Self.cuts, Self.cuts)
        await propertyCheck(count: 300, input: Self.browserParts.array(of: 1...5), framing) { parts, framing in
            let (boundary, preamble, cuts, otherCuts) = framing
            let sent = FuzzBody(parts, boundary: boundary, preamble: preamble)
            guard !sent.clashes(with: boundary) else { return }
            let inHand = try? MultipartForm(body: sent.bytes, boundary: boundary)
            #expect(inHand?.fields.values == FormData(sent.fields).values, "the reader of bytes in hand agrees")
            for split in [cuts, otherCuts] {
                let chunks = ChunkedBody.split(sent.bytes, at: split)
                let result = await Self.read(chunks, boundary: boundary) { fields, files in
                    #expect(fields.values == FormData(sent.fields).values, "\(Self.show(sent.bytes))")
                    #expect(files.map(Received.init) == sent.files.map(Received.init), "\(Self.show(sent.bytes))")
                    #expect(files.allSatisfy { if case .disk = $0.storage { true } else { false } })
                    // A handler keeps a file by moving it out of the spool.
                    if let kept = files.first {
                        let place = FileManager.default.temporaryDirectory.appendingPathComponent(
                            "fg-kept-\(UUID().uuidString)"
                        ).path
                        defer { try? FileManager.default.removeItem(atPath: place) }
                        try kept.store(at: place)
                        #expect(FileManager.default.contents(atPath: place).map(Array.init) == sent.files.first?.bytes)
                    }
                }
                if case .failure(let error) = result { Issue.record("\(error) for \(Self.show(sent.bytes))") }
            }
        }
    }

    @Test func refusedPartsLeaveNothingSpooledHoweverTheBodyIsSplit() async {
        let framing = zip(FuzzBoundary.generator, Self.cuts)
        await propertyCheck(count: 400, input: FuzzPart.generator.array(of: 1...6), framing) { parts, framing in
            let (boundary, cuts) = framing
            let sent = FuzzBody(parts, boundary: boundary, preamble: false)
            guard !sent.clashes(with: boundary), sent.refusal != nil else { return }
            let refusals = parts.compactMap(\.refusal)
            let result = await Self.read(ChunkedBody.split(sent.bytes, at: cuts), boundary: boundary)
            switch result {
            case .success: Issue.record("accepted \(Self.show(sent.bytes))")
            case .failure(let error):
                #expect(refusals.contains(error as? AppError ?? .notFound), "\(error) for \(Self.show(sent.bytes))")
            }
        }
    }

    @Test func uploadsCutShortAreRefusedAndRemoved() async {
        let cutting = zip(FuzzBoundary.generator, Gen.int(in: 0...100_000), Self.cuts, Gen.int(in: 0...9))
        await propertyCheck(count: 300, input: Self.browserParts.array(of: 1...5), cutting) { parts, cutting in
            let (boundary, cut, cuts, drop) = cutting
            let sent = FuzzBody(parts, boundary: boundary, preamble: false)
            guard !sent.clashes(with: boundary) else { return }
            // Cut before the closing `--` ends: the body never said it was complete.
            let kept = Array(sent.bytes.prefix(cut % (sent.bytes.count - 2)))
            let truncated = await Self.read(ChunkedBody.split(kept, at: cuts), boundary: boundary)
            #expect(truncated.error == UploadErrors.malformed, "\(kept.count) of \(sent.bytes.count) bytes")
            // The connection dropped: the body's own error comes through, and nothing stays behind.
            let chunks = ChunkedBody.split(sent.bytes, at: cuts)
            let dropped = await Self.read(chunks, boundary: boundary, dropAfter: drop % chunks.count)
            #expect(dropped.isDropped, "dropped after \(drop % chunks.count) of \(chunks.count) chunks")
        }
    }

    @Test func theLimitsAreKeptChunkByChunk() async {
        let limits = zip(Gen.int(in: 0...2_000), Gen.int(in: 0...400), FuzzBoundary.generator, Self.cuts)
        await propertyCheck(count: 300, input: Self.browserParts.array(of: 1...5), limits) { parts, limits in
            let (maxBytes, maxTextBytes, boundary, cuts) = limits
            let sent = FuzzBody(parts, boundary: boundary, preamble: false)
            guard !sent.clashes(with: boundary) else { return }
            let overall = sent.bytes.count > maxBytes
            let text = sent.textBytes > maxTextBytes
            let result = await Self.read(
                ChunkedBody.split(sent.bytes, at: cuts),
                boundary: boundary,
                maxBytes: maxBytes,
                maxTextBytes: maxTextBytes
            )
            let context = "\(sent.bytes.count) bytes (\(sent.textBytes) of text), limits \(maxBytes), \(maxTextBytes)"
            switch (overall, text) {
            case (false, false): #expect(result.error == nil, "\(context)")
            case (false, true): #expect(result.error == UploadErrors.textTooLarge(maxTextBytes), "\(context)")
            case (true, false): #expect(result.error == UploadErrors.tooLarge(maxBytes), "\(context)")
            case (true, true):
                let either = [UploadErrors.tooLarge(maxBytes), UploadErrors.textTooLarge(maxTextBytes)]
                #expect(either.contains(result.error ?? .notFound), "\(context)")
            }
        }
    }

    /// Through the app: whatever is posted as `multipart/form-data`, with or without a valid CSRF token, the answer
    /// is never a server error and the app's spool (`<media>/incoming`) is empty once the answer is out.
    @Test func uploadsToTheAppNeverFailWithAServerErrorOrStayInTheSpool() async throws {
        try await withApp(mail: false) { app in
            var visitor = app.visitor()
            _ = try await visitor.get("/login")
            let spool = (app.services().mediaDirectory as NSString).appendingPathComponent("incoming")
            let shapes = zip(FuzzPieces.generator, FuzzPart.generator.array(of: 0...4), Gen.int(in: 0...5))
            let header = zip(FuzzBoundary.generator, Gen.int(in: 0...4), Gen.int(in: 0...100_000))
            await propertyCheck(count: 150, input: shapes, header) { shapes, header in
                let (choices, parts, shape) = shapes
                let (boundary, typeChoice, cut) = header
                var body = FuzzBody(parts, boundary: boundary, preamble: false).bytes
                if shape >= 2 {
                    let token = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(visitor.csrf)"
                    body = Array(token.utf8) + Array((parts.isEmpty ? "\r\n--\(boundary)--\r\n" : "\r\n").utf8) + body
                }
                if shape == 1 { body = FuzzPieces.body(choices, boundary: boundary) }
                if shape == 5 { body = Array(body.prefix(cut % body.count)) }
                let types = [
                    "multipart/form-data; boundary=\(boundary)", "multipart/form-data; boundary=\"\(boundary)\"",
                    "multipart/form-data", "multipart/form-data; boundary=\"\"", "Multipart/Form-Data; boundary=\"a\"",
                ]
                do {
                    let page = try await visitor.send(
                        "/library",
                        method: .post,
                        headers: [.contentType: types[typeChoice]],
                        body: ByteBuffer(bytes: body)
                    )
                    #expect(page.status.code < 500, "\(page.status) for \(Self.show(body))")
                } catch {
                    Issue.record("\(error) for \(Self.show(body))")
                }
                let left = (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []
                #expect(left.isEmpty, "\(left) left in the spool by \(Self.show(body))")
                for name in left {
                    try? FileManager.default.removeItem(atPath: (spool as NSString).appendingPathComponent(name))
                }
            }
        }
    }

    /// Found by `anyBodyInAnyChunksIsReadOrRefusedCleanly`: multipart-kit's parser looks header-name bytes up in a
    /// table of 128 entries, so one byte of 0x80 or more in a part's header name trapped the whole server.
    @Test func aHeaderNameThatIsNotASCIIIsRefusedWithoutTrapping() async throws {
        let body = Array("--b\r\nContent-Disposition: form-data; name=\"a\"\r\nX-\u{E9}: 1\r\n\r\nv\r\n--b--\r\n".utf8)
        let result = await Self.read([body], boundary: "b")
        #expect(result.error == UploadErrors.malformed)
        try await withApp(mail: false) { app in
            var visitor = app.visitor()
            _ = try await visitor.get("/login")
            let page = try await visitor.send(
                "/library",
                method: .post,
                headers: [.contentType: "multipart/form-data; boundary=b"],
                body: ByteBuffer(bytes: body)
            )
            #expect(page.status == .badRequest)
        }
    }

    /// Found by `refusedPartsLeaveNothingSpooledHoweverTheBodyIsSplit`: after a part was refused, a file part later
    /// in the same chunk still opened a spool file, which no one removed.
    @Test func aFilePartAfterARefusedPartLeavesNoSpoolFile() async {
        let body = Array(
            ("--b\r\nContent-Disposition: form-data\r\n\r\nno name\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\n1\r\n--b--\r\n").utf8
        )
        let result = await Self.read([body], boundary: "b")
        #expect(result.error == UploadErrors.malformed)
    }

    /// A file as the reader gave it, wherever it is stored.
    struct Received: Equatable {
        let field: String
        let filename: String
        let contentType: String
        let bytes: [UInt8]

        init(_ file: MultipartFile) {
            (field, filename, contentType, bytes) = (file.field, file.filename, file.contentType, file.bytes)
        }
    }

    /// Reads `chunks` into a fresh spool and checks what must hold whatever the body: the spool never held more
    /// than `maxBytes`; after a refusal it is empty; after a success it holds exactly the files returned, their
    /// sizes as given and within the limits, and `UploadStream.discard` empties it. `check` sees a success first.
    static func read(
        _ chunks: [[UInt8]],
        boundary: String,
        maxBytes: Int = .max,
        maxTextBytes: Int = 512 * 1024,
        dropAfter: Int? = nil,
        check: (FormData, [MultipartFile]) throws -> Void = { _, _ in }
    ) async -> Result<(FormData, [MultipartFile]), any Error> {
        let spool = Spool()
        defer { spool.remove() }
        let body = ChunkedBody(chunks: chunks, dropAfter: dropAfter, spool: spool)
        let result: Result<(FormData, [MultipartFile]), any Error>
        do {
            result = .success(
                try await UploadStream.read(
                    body,
                    boundary: boundary,
                    maxBytes: maxBytes,
                    maxTextBytes: maxTextBytes,
                    spool: spool.path
                )
            )
        } catch {
            result = .failure(error)
        }
        spool.measure()
        let sent = show(chunks.flatMap { $0 })
        #expect(spool.peak <= maxBytes, "the spool held \(spool.peak) bytes, over \(maxBytes), for \(sent)")
        switch result {
        case .failure(let error):
            #expect(spool.names.isEmpty, "\(spool.names.count) files left after \(error) for \(sent)")
        case .success(let (fields, files)):
            let paths = files.compactMap { file -> String? in
                guard case .disk(let path, let size) = file.storage else { return nil }
                #expect(size == file.bytes.count, "the size given is the size stored")
                return path
            }
            #expect(Set(paths.map { ($0 as NSString).lastPathComponent }) == spool.names, "orphans for \(sent)")
            #expect(files.reduce(0) { $0 + $1.size } <= maxBytes)
            #expect(fields.values.values.joined().reduce(0) { $0 + $1.utf8.count } <= maxTextBytes)
            do { try check(fields, files) } catch { Issue.record("\(error) for \(sent)") }
            UploadStream.discard(files)
            #expect(spool.names.isEmpty, "discard leaves \(spool.names) for \(sent)")
        }
        return result
    }

    /// A body for a failure message: as text where it is UTF-8, escaped.
    static func show(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(2_000), as: UTF8.self).debugDescription
    }
}

extension Result where Failure == any Error {
    /// The reader's own error, if it threw one.
    var error: AppError? {
        if case .failure(let error) = self { return error as? AppError ?? .notFound }
        return nil
    }

    var isDropped: Bool {
        if case .failure(let error) = self { return error is ChunkedBody.Dropped }
        return false
    }
}
