import FluentKit
import SQLKit

/// The shared speaker roster. `speakers.contact` is private: only `SpeakerQueries.canSeeContact` decides who
/// reads it. Topics keep a lowercased `topic_key` for search; availability windows are local dates
/// ('YYYY-MM-DD', compared as text, which orders like dates).
struct CreateSpeakers: AsyncMigration {
    var name: String { "CreateSpeakers" }

    func prepare(on database: any Database) async throws {
        try await database.schema("speakers")
            .field("id", .int, .identifier(auto: true))
            .field("person_id", .int, .references("people", "id", onDelete: .setNull))
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("contact", .string, .required)
            .field("bio", .string, .required)
            .field("bio_html", .string, .required)
            .field("home_city_id", .int, .required, .references("cities", "id"))
            .field("added_by", .int, .references("people", "id", onDelete: .setNull))
            .field("added_for_group_id", .int, .references("groups", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema("speaker_topics")
            .field("id", .int, .identifier(auto: true))
            .field("speaker_id", .int, .required, .references("speakers", "id", onDelete: .cascade))
            .field("topic", .string, .required)
            .field("topic_key", .string, .required)
            .unique(on: "speaker_id", "topic_key")
            .create()
        try await database.schema("speaker_talks")
            .field("id", .int, .identifier(auto: true))
            .field("speaker_id", .int, .required, .references("speakers", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("abstract", .string, .required)
            .field("minutes", .int, .required)
            .create()
        try await database.schema("speaker_availability")
            .field("id", .int, .identifier(auto: true))
            .field("speaker_id", .int, .required, .references("speakers", "id", onDelete: .cascade))
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .create()
        try await database.schema("speaker_recommendations")
            .field("id", .int, .identifier(auto: true))
            .field("speaker_id", .int, .required, .references("speakers", "id", onDelete: .cascade))
            .field("group_id", .int, .required, .references("groups", "id", onDelete: .cascade))
            .field("recommended_by", .int, .references("people", "id", onDelete: .setNull))
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "speaker_id", "group_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX speakers_name ON speakers (name_key, id)").run()
        try await sql.raw("CREATE INDEX speakers_city ON speakers (home_city_id, name_key)").run()
        try await sql.raw("CREATE INDEX speakers_person ON speakers (person_id)").run()
        try await sql.raw("CREATE INDEX speaker_topics_key ON speaker_topics (topic_key, speaker_id)").run()
        try await sql.raw("CREATE INDEX speaker_talks_speaker ON speaker_talks (speaker_id, id)").run()
        try await sql.raw("CREATE INDEX speaker_availability_range ON speaker_availability (speaker_id, starts_on)")
            .run()
        try await sql.raw("CREATE INDEX speaker_recommendations_group ON speaker_recommendations (group_id)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["speaker_recommendations", "speaker_availability", "speaker_talks", "speaker_topics", "speakers"]
        {
            try await database.schema(table).delete()
        }
    }
}

let speakerMigrations: [any Migration] = [CreateSpeakers()]
