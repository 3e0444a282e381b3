import Campaigns
import Decisions
import Events
import Foundation
import FreshgroundWeb
import Logging
import Notifications
import ServiceLifecycle
import Study
import Volunteering

/// Emails reminders to everyone going to an event that starts within a day, once each, the study series' session
/// reminders and weekly digests, and the daily notification digests and decisions' reminders and results and the campaigns' monthly report reminders and digests, and the shift reminders and follow-ups that are due, and forgets old rate-limit
/// counts, and refreshes SQLite's planner statistics, checking every few minutes while the server runs. One failing does not hold up the others. Stops at graceful shutdown.
struct ReminderService: Service {
    let services: AppServices
    let logger: Logger
    var interval: Duration = .seconds(300)

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let sent = try await sendEventReminders(services: services)
                if sent > 0 { logger.info("Queued \(sent) event reminder\(sent == 1 ? "" : "s").") }
            } catch {
                logger.error("Sending event reminders failed: \(String(reflecting: error))")
            }
            do {
                let study = try await sendStudyMail(services: services)
                if study > 0 { logger.info("Queued \(study) study list message\(study == 1 ? "" : "s").") }
            } catch {
                logger.error("Sending study reminders and digests failed: \(String(reflecting: error))")
            }
            do {
                let digests = try await sendNotificationDigests(services: services)
                if digests > 0 { logger.info("Queued \(digests) notification digest\(digests == 1 ? "" : "s").") }
            } catch {
                logger.error("Sending notification digests failed: \(String(reflecting: error))")
            }
            do {
                let decisions = try await sendDecisionNotices(services: services)
                if decisions > 0 {
                    logger.info("Sent reminders or results of \(decisions) decision\(decisions == 1 ? "" : "s").")
                }
            } catch {
                logger.error("Sending decision reminders and results failed: \(String(reflecting: error))")
            }
            do {
                let reports = try await sendCampaignMail(services: services)
                if reports > 0 { logger.info("Queued \(reports) monthly report reminders or digest messages.") }
            } catch {
                logger.error("Sending campaign report reminders and digests failed: \(String(reflecting: error))")
            }
            do {
                let shifts = try await sendVolunteerReminders(services: services)
                if shifts > 0 { logger.info("Queued \(shifts) shift reminders or follow-ups.") }
            } catch {
                logger.error("Sending shift reminders and follow-ups failed: \(String(reflecting: error))")
            }
            do {
                try await RateLimit.forgetOld(on: services.store.sql, now: services.clock())
            } catch {
                logger.error("Forgetting old rate-limit counts failed: \(String(reflecting: error))")
            }
            do {
                try await services.store.refreshStatistics()
            } catch {
                logger.error("Refreshing the database's planner statistics failed: \(String(reflecting: error))")
            }
            services.observatory.timedPassFinished()
            let interval = self.interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
