import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps this server's requests to other servers away from its own network: a remote address must be http(s)
/// (https unless loopback is allowed for tests) and name a host whose every address is public. Loopback,
/// private, link-local (the cloud metadata address 169.254.169.254 among them), shared, multicast and reserved
/// addresses are refused, in IPv4, IPv6 and IPv4 written inside IPv6. `allowLoopback` is the test setting: it
/// lets plain http reach 127.0.0.0/8 and ::1, and nothing else of the refused ranges.
package enum AddressGuard {
    package enum Refusal: Error, Equatable, CustomStringConvertible {
        case notHTTP, noHost
        case unresolvable(String)
        case forbidden(String)

        package var description: String {
            switch self {
            case .notHTTP: "only https addresses are fetched"
            case .noHost: "the address names no host"
            case .unresolvable(let host): "\(host) does not resolve"
            case .forbidden(let host): "\(host) is a private, loopback or reserved address"
            }
        }
    }

    /// The URL when it may be fetched; otherwise the reason it may not.
    package static func check(_ text: String, allowLoopback: Bool) async throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "https" || (scheme == "http" && allowLoopback)
        else { throw Refusal.notHTTP }
        guard var host = url.host, !host.isEmpty else { throw Refusal.noHost }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let resolved = host
        let addresses = try await Task.detached { try resolve(resolved) }.value
        guard !addresses.isEmpty else { throw Refusal.unresolvable(host) }
        for address in addresses where !isPublic(address, allowLoopback: allowLoopback) {
            throw Refusal.forbidden(host)
        }
        if scheme == "http" && !addresses.allSatisfy({ isLoopback($0) }) { throw Refusal.notHTTP }
        return url
    }

    /// An address as its bytes: 4 for IPv4, 16 for IPv6.
    package static func isPublic(_ bytes: [UInt8], allowLoopback: Bool = false) -> Bool {
        if allowLoopback && isLoopback(bytes) { return true }
        if bytes.count == 16 {
            // IPv4-mapped (::ffff:a.b.c.d) and the NAT64 prefix (64:ff9b::a.b.c.d) carry an IPv4 address.
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff
                || bytes[0..<12] == [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0][...]
            {
                return isPublic(Array(bytes[12...]), allowLoopback: allowLoopback)
            }
            if bytes[0..<15].allSatisfy({ $0 == 0 }) { return false }  // :: and ::1
            if bytes[0] & 0xfe == 0xfc { return false }  // unique local fc00::/7
            if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 { return false }  // link-local fe80::/10
            if bytes[0] == 0xff { return false }  // multicast
            if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8 { return false }  // docs
            return true
        }
        guard bytes.count == 4 else { return false }
        let (a, b) = (bytes[0], bytes[1])
        switch a {
        case 0, 10, 127: return false
        case 100 where b & 0xc0 == 64: return false  // shared address space 100.64/10
        case 169 where b == 254: return false  // link-local, cloud metadata
        case 172 where b & 0xf0 == 16: return false
        case 192 where b == 168 || (b == 0 && bytes[2] == 0): return false
        case 198 where b & 0xfe == 18: return false  // benchmarking 198.18/15
        case 224...: return false  // multicast, reserved, broadcast
        default: return true
        }
    }

    static func isLoopback(_ bytes: [UInt8]) -> Bool {
        (bytes.count == 4 && bytes[0] == 127)
            || (bytes.count == 16 && bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1)
    }

    /// Every address the host resolves to (a literal address resolves to itself).
    static func resolve(_ host: String) throws -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else {
            throw Refusal.unresolvable(host)
        }
        defer { freeaddrinfo(first) }
        var addresses: [[UInt8]] = []
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let entry = next {
            if let address = entry.pointee.ai_addr {
                switch Int32(entry.pointee.ai_family) {
                case AF_INET:
                    address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet in
                        var raw = inet.pointee.sin_addr
                        addresses.append(withUnsafeBytes(of: &raw) { Array($0) })
                    }
                case AF_INET6:
                    address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { inet in
                        var raw = inet.pointee.sin6_addr
                        addresses.append(withUnsafeBytes(of: &raw) { Array($0) })
                    }
                default: break
                }
            }
            next = entry.pointee.ai_next
        }
        return addresses
    }
}
