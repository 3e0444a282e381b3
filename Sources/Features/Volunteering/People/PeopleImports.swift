import Foundation
import FreshgroundCore
import FreshgroundStore
import FreshgroundWeb
import Groups
import Mail
import SQLKit

/// Importing a list of people into one group, for its organizers: the file is read by `PeopleImport` (Core), each
/// row is matched against the site (an account with that address or handle, the group's members, the people an
/// earlier import already invited), and every row that is left gets a **single-use invitation link** mailed to
/// its address. No account is made and nobody joins until they open their link themselves. A real run writes all
/// its invitations and mails in one transaction, or none; a dry run writes nothing.
struct PeopleImports: Sendable {
    let services: AppServices

    /// How long an imported person's invitation link lives, in days.
    static let inviteDays = 30

    /// One person who gets (or would get) an invitation. `shown` is what the organizer sees: the address the file
    /// gave, or the handle; an account's own address is never shown.
    struct Invitee: Sendable {
        let line: Int
        let name: String
        let shown: String
        fileprivate let address: String
    }

    /// What a run did or would do, row by row.
    struct Report: Sendable {
        let dryRun: Bool
        let invited: [Invitee]
        /// Lines of people already active in the group.
        let members: [Int]
        /// Lines of people an earlier import of this group invited already.
        let earlier: [Int]
        let refused: [PeopleImport.Refusal]
    }

    private var sql: any SQLDatabase { services.store.sql }

    /// The group with `slug` if `person` organizes it; not found for anyone else.
    func group(_ slug: String, organizer person: CurrentPerson) async throws -> Group {
        guard let id = try await GroupAccess(sql).group(slug: slug, actingFor: person, roles: Role.organizing),
            let group = try await GroupQueries(services: services).group(id: id)
        else { throw AppError.notFound }
        return group
    }

    /// The text of the uploaded file (field `file`), else the pasted `text`.
    static func text(_ form: FormData, uploads: [MultipartFile]) throws -> String {
        if let file = uploads.first(where: { $0.field == "file" }) {
            guard file.size <= 5_000_000 else {
                throw AppError.validation(["file": "The file is larger than 5 MB; split it into smaller files."])
            }
            guard let text = String(validating: file.bytes, as: UTF8.self) else {
                throw AppError.validation(["file": "The file is not UTF-8 text; save it as “CSV UTF-8” and try again."])
            }
            return text
        }
        let text = form.raw("text")
        if text.trimmingWhitespace().isEmpty {
            throw AppError.validation(["text": "Choose a CSV file or paste its text."])
        }
        return text
    }

    /// What the organizer chose: where the file comes from, how the same person is recognised, and the consent
    /// column when it is not the source's usual one.
    struct Options: Sendable {
        let preset: PeopleImport.Preset
        let dedupe: PeopleImport.Dedupe
        let consentColumn: String

        /// The choices named `preset`, `dedupe` and `consent_column` in a form or body; a refusal names the field.
        static func read(preset: String, dedupe: String, consentColumn: String) throws -> Options {
            var errors: [String: String] = [:]
            let source = PeopleImport.Preset(rawValue: preset)
            let same = PeopleImport.Dedupe(rawValue: dedupe)
            if source == nil { errors["preset"] = "Choose where the file comes from." }
            if same == nil { errors["dedupe"] = "Choose how the same person is recognised." }
            guard let source, let same else { throw AppError.validation(errors) }
            return Options(preset: source, dedupe: same, consentColumn: consentColumn)
        }
    }

    /// Reads `text` and, unless `dryRun`, invites every person it leaves. A file refused whole is a validation
    /// error under `field`.
    func run(
        _ group: Group,
        text: String,
        options: Options,
        field: String,
        dryRun: Bool,
        by person: CurrentPerson
    ) async throws -> Report {
        let (preset, dedupe) = (options.preset, options.dedupe)
        let plan: PeopleImport.Plan
        do {
            plan = try PeopleImport.plan(text, preset: preset, dedupe: dedupe, consentColumn: options.consentColumn)
        } catch {
            throw AppError.validation([field: error.message])
        }
        let report = try await match(plan, group: group, dedupe: dedupe, dryRun: dryRun)
        guard !dryRun, !report.invited.isEmpty else { return report }
        let now = services.clock()
        let batch = Self.batch(group.id)
        try await services.store.transaction { sql in
            for invitee in report.invited {
                let token = Token.random()
                _ = try await sql.insertReturningID(
                    into: "invites",
                    [
                        "group_id": group.id, "token_digest": Token.digest(token), "created_by": person.id,
                        "created_at": now, "expires_at": now.addingTimeInterval(Double(Self.inviteDays) * 86_400),
                        "uses": 0, "max_uses": 1,
                    ]
                )
                let message = mail(invitee, token: token, group: group, preset: preset, by: person)
                try await services.outbox.enqueue(message, on: sql, batch: batch)
            }
        }
        services.deliverMailSoon()
        return report
    }

