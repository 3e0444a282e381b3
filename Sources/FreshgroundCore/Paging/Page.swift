/// One page of a list: which rows to fetch and how to link to the neighbours.
package struct PageRequest: Sendable, Equatable {
    package static let defaultSize = 20
    package static let maximumPage = 10_000

    package let number: Int
    package let size: Int

    /// Reads a page number typed into a URL; anything missing, negative or absurd falls back to page 1
    /// rather than failing, because a stale link should still show something.
    package init(_ text: String?, size: Int = PageRequest.defaultSize) {
        let parsed = text.flatMap { Int($0) } ?? 1
        self.number = min(max(parsed, 1), PageRequest.maximumPage)
        self.size = size
    }

    package init(number: Int, size: Int = PageRequest.defaultSize) {
        self.number = min(max(number, 1), PageRequest.maximumPage)
        self.size = size
    }

    package var offset: Int { (number - 1) * size }

    /// Fetch one row more than a page to learn whether a next page exists without a COUNT.
    package var probeLimit: Int { size + 1 }
}

/// A page of items with enough to draw pagination links.
package struct Page<Item: Sendable>: Sendable {
    package var items: [Item]
    package let request: PageRequest
    package let hasNext: Bool
    package let total: Int?

    /// Builds a page from rows fetched with `request.probeLimit`; the extra row only signals a next page.
    package init(probed rows: [Item], request: PageRequest, total: Int? = nil) {
        self.hasNext = rows.count > request.size
        self.items = Array(rows.prefix(request.size))
        self.request = request
        self.total = total
    }

    package var hasPrevious: Bool { request.number > 1 }

    package func map<Other: Sendable>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(items: try items.map(transform), request: request, hasNext: hasNext, total: total)
    }

    private init(items: [Item], request: PageRequest, hasNext: Bool, total: Int?) {
        self.items = items
        self.request = request
        self.hasNext = hasNext
        self.total = total
    }
}
