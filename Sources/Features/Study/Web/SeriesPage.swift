import FreshgroundWeb

/// A series' page with the organizers' choices loaded for `viewer`, as every route that draws it needs.
func seriesPage(
    _ context: AppContext,
    _ services: AppServices,
    _ series: StudySeries,
    viewer: CurrentPerson?,
    fields: FieldSet = FieldSet(),
    failed: String? = nil
) async throws -> HTML {
    let choices = try await SeriesChoices.load(services, series, viewer: viewer)
    return SeriesPages.show(context, series, fields: fields, failed: failed, choices: choices)
}
