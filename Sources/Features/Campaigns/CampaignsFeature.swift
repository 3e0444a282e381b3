import FluentKit
import Foundation
import FreshgroundWeb
import Hummingbird
import SQLKit

/// Joint campaigns: groups of different trends agree on demands and act together, each keeping its own
/// statement, its own contacts and its own voice; built on Decisions (adopting the demands), Events and
/// Library (campaign actions).
package struct CampaignsFeature: Feature {
    package init() {}

    package var migrations: [any Migration] {
        [
            CreateCampaigns(), CreateCampaignPlans(), CreateCampaignDemands(), CreateCoalitionReports(),
            CreateCampaignPetitions(), CreateOfficials(), CreateInquiries(), CreateOfficialEndorsements(),
            AddOfficialsContactEmail(), CreateOfficialReviews(), AddInquiriesClosesAt(),
            AddCampaignMailingNotices(),
            RenameOfficialReviewsReplyBy(),
            CreateCampaignSignatureCounts(),
            AddCampaignSignaturesPersonIndex(),
            DigestMailLinkTokens(
                "DigestCampaignSignaturesMailTokens",
                purpose: Mailings.linkPurpose,
                table: "campaign_signatures",
                column: "mail_token"
            ),
        ]
    }

    package var navigation: [NavigationLink] { [NavigationLink("Campaigns", CampaignPaths.campaigns(), order: 65)] }

    package var openAPI: JSONValue? { APIDocument.part(in: .module) }

    package func register(on router: Router<AppContext>, services: AppServices) {
        CampaignRoutes(services: services).register(on: router)
        PetitionRoutes(services: services).register(on: router)
        DemandRoutes(services: services).register(on: router)
        CampaignsAPI(services: services).register(on: router)
        PetitionsAPI(services: services).register(on: router)
        DemandsAPI(services: services).register(on: router)
        PlanAPI(services: services).register(on: router)
        CampaignFeeds(services: services).register(on: router)
        PlanRoutes(services: services).register(on: router)
        ReportRoutes(services: services).register(on: router)
        ReportsAPI(services: services).register(on: router)
        OfficialsAPI(services: services).register(on: router)
        OfficialRoutes(services: services).register(on: router)
        InquiryRoutes(services: services).register(on: router)
        InquiryAPI(services: services).register(on: router)
    }

    package func accountData(of person: Int, services: AppServices) async throws -> [String: JSONValue] {
        try await CampaignsAccountData(services: services).data(of: person)
            .merging(try await HoursRecords.data(of: person, on: services.store.sql)) { first, _ in first }
            .merging(try await InquiryRecords.data(of: person, on: services.store.sql)) { first, _ in first }
    }

    package func forget(person: Int, keepWriting: Bool, on sql: any SQLDatabase, services: AppServices) async throws {
        try await SignatureRecords.forget(person, on: sql)
        try await HoursRecords.forget(person, on: sql)
        try await InquiryRecords.forget(person, on: sql)
    }
}
