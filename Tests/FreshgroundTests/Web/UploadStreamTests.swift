import Foundation
import FreshgroundWeb
import NIOCore
import Synchronization
import Testing

/// Uploads are read as they arrive: a file goes to disk chunk by chunk, the limit stops the reading at once, and
/// nothing spooled is left behind by a refused body.
@Suite struct UploadStreamTests {
    /// A body that hands out `chunks` buffers of `size` bytes (forever when nil), counting what was taken.
    struct Chunks: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let parts: [[UInt8]]
        let repeatLast: Bool
        let taken: Counter

        final class Counter: Sendable {
            let value = Atomic<Int>(0)
        }

        struct AsyncIterator: AsyncIteratorProtocol {
            let source: Chunks
            var index = 0
            mutating func next() async throws -> ByteBuffer? {
                guard index < source.parts.count || (source.repeatLast && !source.parts.isEmpty) else { return nil }
                let part = source.parts[Swift.min(index, source.parts.count - 1)]
                index += 1
                source.taken.value.add(1, ordering: .relaxed)
                return ByteBuffer(bytes: part)
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(source: self) }
    }

    static let boundary = "fgboundary42"

    static func spool() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("fg-spool-\(UUID().uuidString)").path
    }

    static func head(field: String, filename: String? = nil) -> [UInt8] {
        let name = filename.map { "; filename=\"\($0)\"" } ?? ""
        let type = filename == nil ? "" : "\r\nContent-Type: audio/ogg"
        return Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"\(name)\(type)\r\n\r\n".utf8)
    }

    @Test func aFileGoesToDiskAndTextStaysInMemory() async throws {
        let spool = Self.spool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let chunk = [UInt8](repeating: 0x61, count: 64 * 1024)
        var parts = [
            Self.head(field: "title") + Array("A talk\r\n".utf8), Self.head(field: "media", filename: "talk.ogg"),
        ]
        parts += Array(repeating: chunk, count: 32)  // 2 MiB
        parts.append(Array("\r\n--\(Self.boundary)--\r\n".utf8))
        let body = Chunks(parts: parts, repeatLast: false, taken: .init())
        let (form, files) = try await UploadStream.read(body, boundary: Self.boundary, maxBytes: 4 << 20, spool: spool)
        #expect(form["title"] == "A talk")
        let file = try #require(files.first)
        #expect(file.filename == "talk.ogg" && file.contentType == "audio/ogg" && file.size == 32 * 64 * 1024)
        guard case .disk(let path, _) = file.storage else {
            Issue.record("the file was kept in memory")
            return
        }
        #expect(path.hasPrefix(spool))
        #expect(FileManager.default.contents(atPath: path) == Data(repeating: 0x61, count: 32 * 64 * 1024))
        UploadStream.discard(files)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func theLimitStopsTheReadingAtOnce() async throws {
        let spool = Self.spool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let megabyte = [UInt8](repeating: 0x62, count: 1 << 20)
        let taken = Chunks.Counter()
        let endless = Chunks(
            parts: [Self.head(field: "media", filename: "huge.ogg"), megabyte],
            repeatLast: true,
            taken: taken
        )
        await #expect(throws: AppError.self) {
            _ = try await UploadStream.read(endless, boundary: Self.boundary, maxBytes: 3 << 20, spool: spool)
        }
        // The head and two megabytes fit; the third takes the body past the limit and is refused, and nothing after
        // it is asked for.
        #expect(taken.value.load(ordering: .relaxed) == 4)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []
        #expect(left.isEmpty, "a refused upload left \(left) behind")
    }

    @Test func aBodyCutShortIsRefusedAndLeavesNothing() async throws {
        let spool = Self.spool()
        defer { try? FileManager.default.removeItem(atPath: spool) }
        let parts = [Self.head(field: "media", filename: "cut.ogg"), [UInt8](repeating: 1, count: 10_000)]
        await #expect(throws: AppError.self) {
            _ = try await UploadStream.read(
                Chunks(parts: parts, repeatLast: false, taken: .init()),
                boundary: Self.boundary,
                maxBytes: 1 << 20,
                spool: spool
            )
        }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []).isEmpty)
    }
}
