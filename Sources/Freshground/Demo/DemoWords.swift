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

/// The words the library's demo is made of: tags, titles, the sentences bodies are built from, reports,
/// recommendations and debates. Each body also names one made-up place (`rarePlace`), shared by about ten
/// pieces, so searches can be tried for a rare word as well as for the common ones.
extension DemoWords {
    static let tags = [
        "housing", "rent-strike", "tenants", "health", "hospitals", "care-work", "childcare", "education", "schools",
        "universities", "students", "transport", "rail", "buses", "ports", "logistics", "warehouses", "gig-economy",
        "platform-work", "climate", "energy", "food", "water", "land", "strikes", "ballots", "union-democracy",
        "organizing", "training", "strategy", "coalitions", "internal-democracy", "history", "theory",
        "political-economy", "wages", "inflation", "pensions", "hours", "overtime", "safety", "public-ownership",
        "cooperatives", "privatization", "austerity", "local-councils", "budgets", "elections", "international",
        "migration", "anti-racism", "women", "disability", "youth", "anti-war", "media", "translation",
        "reading-groups", "finance", "pamphlets",
    ]

    static let titleOpenings = [
        "Notes on", "Lessons from", "Why we need", "Against", "A short history of", "What next for", "Organizing",
        "The case for", "Rethinking", "Inside", "Questions about", "Winning",
    ]
    static let titleSubjects = [
        "the rent strike", "the hospital ballot", "warehouse shifts", "bus depot rotas", "the student occupation",
        "care homes", "the energy bills campaign", "public transport", "school support staff", "the council budget",
        "platform couriers", "the port dispute", "teachers' workload", "migrant cleaners", "the housing co-op",
        "union elections",
    ]

    /// Bodies are paragraphs of these, chosen at random, so every common word is in many pieces.
    static let sentences = [
        "We started with six workers in a break room and a list of what people wanted changed.",
        "The first meeting was small, but everyone who came brought one more person to the second.",
        "Management answered the petition with a letter, and the letter made more members than we could.",
        "Nobody was asked to give more time than they had; most gave two hours a week.",
        "The rota was the issue that joined the night shift to the day shift.",
        "We read the history of earlier strikes together before deciding anything.",
        "Tenants in three buildings compared their bills and found the same charges everywhere.",
        "A union that only meets in an office will only hear from the people who can reach it.",
        "The ballot turnout was higher than the law demands, because every workplace had a rep.",
        "Childcare at meetings doubled the number of women who spoke.",
        "We kept the minutes public, so nobody had to trust a rumour.",
        "The council said there was no money; the budget papers said otherwise.",
        "Our demands were short enough to fit on one leaflet and clear enough to win.",
        "Workers on agency contracts joined once they saw the permanent staff stand with them.",
        "The strike fund was built from small regular pledges rather than one big appeal.",
        "We disagreed about tactics in the open and stayed together on the action.",
        "A phone tree reached two hundred people in one evening.",
        "The employer tried to split the depots; the depots answered with one meeting.",
        "Students and cleaners marched together, which nobody had expected a year earlier.",
        "Every organizer we trained went on to train two more.",
        "The landlord's agents stopped answering letters, so we started answering for them in public.",
        "Our reading group chose texts that people could finish between shifts.",
        "Safety reps logged every incident, and the log became the campaign.",
        "The coalition worked because each group kept its own voice and shared one calendar.",
    ]
    static let closings = [
        "Write to the editors with what worked for you.", "Next month: what the other side did in reply.",
        "Corrections and disagreements are welcome in the debate below.", "Share this with the workers next to you.",
    ]

    /// A made-up place name; index `i` and `i + count` give the same name, so each name recurs.
    static func rarePlace(_ index: Int) -> String {
        let first = [
            "Brack", "Crom", "Dask", "Fenn", "Gorv", "Hult", "Jisk", "Kref", "Lorm", "Mosk", "Nurv", "Plen", "Quor",
            "Rask", "Skel", "Trov", "Vosk", "Wend", "Yarl", "Zeph", "Brin", "Clad", "Drev", "Flom",
        ]
        let second = [
            "al", "am", "ar", "ed", "el", "en", "id", "il", "im", "ob", "od", "ol", "om", "or", "ub", "ud", "ul", "un",
            "ak", "ek", "ik", "ok", "uk", "ez",
        ]
        let endings = [
            "ley", "wick", "thorpe", "stead", "holm", "mere", "haugh", "combe", "dale", "field", "hurst", "ton",
            "worth", "den", "garth", "shaw", "cote", "wold",
        ]
        return first[index % 24] + second[(index / 24) % 24] + endings[(index / 576) % 18]
    }

    static let pseudonyms = [
        "A night-shift nurse", "Red Sparrow", "A tenant organizer", "Depot Rep", "A supply teacher", "Quiet Heron",
        "A warehouse picker", "Two cleaners", "Lantern", "A student rep", "Kestrel", "An agency worker",
    ]
    static let linkSources = ["The Northern Worker", "Tenant Times", "Common Ground Review", "Depot Bulletin"]
    static let sectors = ["Health", "Logistics", "Education", "Transport", "Retail", "Hospitality", "Care", "Council"]
    static let reportParts = [
        "Shifts are changed with a day's notice and breaks are cut when the floor is short.",
        "A group of us meet after the late shift and keep a shared list of every problem.",
        "Going to the manager together, not one by one, got the rota fixed within a week.",
        "Contacts in other sites, and someone who has run a ballot before.",
    ]
    static let notes = [
        "Required reading for every circle this month.", "Short, clear and useful at the gate.",
        "We disagree with the conclusion but the facts matter.", "",
    ]

    static let questions = [
        "Should circles stand candidates in council elections?", "Is a rent strike worth the risk in a small building?",
        "Should the journal publish anonymous reports?", "How much should coalitions decide for their members?",
        "Do we need paid organizers?", "Should we merge the transport circles?", "Is a general strike on the agenda?",
        "Should reading groups follow one shared list?", "How do we fund a strike that lasts a month?",
        "Should centers accept money from larger unions?", "What do we owe workers on agency contracts?",
        "Is the climate campaign part of our program?",
    ]
    static let statements = [
        "Yes, but only with a program written by the circles.", "No: it splits our time from the workplace.",
        "Only where a majority of members ask for it.", "Yes, and the sooner the better.",
        "Not yet; build the base first.", "It depends on the city; let each coalition decide.",
    ]
    static let arguments = [
        "Every time we tried it without **the members deciding**, it failed. With them, it worked.\n\n"
            + "- It keeps us accountable\n- It makes the work visible",
        "Our time is limited. *Two hours a week* spent on this is two hours not spent at the gate.",
        "The strongest argument on the other side is fair, and we answer it below.\n\n> Start where people are.",
    ]
    static let replies = [
        "I agree, and our circle saw the same thing last year.", "This misses what happened at the depot.",
        "Can you say more about how the members would decide?", "We tried this. It worked for three months.",
        "The numbers in the report say the opposite.", "Fair point, but what about the night shift?",
        "Strongly against: it repeats the mistake of the last campaign.", "**Yes.** And we should write it down.",
    ]
}
