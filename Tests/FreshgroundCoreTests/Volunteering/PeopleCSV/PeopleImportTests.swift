import FreshgroundCore
import Testing

@Suite("Reading people files from Action Network, CiviCRM and Freshground")
struct PeopleImportTests {
    /// An Action Network activist export: consent is the subscription status.
    static let actionNetwork = """
        first_name,last_name,email,zip_code,can2_subscription_status\r
        Ada,Lovelace,ADA@example.org,LS1 1AA,subscribed\r
        Bob,Brown,bob@example.org,LS2,unsubscribed\r
        Cy,,not-an-address,,subscribed\r
        Ada,L.,ada@example.org,,subscribed\r
        Dee,Day,,LS3,subscribed\r
        "Eve, Jr",Evans,eve@example.org,,Subscribed\r

        ,,,,\r
        Fay,Field,fay@example.org,,\r
        """

    @Test func everyRowIsTakenOrRefusedByItsLine() throws {
        let plan = try PeopleImport.plan(Self.actionNetwork, preset: .actionNetwork, dedupe: .email)
        #expect(
            plan.rows == [
                .init(line: 2, name: "Ada Lovelace", email: "ada@example.org"),
                .init(line: 7, name: "Eve, Jr Evans", email: "eve@example.org"),
            ]
        )
        #expect(
            plan.refused == [
                .init(line: 3, reason: "No consent: the consent column says “unsubscribed”, not yes."),
                .init(line: 4, reason: "“not-an-address” is not an email address."),
                .init(line: 5, reason: "The same person as line 2."),
                .init(line: 6, reason: "The row has no email address."),
                .init(line: 10, reason: "No consent: the consent column is empty."),
            ]
        )
    }

    @Test func byNameAndEmailTwoNamesAtOneAddressStayTwoPeople() throws {
        let plan = try PeopleImport.plan(Self.actionNetwork, preset: .actionNetwork, dedupe: .nameAndEmail)
        #expect(plan.rows.map(\.line) == [2, 5, 7], "Ada Lovelace and Ada L. share an address")
        let same =
            "first_name,last_name,email,can2_subscription_status\nAda,Lovelace,a@x.org,subscribed\n"
            + "ada ,  LOVELACE,A@x.org,yes\n"
        let twice = try PeopleImport.plan(same, preset: .actionNetwork, dedupe: .nameAndEmail)
        #expect(twice.refused == [.init(line: 3, reason: "The same person as line 2.")])
    }

    @Test func civicrmReadsItsHeadersAndHonoursDoNotEmail() throws {
        let text = """
            Contact ID,First Name,Last Name,Display Name,Email,Do Not Email,Consent
            11,Ada,Lovelace,"Lovelace, Ada",ada@example.org,0,Yes
            12,Bob,Brown,Bob Brown,bob@example.org,1,Yes
            13,Cy,Young,Cy Young,cy@example.org,,No
            """
        let plan = try PeopleImport.plan(text, preset: .civicrm, dedupe: .email)
        #expect(plan.rows == [.init(line: 2, name: "Lovelace, Ada", email: "ada@example.org")])
        #expect(plan.refused.map(\.line) == [3, 4])
        #expect(plan.refused[0].reason == "The source marks this person “Do Not Email”.")
    }

    @Test func theConsentColumnIsRequiredAndMayBeNamed() throws {
        let text = "First Name,Last Name,Email\nAda,L,ada@example.org\n"
        #expect(throws: PeopleImport.FileProblem.noConsentColumn("Consent")) {
            try PeopleImport.plan(text, preset: .civicrm, dedupe: .email)
        }
        let named = "First Name,Email,Opted in to newsletter\nAda,ada@example.org,TRUE\n"
        let plan = try PeopleImport.plan(
            named,
            preset: .civicrm,
            dedupe: .email,
            consentColumn: "opted_in to newsletter"
        )
        #expect(plan.rows.map(\.email) == ["ada@example.org"])
    }

    @Test func freshgroundFilesNameHandlesAndTheirGuardsComeOff() throws {
        let text = CSV.document(
            header: ["handle", "name", "role", "joined_on", "pledge_hours", "consent"],
            rows: [
                ["ada", "=Ada", "member", "2026-01-02", "3", "yes"], ["@bob", "Bob", "organizer", "", "", "yes"],
                ["cy", "Cy", "member", "", "", ""], ["ADA", "Ada again", "member", "", "", "yes"],
            ],
            guardFormulas: true
        )
        let plan = try PeopleImport.plan(text, preset: .freshground, dedupe: .email)
        #expect(
            plan.rows == [
                .init(line: 2, name: "=Ada", email: "", handle: "ada"),
                .init(line: 3, name: "Bob", email: "", handle: "bob"),
            ]
        )
        #expect(plan.refused.map(\.line) == [4, 5])
    }

    @Test func wholeFilesAreRefusedForWhatNoRowCanFix() {
        #expect(throws: PeopleImport.FileProblem.missingColumns(["email"])) {
            try PeopleImport.plan(
                "first_name,can2_subscription_status\nA,subscribed",
                preset: .actionNetwork,
                dedupe: .email
            )
        }
        #expect(throws: PeopleImport.FileProblem.noRows) {
            try PeopleImport.plan("email,can2_subscription_status\r\n", preset: .actionNetwork, dedupe: .email)
        }
        #expect(throws: PeopleImport.FileProblem.tooManyRows(2)) {
            try PeopleImport.plan(
                "email,consent\na@b.c,y\nb@b.c,y\nc@b.c,y",
                preset: .freshground,
                dedupe: .email,
                maximumRows: 2
            )
        }
        #expect(throws: PeopleImport.FileProblem.self) {
            try PeopleImport.plan("email,consent\n\"a@b.c,y", preset: .freshground, dedupe: .email)
        }
    }

    @Test func aRowWithMoreFieldsThanTheHeaderIsRefused() throws {
        let plan = try PeopleImport.plan(
            "email,consent\na@b.co,yes,extra\nb@b.co,yes,\n",
            preset: .freshground,
            dedupe: .email
        )
        #expect(plan.refused == [.init(line: 2, reason: "The row has 3 fields; the header names 2.")])
        #expect(plan.rows.map(\.email) == ["b@b.co"], "an empty trailing field is no extra data")
    }
}
