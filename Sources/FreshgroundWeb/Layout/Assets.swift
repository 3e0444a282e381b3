import Foundation
import Hummingbird

/// The files served from the bundle: one stylesheet and the OpenAPI document. They are read once at start-up.
package enum Assets {
    package static let stylesheet: ByteBuffer = load("site", "css")
    package static let openAPI: ByteBuffer = load("openapi", "json")
    /// The OpenAPI document, read.
    package static let openAPIDocument: JSONValue =
        (try? JSONValue(parsing: Data(openAPI.readableBytesView))) ?? .object([:])

    private static func load(_ name: String, _ ext: String) -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Assets"),
            let data = try? Data(contentsOf: url)
        else { return ByteBuffer() }
        return ByteBuffer(bytes: data)
    }

    package static func register(on router: Router<AppContext>) {
        router.get("/assets/site.css") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: stylesheet)
            )
        }
        router.get("/api/v1/openapi.json") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: openAPI)
            )
        }
    }
}
