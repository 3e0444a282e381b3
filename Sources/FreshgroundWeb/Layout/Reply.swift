import Foundation
import HTTPTypes
import Hummingbird

/// The few kinds of response handlers return.
package enum Reply {
    package static func html(_ page: HTML, status: HTTPResponse.Status = .ok) -> Response {
        html(buffer: ByteBuffer(string: page.raw), status: status)
    }

    package static func html(buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: buffer)
        )
    }

    /// A 303 redirect after a successful form post, optionally carrying a one-time message.
    package static func redirect(_ location: String, flash: String? = nil) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        if let flash { Flash.set(flash, on: &response) }
        return response
    }

    package static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// `value` as JSON, written by `JSONBytes`; in debug builds checked byte for byte against `encoder`.
    package static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONBytes.encode(value)
        #if DEBUG
        let reference = try encoder.encode(value)
        if Array(reference) != data {
            let ours = String(decoding: data, as: UTF8.self)
            assertionFailure("JSONBytes wrote \(ours), JSONEncoder \(String(decoding: reference, as: UTF8.self))")
        }
        #endif
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }
}

/// A message shown once on the next page, carried in a short-lived cookie so it survives the redirect.
package enum Flash {
    static let cookieName = "fg_flash"

    static func set(_ message: String, on response: inout Response) {
        let encoded = Token.base64URL(Array(message.prefix(300).utf8))
        response.setCookie(
            Cookie(name: cookieName, value: encoded, maxAge: 60, path: "/", httpOnly: true, sameSite: .lax)
        )
    }

    /// Reads the message, if any.
    package static func read(_ request: Request) -> String? {
        guard var value = request.cookies[cookieName]?.value, !value.isEmpty else { return nil }
        value = value.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while value.count % 4 != 0 { value += "=" }
        guard let data = Data(base64Encoded: value) else { return nil }
        return String(data: data, encoding: .utf8)
    }

    /// Clears the cookie once its message has been shown.
    package static func clear(on response: inout Response) {
        response.setCookie(Cookie(name: cookieName, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .lax))
    }
}

/// Reads the flash cookie into the context and clears it once a page has shown it.
package struct FlashMiddleware: RouterMiddleware {
    package typealias Context = AppContext
    let secureCookies: Bool

    package init(secureCookies: Bool) { self.secureCookies = secureCookies }

    package func handle(
        _ request: Request,
        context: AppContext,
        next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.flash = Flash.read(request)
        var response = try await next(request, context)
        if context.flash != nil && response.status != .seeOther {
            Flash.clear(on: &response)
        }
        if secureCookies {
            // Handlers set the flash without knowing the site's scheme; mark it Secure here like every cookie.
            var fields = response.headers
            fields.removeAll { $0.name == .setCookie }
            for field in response.headers where field.name == .setCookie {
                let secure = field.value.hasPrefix("\(Flash.cookieName)=") && !field.value.contains("; Secure")
                fields.append(HTTPField(name: .setCookie, value: secure ? field.value + "; Secure" : field.value))
            }
            response.headers = fields
        }
        return response
    }
}
