import Foundation
import MultipartKit
import NIOCore

/// Reads a `multipart/form-data` body as it arrives: each file goes straight to a file of its own in `spool`, text
/// fields stay in memory, and the size limit is enforced chunk by chunk, so an upload is never held whole in
/// memory and an oversized one stops being read at the limit. Parts are judged by the same strict rules as
/// `MultipartForm` (its `head`). Whatever was spooled is removed when the body is refused; a handler that keeps a
/// file moves it away (`MultipartFile.store(at:)`), and `UploadStream.discard` removes the rest after the request.
package enum UploadStream {
    package static func read<Body: AsyncSequence>(
        _ body: Body,
        boundary: String,
        maxBytes: Int,
        maxTextBytes: Int = 512 * 1024,
        spool: String
    ) async throws -> (FormData, [MultipartFile]) where Body.Element == ByteBuffer {
        let state = State(spool: spool, maxTextBytes: maxTextBytes)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in
            state.headers += Array("\(name): ".utf8) + Escaped.decode(Array(value.utf8)) + Array("\r\n".utf8)
        }
        parser.onBody = { buffer in state.take(&buffer) }
        parser.onPartComplete = { state.complete() }
        let closing = Array("--\(boundary)--".utf8)
        var tail: [UInt8] = []
        var total = 0
        do {
            for try await buffer in body {
                total += buffer.readableBytes
                guard total <= maxBytes else {
                    throw AppError.badRequest(
                        "The form with its file is larger than \(maxBytes / (1024 * 1024)) MB; please send a smaller file."
                    )
                }
                tail = Array((tail + buffer.readableBytesView).suffix(closing.count + 64))
                do {
                    try parser.execute(Escaped.encode(buffer))
                } catch {
                    throw MultipartForm.malformed
                }
                if let failure = state.failure { throw failure }
            }
            // A body cut short (the connection dropped mid-upload) never reached its closing delimiter.
            guard tail.firstRange(of: closing) != nil, state.partOpen == false else { throw MultipartForm.malformed }
        } catch {
            state.abandon()
            throw error
        }
        return (FormData(state.pairs), state.files)
    }

    /// Removes the spooled files no handler kept.
    package static func discard(_ files: [MultipartFile]) {
        for file in files {
            if case .disk(let path, _) = file.storage { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    /// What the parser's callbacks build up, one part at a time.
    private final class State {
        let spool: String
        let maxTextBytes: Int
        var headers: [UInt8] = []
        var pairs: [(String, String)] = []
        var files: [MultipartFile] = []
        var failure: AppError?
        var partOpen = false
        private var head: MultipartForm.PartHead?
        private var text: [UInt8] = []
        private var textTotal = 0
        private var output: FileHandle?
        private var path = ""
        private var written = 0
        /// The escape byte that ended the last piece of content, its pair still to come.
        private var escape: UInt8?

        init(spool: String, maxTextBytes: Int) {
            self.spool = spool
            self.maxTextBytes = maxTextBytes
        }

        func take(_ buffer: inout ByteBuffer) {
            guard failure == nil else { return }
            if head == nil { begin() }
            guard let head else { return }
            let bytes = Escaped.decode(Array(buffer.readableBytesView), carrying: &escape)
            switch head.kind {
            case .emptyFileInput: return
            case .text:
                textTotal += bytes.count
                guard textTotal <= maxTextBytes else {
                    failure = AppError.badRequest("The form's text is larger than \(maxTextBytes / 1024) KB.")
                    return
                }
                text += bytes
            case .file:
                // `write(_:)` traps when the write fails (a full disk); this one throws, and the body is refused.
                do {
                    try output?.write(contentsOf: bytes)
                } catch {
                    failure = AppError.badRequest("The file could not be stored; please try again.")
                    return
                }
                written += bytes.count
            }
        }

        func complete() {
            defer { reset() }
            // Once the body is refused nothing more is spooled: a file part later in the same chunk would otherwise
            // open a spool file that no one removes.
            guard failure == nil else { return }
            if head == nil { begin() }
            guard failure == nil, let head else { return }
            switch head.kind {
            case .emptyFileInput: return
            case .text:
                guard let value = String(validating: text, as: UTF8.self) else {
                    failure = MultipartForm.notUTF8
                    return
                }
                pairs.append((head.name, value))
            case .file(let filename):
                try? output?.close()
                output = nil
                files.append(
                    MultipartFile(
                        field: head.name,
                        filename: filename,
                        contentType: head.contentType,
                        storage: .disk(path: path, size: written)
                    )
                )
            }
        }

        /// The part's headers are all in: judge them, and open a spool file for a file part.
        private func begin() {
            partOpen = true
            do throws(AppError) {
                let judged = try MultipartForm.head(headers.dropLast(2))
                head = judged
                if case .file = judged.kind {
                    try? FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
                    path = (spool as NSString).appendingPathComponent("upload-\(UUID().uuidString)")
                    guard FileManager.default.createFile(atPath: path, contents: nil),
                        let handle = FileHandle(forWritingAtPath: path)
                    else {
                        failure = AppError.badRequest("The file could not be stored; please try again.")
                        return
                    }
                    output = handle
                }
            } catch {
                failure = error
            }
        }

        private func reset() {
            partOpen = false
            head = nil
            headers = []
            text = []
            written = 0
            escape = nil
        }

        /// The body was refused: close and remove whatever was spooled.
        func abandon() {
            try? output?.close()
            output = nil
            if partOpen, !path.isEmpty { try? FileManager.default.removeItem(atPath: path) }
            UploadStream.discard(files)
            files = []
        }
    }
}

/// multipart-kit's parser looks every byte of a part's header names up in a table of 128 entries, so a byte of 0x80
/// or more there would trap the whole process. The parser is therefore given the body with each such byte, and each
/// of the three escape bytes 0x01–0x03, written as an escape byte followed by a byte in 0x40–0x7F; the callbacks undo
/// it. Neither byte of a pair is a CR or a hyphen, so the parser finds delimiters exactly where they are in the body,
/// and an escape byte is not allowed in a header name, so such a name is refused as a syntax error instead.
private enum Escaped {
    static func encode(_ buffer: ByteBuffer) -> ByteBuffer {
        guard buffer.readableBytesView.contains(where: { $0 >= 0x80 || (0x01...0x03).contains($0) }) else {
            return buffer
        }
        var out: [UInt8] = []
        out.reserveCapacity(buffer.readableBytes * 2)
        for byte in buffer.readableBytesView {
            switch byte {
            case 0x01...0x03: out += [0x03, byte + 0x3F]
            case 0x80...0xBF: out += [0x01, byte - 0x40]
            case 0xC0...0xFF: out += [0x02, byte - 0x80]
            default: out.append(byte)
            }
        }
        return ByteBuffer(bytes: out)
    }

    /// Undoes `encode` for a whole header value.
    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        var escape: UInt8?
        return decode(bytes, carrying: &escape)
    }

    /// Undoes `encode` for one piece of a part's content; an escape byte at the end waits in `escape` for its pair.
    static func decode(_ bytes: [UInt8], carrying escape: inout UInt8?) -> [UInt8] {
        guard escape != nil || bytes.contains(where: { (0x01...0x03).contains($0) }) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes {
            switch (escape, byte) {
            case (0x01?, _): out.append(byte + 0x40)
            case (0x02?, _): out.append(byte + 0x80)
            case (0x03?, _): out.append(byte - 0x3F)
            case (nil, 0x01...0x03):
                escape = byte
                continue
            default: out.append(byte)
            }
            escape = nil
        }
        return out
    }
}
