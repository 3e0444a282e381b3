import FreshgroundWeb

/// Every page and feed address of the Library (publications, the journal, tags, search, debates, reading lists
/// and uploaded media), registered by its routes and used by every link to them.
package enum LibraryPaths {
    // Publications.
    /// Everything published (GET) and where the form to write a piece posts.
    package static let library = Path("/library")
    package static let newPublication = Path("/library/new")
    /// A piece's page (GET) and where its edit form posts.
    package static let publication = Path("/library/:id")
    package static let editPublication = Path("/library/:id/edit")
    package static let submit = Path("/library/:id/submit")
    /// The editors' decision on a piece, or a comment on it.
    package static let review = Path("/library/:id/review")
    package static let withdraw = Path("/library/:id/withdraw")
    /// A published piece's correction form (GET) and where it posts.
    package static let correct = Path("/library/:id/correct")
    /// A piece's public history of corrections.
    package static let corrections = Path("/library/:id/corrections")
    /// Asks another group to co-publish a piece.
    package static let copublishers = Path("/library/:id/copublishers")
    /// A group's answer (`accept` or `decline`) to an offer to co-publish.
    package static let copublisherAnswer = Path("/library/:id/copublishers/:slug")
    /// Recommends a piece for the common journal.
    package static let recommend = Path("/library/:id/recommend")
    package static let unrecommend = Path("/library/:id/unrecommend")
    /// The signed-in person's own writing.
    package static let myLibrary = Path("/me/library")
    /// A group's editors' queue: submissions and offers to co-publish.
    package static let submissions = Path("/groups/:slug/submissions")
    /// An uploaded recording, by its stored file name.
    package static let media = Path("/media/:name")

    // The journal, tags and search.
    package static let journal = Path("/journal")
    package static let tag = Path("/tags/:tag")
    package static let search = Path("/search")
    package static let journalFeed = Path("/journal/feed.atom")
    /// A group's published pieces as an Atom feed.
    package static let groupFeed = Path("/groups/:slug/feed.atom")
    package static let tagFeed = Path("/tags/:tag/feed.atom")

    // Debates.
    /// The debates' list (GET) and where the form to open one posts.
    package static let debates = Path("/debates")
    package static let newDebate = Path("/debates/new")
    package static let debate = Path("/debates/:id")
    package static let positions = Path("/debates/:id/positions")
    package static let replies = Path("/debates/:id/replies")
    /// The moderators' running summary of a debate.
    package static let summary = Path("/debates/:id/summary")
    package static let hideReply = Path("/debates/:id/replies/:reply/hide")
    package static let showReply = Path("/debates/:id/replies/:reply/show")
    package static let moderators = Path("/debates/:id/moderators")
    package static let closeDebate = Path("/debates/:id/close")

    // Reading lists.
    /// The signed-in person's reading lists.
    package static let myLists = Path("/me/lists")
    /// Where the form to create a reading list posts.
    package static let lists = Path("/lists")
    package static let list = Path("/lists/:id")
    package static let listItems = Path("/lists/:id/items")
    package static let removeListItem = Path("/lists/:id/items/:post/remove")
    /// Moves a piece up or down its list.
    package static let moveListItem = Path("/lists/:id/items/:post/move")
}
