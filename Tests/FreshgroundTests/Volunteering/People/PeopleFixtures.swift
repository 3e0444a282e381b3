import Foundation
import NIOCore

/// Files as the other tools export them, kept as text (the test target copies no resources). Line numbers in the
/// comments are the file's own, the header being line 1.
enum PeopleFixtures {
    /// An Action Network activist download: consent is `can2_subscription_status`. Taken: lines 2, 4 (an address
    /// with a comma in the name), 8; already a member: line 6 (mia); refused: 3 (unsubscribed), 5 (the same address
    /// as line 2), 7 (no address), 9 (bouncing), 10 (not an address).
    static let actionNetwork = """
        first_name,last_name,email,zip_code,can2_country,can2_subscription_status\r
        Ada,Lovelace,ada@example.org,LS1 1AA,GB,subscribed\r
        Bob,Brown,bob@example.org,LS2 2BB,GB,unsubscribed\r
        "Cy, the younger",Young,cy@example.org,,GB,subscribed\r
        Ada,Lovelace,ADA@example.org,,GB,subscribed\r
        Mia,Member,mia@example.org,,GB,subscribed\r
        Dee,Day,,LS3,GB,subscribed\r
        Eve,Evans,eve@example.org,,GB,subscribed\r
        Fay,Field,fay@example.org,,GB,bouncing\r
        Gus,Grey,gus(at)example.org,,GB,subscribed\r

        """

    /// A CiviCRM contact export with a custom "Consent" field. Taken: lines 2 and 5; refused: 3 (Do Not Email),
    /// 4 (consent "No"), 6 (the same address as line 2, in another case).
    static let civicrm = """
        Contact ID,Contact Type,First Name,Last Name,Display Name,Email,Do Not Email,Consent
        101,Individual,Hal,Hughes,Hal Hughes,hal@example.org,0,Yes
        102,Individual,Ida,Irons,Ida Irons,ida@example.org,1,Yes
        103,Individual,Jon,Jones,Jon Jones,jon@example.org,0,No
        104,Individual,Kit,Kane,"Kane, Kit",kit@example.org,,yes
        105,Individual,Hal,H.,Hal H.,HAL@EXAMPLE.ORG,0,Yes

        """

    /// A multipart form body with the text fields and one CSV file (its bytes as sent) in `file`, and its type.
    static func upload(fields: [(String, String)], file: [UInt8]) -> (type: String, body: ByteBuffer) {
        let boundary = "----freshground-people-boundary"
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n"
        body += "Content-Type: text/csv\r\n\r\n"
        let bytes = Array(body.utf8) + file + Array("\r\n--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(bytes: bytes))
    }
}
