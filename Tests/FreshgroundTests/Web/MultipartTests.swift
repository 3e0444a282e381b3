import FreshgroundWeb
import Testing

private let malformed = AppError.badRequest("The upload could not be read; please try again.")
private let notUTF8 = AppError.badRequest(
    "The form contained text that is not valid UTF-8. Please retype it and send again."
)

/// A body as a browser builds it: each piece is either text (sent as UTF-8) or raw bytes.
private func bytes(_ pieces: [any Sequence<UInt8>]) -> [UInt8] {
    pieces.flatMap { Array($0) }
}

/// Reading upload forms: text and files come out exactly as sent, and anything broken is refused, never guessed.
@Suite("Multipart forms")
struct MultipartTests {
    @Test func textFieldsAndAFileRoundTripExactly() throws {
        // setup: a preamble, odd header case, and file bytes that look like line breaks and boundaries
        let recording: [UInt8] =
            [0x00, 0xFF, 0xFE] + Array("\r\n--\r\n--Xy\r\n--XyZ-\r\n--XyZzy \r\n--XyZ--x\r\n\r\n--".utf8) + [
                0x0D, 0x0A,
            ]
        let body = bytes([
            "ignored preamble\r\n".utf8,
            "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nCafé ✊\r\n".utf8,
            "--XyZ\r\ncontent-DISPOSITION: form-data; name=\"notes\"\r\n\r\nline one\r\nline two\r\n".utf8,
            "--XyZ\r\nContent-Disposition: form-data; name=\"recording\"; filename=\"take.mp3\"\r\n".utf8,
            "CONTENT-TYPE: audio/mpeg\r\n\r\n".utf8,
            recording,
            "\r\n--XyZ--\r\n".utf8,
        ])
        // act
        let form = try MultipartForm(body: body, boundary: "XyZ")
        // check
        #expect(form.fields.values == ["title": ["Café ✊"], "notes": ["line one\r\nline two"]])
        #expect(
            form.files == [
                MultipartFile(field: "recording", filename: "take.mp3", contentType: "audio/mpeg", bytes: recording)
            ]
        )
    }

    @Test func aQuotedBoundaryFromTheHeaderReadsTheBody() throws {
        // setup
        let header = "multipart/form-data; boundary=\"----Web Kit:42\""
        let body = Array(
            "------Web Kit:42\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n------Web Kit:42--".utf8
        )
        // act
        let boundary = try #require(MultipartForm.boundary(fromContentType: header))
        let form = try MultipartForm(body: body, boundary: boundary)
        // check
        #expect(boundary == "----Web Kit:42")
        #expect(form.fields.raw("a") == "1")
    }

    @Test func filenamesLoseTheirPathsAndKeepEscapedQuotes() throws {
        // setup: a Windows path sent with bare backslashes, a Unix path, and an escaped quote
        let body = Array(
            """
            --b\r
            Content-Disposition: form-data; name="one"; filename="C:\\Users\\ana\\take1.wav"\r
            \r
            1\r
            --b\r
            Content-Disposition: form-data; name="two"; filename="/home/ana/take2.ogg"\r
            Content-Type: audio/ogg\r
            \r
            2\r
            --b\r
            Content-Disposition: form-data; name="three"; filename="say \\"hi\\".mp4"\r
            \r
            3\r
            --b--\r

            """.utf8
        )
        // act
        let files = try MultipartForm(body: body, boundary: "b").files
        // check
        #expect(files.map(\.field) == ["one", "two", "three"])
        #expect(files.map(\.filename) == ["take1.wav", "take2.ogg", "say \"hi\".mp4"])
        #expect(files.map(\.contentType) == ["application/octet-stream", "audio/ogg", "application/octet-stream"])
        #expect(files.map(\.bytes) == [[UInt8(ascii: "1")], [UInt8(ascii: "2")], [UInt8(ascii: "3")]])
    }

    @Test func anEmptyFileInputIsSkipped() throws {
        // setup
        let body = Array(
            ("--b\r\nContent-Disposition: form-data; name=\"recording\"; filename=\"\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nTalk\r\n--b--").utf8
        )
        // act
        let form = try MultipartForm(body: body, boundary: "b")
        // check
        #expect(form.files.isEmpty)
        #expect(form.fields.values == ["title": ["Talk"]])
    }

    @Test func textThatIsNotUTF8IsRefused() {
        // setup
        let body = bytes([
            "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n".utf8,
            [0x43, 0x61, 0x66, 0xE9] as [UInt8],
            "\r\n--b--".utf8,
        ])
        // act, check
        #expect(throws: notUTF8) { try MultipartForm(body: body, boundary: "b") }
    }

    @Test(arguments: [
        "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nTalk",
        "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nTalk\r\n--b",
        "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nTalk\r\n--bb--",
        "--b\r\nContent-Disposition: form-data; name=\"title\"\r\nTalk\r\n--b--",
        "--b\r\nContent-Disposition: form-data\r\n\r\nTalk\r\n--b--",
        "--b\r\nContent-Disposition: form-data; name=\"title\r\n\r\nTalk\r\n--b--",
        "--b\r\nContent-Type: text/plain\r\n\r\nTalk\r\n--b--",
        "no boundary at all",
        "",
    ])
    func brokenBodiesAreRefused(body: String) {
        #expect(throws: malformed) { try MultipartForm(body: Array(body.utf8), boundary: "b") }
    }

    @Test func aBoundaryThatRFC2046ForbidsIsRefused() {
        #expect(throws: malformed) { try MultipartForm(body: Array("--\r\n--".utf8), boundary: "") }
        #expect(throws: malformed) { try MultipartForm(body: [], boundary: String(repeating: "a", count: 71)) }
    }

    @Test(
        arguments: [
            ("multipart/form-data; boundary=----abc", "----abc"),
            ("multipart/form-data; boundary=\"----abc\"", "----abc"),
            ("Multipart/Form-Data; charset=utf-8; BOUNDARY=x1", "x1"),
            ("multipart/form-data;boundary=\"a b\" ", "a b"),
            ("multipart/form-data", nil),
            ("multipart/form-data; boundary=", nil),
            ("multipart/form-data; boundary=a; boundary=b", nil),
            ("multipart/form-data; boundary=\"unterminated", nil),
            ("multipart/form-data; boundary=bad;semi\"", nil),
            ("multipart/form-data; boundary=\(String(repeating: "a", count: 71))", nil),
            ("multipart/mixed; boundary=abc", nil),
            ("application/x-www-form-urlencoded", nil),
        ] as [(String, String?)]
    )
    func boundaryComesFromTheContentType(header: String, expected: String?) {
        #expect(MultipartForm.boundary(fromContentType: header) == expected)
    }
}
