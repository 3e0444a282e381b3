/// A short, readable name for the browser behind a `User-Agent` header, such as "Firefox on Linux", so a person
/// can tell their sessions apart. Only a few well-known tokens are looked for; anything else is an
/// "Unknown browser".
package enum DeviceName {
    package static let unknown = "Unknown browser"

    package static func describe(_ userAgent: String?) -> String {
        guard let agent = userAgent, !agent.isEmpty else { return unknown }
        let browser = firstName(in: agent, browsers)
        let system = firstName(in: agent, systems)
        switch (browser, system) {
        case (let browser?, let system?): return "\(browser) on \(system)"
        case (let browser?, nil): return browser
        case (nil, let system?): return "\(unknown) on \(system)"
        case (nil, nil): return unknown
        }
    }

    /// Checked in order: browsers built on Chromium also name Chrome and Safari, so they come before both.
    private static let browsers: [(token: String, name: String)] = [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"), ("Vivaldi/", "Vivaldi"), ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
    ]

    /// Checked in order: iPhones and iPads say "like Mac OS X", and Android says "Linux".
    private static let systems: [(token: String, name: String)] = [
        ("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("CrOS", "ChromeOS"),
        ("Macintosh", "macOS"), ("Mac OS X", "macOS"), ("Linux", "Linux"),
    ]

    private static func firstName(in agent: String, _ names: [(token: String, name: String)]) -> String? {
        names.first { agent.contains($0.token) }?.name
    }
}
