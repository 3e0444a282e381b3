import Foundation
import FreshgroundWeb
import People

/// Writing to a group's organizers, and one message as the organizers read and answer it.
enum ContactPages {
    /// The form for a signed-in person; for an anonymous visitor, a way to log in that comes back here.
    static func form(_ context: AppContext, group: Group, fields: FieldSet) -> HTML {
        let path = GroupPaths.contact(group.slug)
        let body: HTML =
            if context.person == nil {
                """
                <p><a href="\(PeoplePaths.logIn(next: path))">Log in to write to the organizers</a> \
                (or <a href="\(PeoplePaths.signUp(next: path))">sign up</a>).</p>
                """
            } else {
                """
                <p>Your message reaches the organizers of \(group.name) as a notification, and by email if they \
                chose so. They see your name and handle, never your email address, and you do not see theirs; \
                they can answer you here on the site. You can send \(GroupMessages.perHour) messages an hour.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: path, novalidate: true))
                \(fields.text("subject", label: "Subject", required: true, hint: "Up to \(GroupMessages.subjectMax) characters."))
                \(fields.textarea("body", label: "Your message", rows: 10, hint: "Plain text, up to \(GroupMessages.bodyMax.formatted()) characters."))
                <button type="submit">Send to the organizers</button>
                </form>
                """
            }
        return Layout.page(
            title: "Write to the organizers of \(group.name)",
            context: context,
            main: """
                <h1>Write to the organizers of \(group.name)</h1>
                \(body)
                <p><a href="\(GroupPaths.group(group.slug))">Back to \(group.name)</a></p>
                """
        )
    }

    /// A message to the group with the organizers' reply form.
    static func message(_ context: AppContext, group: Group, message: GroupMessage, fields: FieldSet) -> HTML {
        Layout.page(
            title: message.subject,
            context: context,
            main: """
                <h1>\(message.subject)</h1>
                <p class="meta">From \(message.senderShown) to the organizers of \
                <a href="\(GroupPaths.group(group.slug))">\(group.name)</a>, \
                <time datetime="\(GroupParts.iso(message.createdAt))">\(GroupParts.day(message.createdAt))</time></p>
                <div class="message-body">\(paragraphs(message.body))</div>
                <h2 id="reply-title">Reply</h2>
                <p>Your reply reaches \(message.senderShown) as a notification from “the organizers of \
                \(group.name)”: it names neither you nor your email address.</p>
                \(fields.summary)
                \(FormParts.postForm(context, to: GroupPaths.message(group.slug, message.id), novalidate: true))
                \(fields.textarea("body", label: "Your reply", rows: 8, hint: "Plain text, up to \(GroupMessages.bodyMax.formatted()) characters."))
                <button type="submit">Send the reply</button>
                </form>
                """
        )
    }

    /// Plain text as paragraphs, its line breaks kept.
    private static func paragraphs(_ text: String) -> HTML {
        text.components(separatedBy: "\n\n").map { paragraph -> HTML in
            "<p>\(paragraph.components(separatedBy: "\n").map { line -> HTML in "\(line)" }.joined(separator: "<br>"))</p>"
        }.joined()
    }
}
