import Foundation
import FreshgroundWeb

/// Every page address of People, registered by its routes and used by every link to them.
package enum PeoplePaths {
    package static let signUp = Path("/signup")
    package static let confirmEmail = Path("/signup/email/:token")
    package static let logIn = Path("/login")
    package static let logInCode = Path("/login/code")
    package static let logOut = Path("/logout")
    package static let tokens = Path("/me/tokens")
    package static let revokeToken = Path("/me/tokens/:id/revoke")
    package static let me = Path("/me")
    package static let myData = Path("/me/data.json")
    package static let deleteAccount = Path("/me/delete")
    package static let settings = Path("/me/settings")
    package static let settingsName = Path("/me/settings/name")
    package static let settingsPassword = Path("/me/settings/password")
    package static let settingsEmail = Path("/me/settings/email")
    package static let removeEmail = Path("/me/settings/email/remove")
    package static let sessions = Path("/me/sessions")
    package static let endSession = Path("/me/sessions/:id/sign-out")
    package static let endOtherSessions = Path("/me/sessions/sign-out-others")
    package static let twoFactor = Path("/me/two-factor")
    package static let twoFactorDisable = Path("/me/two-factor/disable")
    package static let recoveryCodes = Path("/me/two-factor/recovery-codes")
    package static let adminSecurity = Path("/admin/security")
    package static let forgotPassword = Path("/password/forgot")
    package static let resetPassword = Path("/password/reset/:token")

    /// The log-in page that sends the person on to `next` (a local path: the page they were on) afterwards.
    package static func logIn(next: String) -> String { logIn() + query(next: next) }
    /// The second step of logging in (a code from the authenticator), sending the person on to `next` afterwards.
    package static func logInCode(next: String) -> String { logInCode() + query(next: next) }
    /// The sign-up page that sends the new person on to `next` afterwards.
    package static func signUp(next: String) -> String { signUp() + query(next: next) }

    private static let queryValue = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&+=#?"))

    private static func query(next: String) -> String {
        guard next != "/" else { return "" }
        // Every anonymous page links to the log-in with its own address, mostly plain segments.
        if next.utf8.allSatisfy({ Path.isUnreserved($0) || $0 == UInt8(ascii: "/") }) { return "?next=" + next }
        return "?next=" + (next.addingPercentEncoding(withAllowedCharacters: queryValue) ?? "")
    }
}
