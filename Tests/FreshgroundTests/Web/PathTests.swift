import Foundation
import FreshgroundWeb
import People
import Testing

/// Links are made from the routes' patterns; a value is always one percent-encoded segment.
@Suite("Paths")
struct PathTests {
    @Test func valuesFillTheirSegmentsInOrderAndStayOneSegmentEach() {
        #expect(Path("/groups/:slug/posts/:id")("leeds-left-unity", 7) == "/groups/leeds-left-unity/posts/7")
        #expect(Path("/groups/:slug")("a/b") == "/groups/a%2Fb")
        #expect(Path("/search/:word")("rent strike?") == "/search/rent%20strike%3F")
        #expect(Path("/")() == "/")
        #expect(Path("/events/")() == "/events/")
        #expect(Path("/people/:handle/")("ada") == "/people/ada/")
        #expect(Path("/:slug")("leeds") == "/leeds")
        #expect(Path("/a/:b/:c")(1, "x y") == "/a/1/x%20y")
    }

    /// The log-in link carries the page it came from as one query value; plain paths skip the encoder and come
    /// out the same.
    @Test func theLogInLinkCarriesItsPageAsOneQueryValue() {
        let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&+=#?"))
        let pages = [
            "/groups/leeds-left-unity", "/me/settings", "/search?q=rent strike&page=2", "/groups/ä", "/a+b", "/x#y",
            "/100%", "/a=b", "/~x_y.z",
        ]
        for page in pages {
            let encoded = page.addingPercentEncoding(withAllowedCharacters: allowed)
            #expect(encoded != nil)
            #expect(PeoplePaths.logIn(next: page) == "/login?next=" + (encoded ?? ""), "\(page)")
        }
        #expect(PeoplePaths.logIn(next: "/") == "/login")
    }

    /// The quick way for plain values gives what Foundation's encoder gives, for every kind of value.
    @Test func encodingMatchesFoundationsForAnyValue() {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;?#"))
        let values = [
            "", "leeds-left-unity", "12", "a.b_c-d~e", "A Z", "ä", "Ünïcödé", "x/y", "a;b", "q?x#y", "100%", "~",
            "@", "+", "a&b=c", "'quote'", "emoji 🚩", "tab\there", "..", "-", "ÄBC123", "日本",
        ]
        for value in values {
            #expect(Path.encode(value) == value.addingPercentEncoding(withAllowedCharacters: allowed), "\(value)")
        }
    }
}
