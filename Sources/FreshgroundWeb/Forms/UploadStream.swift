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
        parser.onHeader = { name, value in state.headers += "\(name): \(value)\r\n" }
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
                    try parser.execute(buffer)
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
        var headers = ""
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

        init(spool: String, maxTextBytes: Int) {
            self.spool = spool
            self.maxTextBytes = maxTextBytes
        }

        func take(_ buffer: inout ByteBuffer) {
            guard failure == nil else { return }
            if head == nil { begin() }
            guard let head else { return }
            switch head.kind {
            case .emptyFileInput: return
            case .text:
                textTotal += buffer.readableBytes
                guard textTotal <= maxTextBytes else {
                    failure = AppError.badRequest("The form's text is larger than \(maxTextBytes / 1024) KB.")
                    return
                }
                text += buffer.readableBytesView
            case .file:
                output?.write(Data(buffer.readableBytesView))
                written += buffer.readableBytes
            }
        }

        func complete() {
            if head == nil { begin() }
            defer { reset() }
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
                let judged = try MultipartForm.head(ArraySlice(Array(headers.utf8.dropLast(2))))
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
            headers = ""
            text = []
            written = 0
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
