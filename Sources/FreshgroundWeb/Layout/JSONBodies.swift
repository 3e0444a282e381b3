import Foundation
import FreshgroundCore
import Hummingbird

/// A paged list as the API returns it.
package struct ListBody<Item: Encodable & Sendable>: Encodable, Sendable {
    package let items: [Item]
    package let page: Int
    package let perPage: Int
    package let total: Int?
    package let hasNext: Bool

    package init(_ page: Page<Item>, total: Int? = nil) {
        items = page.items
        self.page = page.request.number
        perPage = page.request.size
        self.total = total
        hasNext = page.hasNext
    }
}

/// Reads a JSON body, refusing anything unreadable with a problem the client can act on.
package func decodeJSON<T: Decodable>(_ type: T.Type, _ request: Request, _ context: AppContext) async throws -> T {
    let buffer: ByteBuffer
    do {
        buffer = try await request.body.collect(upTo: 1024 * 1024)
    } catch {
        throw AppError.badRequest("The body is larger than 1 MB.")
    }
    guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
        throw AppError.badRequest("The body contained text that is not valid UTF-8. Please retype it and send again.")
    }
    // A NUL character has no place in any field, and PostgreSQL refuses to store one.
    guard !text.lowercased().contains("\\u0000") else {
        throw AppError.badRequest("The body contained a NUL character (\\u0000); remove it and send again.")
    }
    // The document's schema first, so a body that does not fit it is refused as the document says.
    if let check = context.jsonBodyCheck, let value = try? JSONValue(parsing: Data(buffer.readableBytesView)) {
        try check.check(value)
    }
    do {
        return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    } catch {
        throw AppError.badRequest("The body is not the JSON this endpoint expects: \(error.localizedDescription)")
    }
}
