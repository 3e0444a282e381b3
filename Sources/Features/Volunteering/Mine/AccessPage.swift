import Foundation
import FreshgroundWeb
import Groups

/// "What organizers can see about me": what each kind of reader may learn, and every time an organizer read the
/// person's pledges, load, attendance, stage or notes, or exported them, newest first.
enum AccessPage {
    static func page(_ context: AppContext, _ entries: [AccessLog.Entry]) -> HTML {
        let rows = entries.map { entry -> HTML in
            """
            <tr><td>\(ZonedTime.display(entry.at, zone: "UTC")) UTC</td>\
            <td>\(entry.viewerHandle.isEmpty ? entry.viewerName : "\(entry.viewerName) (@\(entry.viewerHandle))")</td>\
            <td>\(entry.groupName ?? "")</td><td>\(entry.what.label)</td></tr>
            """
        }
        return Layout.page(
            title: "What organizers can see about me",
            context: context,
            main: """
                <h1>What organizers can see about me</h1>
                <ul>
                <li>The organizers of each of your groups see the hours you pledged to that group, and the work you \
                took on in it.</li>
                <li>When they offer you work, they learn only whether it would take you over the hours you pledged over \
                all your groups: yes or no. Never your load, never what you do in other groups.</li>
                <li>A shift's lead and the organizers of an event see who signed up for that shift or event, not the \
                group's members.</li>
                <li>Offers you declined are seen by nobody but you.</li>
                <li>A group's figures show counts, and any count under 5 only as "&lt;5".</li>
                </ul>
                <h2>Who read about you</h2>
                \(entries.isEmpty ? "<p class=\"empty\">Nobody has read your pledges, load, attendance or notes yet.</p>" as HTML : """
                <div class="table-wrap"><table><caption>Reads of your data by others, newest first</caption>
                <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">For the group</th>\
                <th scope="col">What</th></tr></thead><tbody>\(rows)</tbody></table></div>
                """)
                <p><a href="\(VolunteerPaths.mine())">Back to my work</a></p>
                """
        )
    }
}
