/// A vCard 4.0 (RFC 6350) of one person: their formatted name, their handle as a nickname, and their address and
/// a link when given. Text values are escaped (`\\`, `,`, `;`, line breaks) and lines are folded at 75 octets
/// without splitting a character; every line ends in CRLF.
public enum VCard {
    public static func card(name: String, handle: String, email: String?, url: String?) -> String {
        var lines = ["BEGIN:VCARD", "VERSION:4.0", "FN:" + escaped(name.isEmpty ? handle : name)]
        lines.append("NICKNAME:" + escaped(handle))
        if let email, !email.isEmpty { lines.append("EMAIL;TYPE=home:" + escaped(email)) }
        if let url, !url.isEmpty { lines.append("URL:" + url) }
        lines.append("END:VCARD")
        return lines.map(folded).joined()
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ",": out += "\\,"
            case ";": out += "\\;"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `line` cut into lines of at most 75 octets, each continuation starting with a space (RFC 6350 §3.2).
    static func folded(_ line: String) -> String {
        var out = ""
        var octets = 0
        for character in line {
            let size = character.utf8.count
            if octets + size > 75 {
                out += "\r\n "
                octets = 1
            }
            out.append(character)
            octets += size
        }
        return out + "\r\n"
    }
}
