import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The outermost middleware: gives each request an id, answers it in the `X-Request-Id` header, logs one line
/// when the request is answered and counts it in the app's metrics.
///
/// The log line names the route's pattern (`/people/{handle}`), never the address asked for, which can hold a
/// handle, a token or a search; nor any header, form field or the client's address. An id a proxy sent is kept
/// when it is plain (letters, digits, dashes, up to 64), so one request can be followed through both logs.
package struct RequestLogMiddleware: RouterMiddleware {
    package typealias Context = AppContext
    let observatory: Observatory

    package init(observatory: Observatory) { self.observatory = observatory }

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        let id = Self.id(from: request.headers[Self.header])
        var context = context
        context.logger[metadataKey: "request_id"] = .string(id)
        let started = ContinuousClock.now
        do {
            var response = try await next(request, context)
            response.headers[Self.header] = id
            finish(request, context, status: Int(response.status.code), started: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            finish(request, context, status: Int(status), started: started)
            throw error
        }
    }

    private func finish(_ request: Request, _ context: AppContext, status: Int, started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        observatory.requestAnswered(route: route, method: request.method.rawValue, status: status, duration: elapsed)
        context.logger.log(
            level: status >= 500 ? .error : .info,
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "route": .string(route),
                "status": .stringConvertible(status),
                "ms": .string(Self.milliseconds(elapsed)),
            ]
        )
    }

    package static let header = HTTPField.Name("X-Request-Id")!

    /// A duration in milliseconds to one decimal ("12.3"), rounded half up. `String(format:)` goes through
    /// Foundation's locale-aware formatter, which cost more than the rest of the log line.
    static func milliseconds(_ elapsed: Duration) -> String {
        let (seconds, attoseconds) = elapsed.components
        let tenths = (seconds * 10_000 + (attoseconds + 50_000_000_000_000) / 100_000_000_000_000)
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func id(from given: String?) -> String {
        if let given, !given.isEmpty, given.count <= 64,
            given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        {
            return given
        }
        return freshID()
    }

    /// A random (version 4) UUID in lower case. Foundation's `UUID()` opens `/dev/urandom` for every one on
    /// Linux, a file opened and closed per request; the system generator asks the kernel without a file.
    static func freshID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() & 0xFFFF_FFFF_FFFF_0FFF | 0x4000
        let low = generator.next() & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        let b = { (word: UInt64, index: Int) in UInt8(truncatingIfNeeded: word >> (56 - 8 * index)) }
        let uuid = UUID(
            uuid: (
                b(high, 0), b(high, 1), b(high, 2), b(high, 3), b(high, 4), b(high, 5), b(high, 6), b(high, 7),
                b(low, 0), b(low, 1), b(low, 2), b(low, 3), b(low, 4), b(low, 5), b(low, 6), b(low, 7)
            )
        )
        return uuid.uuidString.lowercased()
    }
}
