/// The words of the study demo: syllabi (topics, introductions, lead questions, readings of both kinds), notes
/// from breakouts and a session report. Links point to example.org.
extension DemoWords {
    struct StudyReading {
        let kind, title, url, note: String
    }

    struct StudyWeek {
        let topic, introduction: String
        let questions: [String]
        let readings: [StudyReading]
    }

    struct StudyTopic {
        let title: String
        let weeks: [StudyWeek]
    }

    static func reading(_ kind: String, _ title: String, _ slug: String, _ note: String = "") -> StudyReading {
        StudyReading(kind: kind, title: title, url: "https://archive.example.org/\(slug)", note: note)
    }

    static let studyTopics: [StudyTopic] = [
        StudyTopic(
            title: "Revolutions of 1848",
            weeks: [
                StudyWeek(
                    topic: "The February days in Paris",
                    introduction: "How a banquet campaign for the vote turned into a republic in three days.",
                    questions: [
                        "Who fought on the barricades, and what did they want?", "Why did the monarchy fall so fast?",
                    ],
                    readings: [
                        reading(
                            "critical review",
                            "A continent in revolt: an overview",
                            "overview-1848",
                            "Read first."
                        ),
                        reading(
                            "from the archive",
                            "Proclamation of the provisional government",
                            "proclamation-feb-1848"
                        ),
                    ]
                ),
                StudyWeek(
                    topic: "The June days",
                    introduction: "The closing of the national workshops and the rising that followed.",
                    questions: ["What were the national workshops for?", "Why did the republic turn on the workers?"],
                    readings: [
                        reading("critical review", "Bread and the republic", "bread-republic"),
                        reading("from the archive", "Posters of the national workshops", "workshop-posters", "Short."),
                    ]
                ),
                StudyWeek(
                    topic: "Vienna, Berlin, Budapest",
                    introduction: "The spread of the revolution east, and the national question.",
                    questions: ["What held the movements together, and what split them?"],
                    readings: [
                        reading("critical review", "Nations and classes in 1848", "nations-classes"),
                        reading("from the archive", "Demands of the Vienna students", "vienna-demands"),
                    ]
                ),
            ]
        ),
        StudyTopic(
            title: "Tenants organizing",
            weeks: [
                StudyWeek(
                    topic: "Rent strikes in history",
                    introduction: "From Glasgow in 1915 to the present day.",
                    questions: ["What made the strikes win?"],
                    readings: [reading("critical review", "A short history of rent strikes", "rent-strikes")]
                ),
                StudyWeek(
                    topic: "Building a tenants' union",
                    introduction: "Door knocking, casework and collective action.",
                    questions: ["How do we keep people involved after their case is won?"],
                    readings: [reading("from the archive", "A union's first leaflet", "first-leaflet")]
                ),
                StudyWeek(
                    topic: "Councils and landlords",
                    introduction: "Who owns the city, and where the pressure points are.",
                    questions: ["Where is our leverage?"],
                    readings: [reading("critical review", "Mapping ownership", "mapping-ownership")]
                ),
            ]
        ),
    ]

    static let breakoutNotes = [
        "We started from the barricades: most of the fighters were craft workers. Two people asked why the vote mattered so much then.",
        "Disagreement on whether the provisional government could have gone further. Agreed the clubs were the key.",
        "A newcomer compared the banquets to petition campaigns today; the group liked the comparison.",
        "Short on time. Main point: the army's refusal to fire in February, and why that changed by June.",
    ]

    static let sessionReport = """
        Thirty-nine of us met, seven online. After the two presentations we split into breakouts of six.

        **What came up in the report back**

        - Most groups started from who fought: craft workers more than factory hands.
        - Several groups asked how the republic's promises were paid for, which leads into next week.
        - One breakout argued that the clubs, not the government, carried the revolution.

        Next week: the June days. Please read the critical review first.
        """
}
