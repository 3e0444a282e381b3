import Foundation

/// What Python's icalendar library saw in an iCalendar document. Missing values are nil.
struct ParsedCalendar: Sendable, Decodable {
    /// A DATE-TIME as icalendar read it.
    struct Moment: Sendable, Decodable, Equatable {
        /// Seconds since 1970.
        let epoch: Double
        /// ISO 8601 with the offset icalendar found, `+00:00` for a UTC time; only the date for a whole day.
        let iso: String

        var date: Date { Date(timeIntervalSince1970: epoch) }
    }

    /// One VEVENT, its texts unescaped.
    struct Event: Sendable, Decodable {
        let uid: String?
        let summary: String?
        let description: String?
        let location: String?
        let url: String?
        let status: String?
        let categories: [String]
        let sequence: Int
        let start: Moment?
        let end: Moment?
        let stamp: Moment?
        let lastModified: Moment?
    }

    /// X-WR-CALNAME.
    let name: String?
    /// X-WR-CALDESC.
    let description: String?
    let prodID: String?
    let version: String?
    let method: String?
    let events: [Event]
}

/// Parses an iCalendar document with Python's icalendar (in the project's .venv), as a calendar app would.
/// Throws with icalendar's message when it finds the document broken, or a time that is not UTC.
func parseICalendar(_ text: String) throws -> ParsedCalendar {
    let result = try Python.run(ICalParserScript.script, input: Data(text.utf8), needing: "icalendar")
    guard result.status == 0 else {
        throw Python.Failure(
            description: "icalendar could not read the calendar (status \(result.status)): \(result.errors)"
        )
    }
    return try JSONDecoder().decode(ParsedCalendar.self, from: result.output)
}

private enum ICalParserScript {
    /// Reads all of stdin before importing icalendar, so the writer never hits a closed pipe, and prints what
    /// it found as JSON.
    static let script = """
        import datetime, json, re, sys
        document = sys.stdin.buffer.read()
        try:
            import icalendar
        except ImportError:
            sys.exit(3)
        calendar = icalendar.Calendar.from_ical(document)
        problems = [f"{c.name}: {e}" for c in calendar.walk() for e in getattr(c, "errors", [])]
        if problems:
            sys.exit("icalendar reported errors: " + "; ".join(problems))

        def text(component, key):
            value = component.get(key)
            return None if value is None else str(value)

        def unescaped(component, key):
            # icalendar leaves X- properties as written; calendar apps read these two as TEXT.
            value = component.get(key)
            if value is None:
                return None
            escaped = value.to_ical().decode()
            return re.sub(r"\\\\([\\\\;,nN])", lambda m: "\\n" if m.group(1) in "nN" else m.group(1), escaped)

        def moment(component, key):
            value = component.get(key)
            if value is None:
                return None
            dt = value.dt
            if not isinstance(dt, datetime.datetime):
                # A whole day (VALUE=DATE): its ISO form has no time, its epoch is the day's UTC midnight.
                start = datetime.datetime(dt.year, dt.month, dt.day, tzinfo=datetime.timezone.utc)
                return {"epoch": start.timestamp(), "iso": dt.isoformat()}
            if getattr(dt, "tzinfo", None) is None:
                sys.exit(f"{key} is not a UTC time: {dt!r}")
            return {"epoch": dt.timestamp(), "iso": dt.isoformat()}

        def categories(component):
            value = component.get("CATEGORIES")
            if value is None:
                return []
            values = value if isinstance(value, list) else [value]
            return [str(c) for v in values for c in v.cats]

        events = []
        for e in calendar.walk("VEVENT"):
            events.append({
                "uid": text(e, "UID"), "summary": text(e, "SUMMARY"), "description": text(e, "DESCRIPTION"),
                "location": text(e, "LOCATION"), "url": text(e, "URL"), "status": text(e, "STATUS"),
                "categories": categories(e), "sequence": int(e.get("SEQUENCE", 0)),
                "start": moment(e, "DTSTART"), "end": moment(e, "DTEND"), "stamp": moment(e, "DTSTAMP"),
                "lastModified": moment(e, "LAST-MODIFIED"),
            })
        json.dump({
            "name": unescaped(calendar, "X-WR-CALNAME"), "description": unescaped(calendar, "X-WR-CALDESC"),
            "prodID": text(calendar, "PRODID"), "version": text(calendar, "VERSION"), "method": text(calendar, "METHOD"),
            "events": events,
        }, sys.stdout)
        """
}
