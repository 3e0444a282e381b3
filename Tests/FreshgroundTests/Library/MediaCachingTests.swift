import Foundation
import HTTPTypes
import Testing

/// An uploaded recording is served by its random name, which is the only lock on a draft's recording, so
/// shared caches must not keep it.
@Suite("Library: caching of uploaded recordings")
struct MediaCachingTests {
    @Test func aDraftsRecordingIsKeptOnlyByTheViewersBrowser() async throws {
        try await withApp { app in
            // setup
            var speaker = try await app.person("speaker")
            let journal = try await speaker.createGroup("North Center", kind: "center")
            let audio: [UInt8] = [0x49, 0x44, 0x33, 0x04, 0x00] + Array(repeating: 7, count: 1_000)
            let saved = try await RecordingUploadTests.upload(
                &speaker,
                journal: journal,
                file: audio,
                type: "audio/mpeg"
            )
            let draft = try await speaker.get(try #require(saved.location))
            let src = try #require(draft.body.firstMatch(of: /src="(\/media\/[^"]+\.mp3)"/)?.1)
            var anonymous = app.visitor()
            // act
            let served = try await anonymous.get(String(src))
            // check
            #expect(served.status == .ok)
            #expect(served.headers[.cacheControl]?.hasPrefix("private") == true, "\(served.headers)")
        }
    }
}
