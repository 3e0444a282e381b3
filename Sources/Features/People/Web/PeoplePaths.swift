import FreshgroundWeb

/// Every page address of People, registered by its routes and used by every link to them.
package enum PeoplePaths {
    package static let signUp = Path("/signup")
    package static let confirmEmail = Path("/signup/email/:token")
    package static let logIn = Path("/login")
    package static let logOut = Path("/logout")
    package static let tokens = Path("/me/tokens")
    package static let revokeToken = Path("/me/tokens/:id/revoke")
}
