import Foundation
import FreshgroundCore
import Testing

/// Digests are stored as hex and compared as text, so the hand-written encoding must spell every byte as
/// Foundation's `%02x` did: a session cookie whose digest came out differently would sign its person out.
@Suite struct HexTests {
    @Test func everyByteIsTwoLowercaseDigitsAsFormatWroteThem() {
        // setup
        let bytes = (0...255).map(UInt8.init)

        // act
        let hex = bytes.hex

        // check
        #expect(hex == bytes.map { String(format: "%02x", $0) }.joined())
        #expect(hex.utf8.count == 512)
        #expect([UInt8]().hex == "")
    }
}
