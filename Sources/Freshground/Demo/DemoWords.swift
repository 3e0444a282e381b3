/// The words the demo network is made of, written for Freshground.
enum DemoWords {
    static let cities = ["Leeds", "Glasgow", "Bristol", "Cardiff", "Manchester", "Newcastle", "Sheffield", "Belfast"]

    static let centers: [(name: String, description: String)] = [
        ("Workers' Education Center", "Classes, pamphlets and a lending library for anyone organizing at work."),
        ("Red Pages Collective", "A publishing collective: a quarterly magazine, translations and a podcast."),
        ("Tenant Power Network", "Research and training for renters' unions, shared across cities."),
        ("Climate and Labour Forum", "Where climate campaigners and trade unionists work out a common program."),
        ("Open Study Institute", "Reading series, archives and recorded talks, free to every circle."),
    ]

    static let coalitions: [(name: String, description: String)] = [
        ("Leeds Left Unity", "Groups of several trends in Leeds, reporting to each other and planning jointly."),
        ("Glasgow Common Front", "A united front for the city's campaigns; each group keeps its own position."),
    ]

    static let circleKinds: [(suffix: String, place: String, placeName: String)] = [
        ("Hospital Workers' Circle", "workplace", "General Hospital"),
        ("Student Reading Circle", "school", "University campus"),
        ("Warehouse Workers' Circle", "workplace", "Distribution park"),
        ("Renters' Circle", "city", ""),
        ("Teachers' Circle", "school", "Secondary schools"),
        ("Transport Circle", "workplace", "Bus depots"),
    ]

    static let firstParts = [
        "Red", "Quiet", "Early", "Northern", "Patient", "Bright", "Steady", "Open", "Late", "Green", "Rising", "Plain",
        "Winter", "Harbour", "Lantern", "Copper", "River", "Mill", "Field", "Chalk",
    ]
    static let secondParts = [
        "Sparrow", "Heron", "Fox", "Badger", "Willow", "Thistle", "Kestrel", "Otter", "Rook", "Hare", "Linnet",
        "Alder", "Bramble", "Finch", "Marten", "Pike", "Rowan", "Swift", "Wren", "Yarrow",
    ]

    static let postTitles = [
        "Notes from the night shift", "What the rent strike taught us", "Reading group: week three",
        "Why we joined the coalition", "A report from the depot", "Planning the spring conference",
        "Five hours a week is enough", "Against the revolving door", "Minutes of the open meeting",
        "How we ran our first phone bank", "Questions for the debate on strategy", "A new pamphlet on housing",
        "Ballot results and what comes next", "Meeting rooms that people can reach", "Training day for new organizers",
    ]

    static let postBodies = [
        "We met on Thursday. **Twelve people** came, four of them new. We agreed to keep meetings to one a fortnight "
            + "and to share the note-taking.\n\n- Leaflets for the gate on Monday\n- A reading on the history of the "
            + "strike\n- Childcare at every meeting",
        "Short version: *it worked*, but only because people could choose tasks that fit their week.\n\n"
            + "> If all you can do is make flyers, make flyers.\n\nWe will write up the longer lessons for the journal.",
        "This is an open invitation to every circle that follows us. Bring a question you want debated; we will put "
            + "the strongest arguments on each side in the next issue.",
        "The draft is ready for comments. Send corrections to the editors before the end of the month, and say "
            + "where you disagree: disagreement in the open is the point.",
    ]

    static let basisTemplates = [
        "## What we stand for\n\n- Workers run their own organizations, democratically.\n- We cooperate with every "
            + "group that will cooperate with us, and say openly where we differ.\n- No member is asked to give more "
            + "time than they can.\n\nThis basis is versioned: every change is on the record.",
        "We are a **non-sectarian** group. We read widely, argue in public, and act together where we agree.\n\n"
            + "1. Solidarity across workplaces and schools\n2. Open debate, no hidden line\n3. Accountability of "
            + "everyone who speaks for us",
    ]
}
