import Foundation
import FreshgroundWeb
import Hummingbird

/// Uploaded recordings, kept as files under the media directory with random names (never the name the
/// person sent), served back with the type checked at upload.
struct MediaStore: Sendable {
    let directory: String

    static let maxMegabytes = 40
    static let maxBytes = maxMegabytes * 1024 * 1024

    /// Accepted types and the extension each is stored with.
    static let types: [String: String] = [
        "audio/mpeg": "mp3", "audio/ogg": "ogg", "audio/mp4": "m4a", "audio/wav": "wav", "audio/x-wav": "wav",
        "audio/webm": "weba", "audio/flac": "flac", "video/mp4": "mp4", "video/webm": "webm", "video/ogg": "ogv",
    ]

    /// Saves an upload, or refuses it with a message for the `media` field (`AppError.validation`).
    func save(_ file: MultipartFile) throws -> StoredMedia {
        let type = file.contentType.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
        guard let ext = Self.types[type] else {
            throw AppError.validation([
                "media":
                    "That file type (\(type)) is not accepted. Upload audio (MP3, Ogg, M4A, WAV, FLAC, WebM) or video (MP4, WebM, Ogg)."
            ])
        }
        guard file.size <= Self.maxBytes else {
            throw AppError.validation(["media": "The file is larger than \(Self.maxMegabytes) MB."])
        }
        guard file.size > 0 else { throw AppError.validation(["media": "The file is empty."]) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let name = "\(Token.random()).\(ext)"
        let path = (directory as NSString).appendingPathComponent(name)
        try file.store(at: path)
        return StoredMedia(url: LibraryPaths.media(name), file: name, type: type, size: file.size)
    }

    /// Serves a stored file by its random name; anything else is "not found". The name is the only lock on a
    /// recording of a draft or of a private group's piece, so only the viewer's own browser may keep a copy.
    func response(for name: String) throws -> Response {
        let parts = name.split(separator: ".")
        guard parts.count == 2, Token.isWellFormed(String(parts[0])),
            let type = Self.types.first(where: { $0.value == parts[1] })?.key,
            let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(name))
        else { throw AppError.notFound }
        return Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "private, max-age=86400", .contentDisposition: "inline"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}
