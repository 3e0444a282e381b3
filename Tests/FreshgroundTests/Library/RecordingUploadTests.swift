import Foundation
import HTTPTypes
import NIOCore
import Testing

/// Recordings uploaded with the publication form: kept on disk, served back as sent, and refused with a
/// message when the type or the size is wrong.
@Suite("Library: recording uploads")
struct RecordingUploadTests {
    /// Posts the publication form as `multipart/form-data` with one file in the `media` field.
    static func upload(
        _ visitor: inout Visitor,
        journal: String,
        file: [UInt8],
        type: String,
        filename: String = "talk.mp3"
    ) async throws -> Page {
        if visitor.cookies["fg_csrf"] == nil { try await visitor.get("/login") }
        let boundary = "----freshground-test-boundary"
        var body: [UInt8] = []
        func text(_ name: String, _ value: String) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, value) in [
            ("_csrf", visitor.csrf), ("kind", "recording"), ("journal", journal), ("title", "Night school talk"),
            ("summary", "A talk on the 1926 strike"), ("_submitted", "1"),
        ] {
            text(name, value)
        }
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"media\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n"
                .utf8
        )
        body += file
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return try await visitor.send(
            "/library",
            method: .post,
            headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
            body: ByteBuffer(bytes: body)
        )
    }

    @Test func anUploadedRecordingIsPlayedAndServedAsSent() async throws {
        try await withApp { app in
            // setup
            var speaker = try await app.person("speaker")
            let journal = try await speaker.createGroup("North Center", kind: "center")
            let audio: [UInt8] =
                [0x49, 0x44, 0x33, 0x04, 0x00, 0x0D, 0x0A, 0x2D, 0x2D, 0xFF, 0xFB] + Array(repeating: 7, count: 5_000)
            // act
            let saved = try await Self.upload(&speaker, journal: journal, file: audio, type: "audio/mpeg")
            let location = try #require(saved.location)
            let page = try await speaker.get(location)
            // check
            #expect(saved.status == .seeOther)
            let src = try #require(
                page.body.firstMatch(of: /<audio controls preload="none" src="(\/media\/[^"]+\.mp3)">/)?.1
            )
            let served = try await speaker.get(String(src))
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "audio/mpeg")
            #expect(Array(served.body.utf8).count > 0)
            let raw = try await app.client.execute(uri: String(src), method: .get, headers: [:], body: nil)
            #expect(Array(raw.body.readableBytesView) == audio, "the file comes back byte for byte")
            // It went to disk as it arrived and was moved into place: nothing is left where uploads are spooled.
            let spool = (app.services().mediaDirectory as NSString).appendingPathComponent("incoming")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []).isEmpty)
        }
    }

    @Test func aFileThatIsNotAudioOrVideoIsRefusedWithTheAcceptedTypes() async throws {
        try await withApp { app in
            // setup
            var speaker = try await app.person("speaker")
            let journal = try await speaker.createGroup("North Center", kind: "center")
            // act
            let page = try await Self.upload(
                &speaker,
                journal: journal,
                file: Array("<script>alert(1)</script>".utf8),
                type: "text/html",
                filename: "evil.html"
            )
            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("That file type (text/html) is not accepted."))
            #expect(page.contains(#"value="Night school talk""#), "the rest of the form is kept")
            let mine = try await speaker.get("/me/library")
            #expect(!mine.contains("Night school talk"), "nothing was saved")
        }
    }

    @Test func aFileOverTheLimitIsRefusedNamingTheLimit() async throws {
        try await withApp { app in
            // setup
            var speaker = try await app.person("speaker")
            let journal = try await speaker.createGroup("North Center", kind: "center")
            let big = [UInt8](repeating: 1, count: 40 * 1024 * 1024 + 1)
            // act
            let page = try await Self.upload(
                &speaker,
                journal: journal,
                file: big,
                type: "video/mp4",
                filename: "film.mp4"
            )
            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("The file is larger than 40 MB."))
        }
    }

    @Test func aRecordingNeedsAnAddressOrAFile() async throws {
        try await withApp { app in
            // setup
            var speaker = try await app.person("speaker")
            let journal = try await speaker.createGroup("North Center", kind: "center")
            // act
            let page = try await speaker.post(
                "/library",
                [("kind", "recording"), ("journal", journal), ("title", "A talk"), ("_submitted", "1")]
            )
            // check
            #expect(page.status == .unprocessableContent)
            #expect(page.contains("Give the address of the recording or upload a file."))
        }
    }
}
