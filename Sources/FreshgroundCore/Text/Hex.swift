extension Sequence<UInt8> {
    /// The bytes in lowercase hexadecimal, two digits each: what token and content digests are kept and compared
    /// as. `String(format: "%02x")` per byte went through Foundation's formatter, 6% of a signed-in page's CPU for
    /// the session's digest alone.
    package var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
