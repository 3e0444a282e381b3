/// Reads one data row of a people file by its preset's columns: a `Row` taken, or a `Refusal` with the reason.
struct RowReader {
    let preset: PeopleImport.Preset
    let columns: Columns
    let consent: Int
    private let first: Int?
    private let last: Int?
    private let whole: Int?
    private let email: Int?
    private let handle: Int?
    private let doNotEmail: Int?

    init(preset: PeopleImport.Preset, columns: Columns, consent: Int) throws(PeopleImport.FileProblem) {
        self.preset = preset
        self.columns = columns
        self.consent = consent
        switch preset {
        case .actionNetwork:
            (first, last, whole, handle, doNotEmail) = (columns["first_name"], columns["last_name"], nil, nil, nil)
            email = columns["email"] ?? columns["email address"]
            guard email != nil else { throw .missingColumns(["email"]) }
        case .civicrm:
            (first, last, whole, handle) = (columns["First Name"], columns["Last Name"], columns["Display Name"], nil)
            email = columns["Email"] ?? columns["Email (Primary)"]
            doNotEmail = columns["Do Not Email"]
            guard email != nil else { throw .missingColumns(["Email"]) }
        case .freshground:
            (first, last, whole, doNotEmail) = (nil, nil, columns["name"], nil)
            handle = columns["handle"]
            email = columns["email"]
            guard handle != nil || email != nil else { throw .missingColumns(["handle", "email"]) }
        }
    }

    func read(_ record: CSV.Record) -> Result<PeopleImport.Row, PeopleImport.Refusal> {
        func refuse(_ reason: String) -> Result<PeopleImport.Row, PeopleImport.Refusal> {
            .failure(PeopleImport.Refusal(line: record.line, reason: reason))
        }
        func value(_ column: Int?) -> String {
            guard let column, column < record.fields.count else { return "" }
            let text = PeopleImport.trimmed(record.fields[column])
            return preset == .freshground ? CSV.unguarded(text) : text
        }
        if record.fields.dropFirst(columns.count).contains(where: { !PeopleImport.trimmed($0).isEmpty }) {
            return refuse("The row has \(record.fields.count) fields; the header names \(columns.count).")
        }
        let address = value(email).lowercased()
        var handleText = value(handle).lowercased()
        if handleText.hasPrefix("@") { handleText.removeFirst() }
        if !address.isEmpty && !PeopleImport.isEmail(address) {
            return refuse("“\(value(email))” is not an email address.")
        }
        if address.isEmpty && (preset != .freshground || handleText.isEmpty) {
            return refuse(
                preset == .freshground
                    ? "The row has neither a handle nor an email address." : "The row has no email address."
            )
        }
        let said = value(consent)
        if !PeopleImport.yes.contains(said.lowercased()) {
            return refuse(
                said.isEmpty
                    ? "No consent: the consent column is empty."
                    : "No consent: the consent column says “\(said)”, not yes."
            )
        }
        if ["yes", "y", "true", "1", "x"].contains(value(doNotEmail).lowercased()) {
            return refuse("The source marks this person “Do Not Email”.")
        }
        let joined = [value(first), value(last)].filter { !$0.isEmpty }.joined(separator: " ")
        let name = value(whole).isEmpty ? joined : value(whole)
        if name.count > 200 { return refuse("The name is longer than 200 characters.") }
        return .success(PeopleImport.Row(line: record.line, name: name, email: address, handle: handleText))
    }
}