    /// The outbox batch of a group's import invitations: it also tells a later import who was invited before.
    static func batch(_ group: Int) -> String { "people-import-\(group)" }

    private func mail(
        _ invitee: Invitee,
        token: String,
        group: Group,
        preset: PeopleImport.Preset,
        by person: CurrentPerson
    ) -> MailMessage {
        let link = services.site.base + GroupPaths.invite(token)
        let hello = invitee.name.isEmpty ? "Hello," : "Hello \(invitee.name),"
        return MailMessage(
            to: invitee.address,
            toName: invitee.name,
            subject: "An invitation to join \(group.name)",
            body: """
                \(hello)

                \(person.shownName) invites you to join \(group.name) on \(services.site.name). Your address was \
                on a list the group kept in \(preset == .freshground ? "another group here" : preset.label), where \
                you agreed to hear from them.

                To join, open this link (it works once, for \(Self.inviteDays) days):
                \(link)

                If you do not want to join, ignore this message. No account has been made for you, and you will \
                not be written to again about this invitation.

                -- \n\(services.site.name)\n\(services.site.base)/
                """
        )
    }

    /// Rows meaning one person: the same address, or (by name and email) the same address and name.
    private func key(_ address: String, _ name: String, _ dedupe: PeopleImport.Dedupe) -> String {
        guard dedupe == .nameAndEmail else { return address }
        return address + "\u{0}" + name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private struct Account: Decodable {
        let id: Int
        let handle: String
        let email: String?
    }

    /// Matches the plan's rows against the site: accounts by handle or address, the group's active members, and
    /// the addresses earlier imports of the group invited.
    private func match(
        _ plan: PeopleImport.Plan,
        group: Group,
        dedupe: PeopleImport.Dedupe,
        dryRun: Bool
    ) async throws -> Report {
        let emails = Array(Set(plan.rows.map(\.email).filter { !$0.isEmpty }))
        let handles = Array(Set(plan.rows.map(\.handle).filter { !$0.isEmpty }))
        var byEmail: [String: Account] = [:]
        var byHandle: [String: Account] = [:]
        for chunk in stride(from: 0, to: emails.count, by: 500) {
            let part = Array(emails[chunk..<min(chunk + 500, emails.count)])
            for account in try await sql.raw(
                "SELECT id, handle, email FROM people WHERE email IN (\(binds: part))"
            ).rows(Account.self) { byEmail[account.email ?? ""] = account }
        }
        for chunk in stride(from: 0, to: handles.count, by: 500) {
            let part = Array(handles[chunk..<min(chunk + 500, handles.count)])
            for account in try await sql.raw(
                "SELECT id, handle, email FROM people WHERE handle IN (\(binds: part))"
            ).rows(Account.self) { byHandle[account.handle] = account }
        }
        let members = Set(
            try await sql.raw(
                "SELECT am.person_id FROM \(GroupAccess.activeMemberships) am WHERE am.group_id = \(bind: group.id)"
            ).column("person_id", as: Int.self)
        )
        let invitedBefore = Set(
            try await sql.raw(
                "SELECT DISTINCT recipient FROM mail_outbox WHERE batch = \(bind: Self.batch(group.id))"
            ).column("recipient", as: String.self)
        )
        var refused = plan.refused
        var invited: [Invitee] = []
        var memberLines: [Int] = []
        var earlier: [Int] = []
        var taken: [String: Int] = [:]
        for row in plan.rows {
            let account = row.handle.isEmpty ? byEmail[row.email] : byHandle[row.handle] ?? byEmail[row.email]
            if !row.handle.isEmpty && account == nil && row.email.isEmpty {
                refused.append(.init(line: row.line, reason: "No account here has the handle @\(row.handle)."))
                continue
            }
            if let account, members.contains(account.id) {
                memberLines.append(row.line)
                continue
            }
            let address = row.email.isEmpty ? (account?.email ?? "") : row.email
            if address.isEmpty {
                refused.append(.init(line: row.line, reason: "@\(row.handle) has no address an invitation can go to."))
            } else if invitedBefore.contains(address) {
                earlier.append(row.line)
            } else if let first = taken[key(address, row.name, dedupe)] {
                refused.append(.init(line: row.line, reason: "The same person as line \(first)."))
            } else {
                taken[key(address, row.name, dedupe)] = row.line
                let shown = row.email.isEmpty ? "@\(row.handle)" : row.email
                invited.append(Invitee(line: row.line, name: row.name, shown: shown, address: address))
            }
        }
        return Report(
            dryRun: dryRun,
            invited: invited,
            members: memberLines,
            earlier: earlier,
            refused: refused.sorted { $0.line < $1.line }
        )
    }
}
