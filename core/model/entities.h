// The entities of DOMAIN.md ("Core entities") as plain value types. No I/O here: the store
// persists them, validation.h checks them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/date.h"
#include "core/base/ids.h"
#include "core/base/money.h"
#include "core/base/rate.h"
#include "core/model/enums.h"

namespace kk {

struct Government;
struct Actor;
struct Area;
struct Coalition;
struct CoalitionMember;
struct Programme;
struct Fund;
struct Call;
struct Project;
struct CostItem;
struct Expense;
struct Award;
struct PaymentTranche;
struct Claim;
struct Recovery;
struct Indicator;
struct Target;
struct Measurement;
struct PolicyGoal;
struct ActionPlan;
struct Action;
struct ExternalReportingCode;
struct Script;

using GovernmentId = Id<Government>;
using ActorId = Id<Actor>;
using AreaId = Id<Area>;
using CoalitionId = Id<Coalition>;
using CoalitionMemberId = Id<CoalitionMember>;
using ProgrammeId = Id<Programme>;
using FundId = Id<Fund>;
using CallId = Id<Call>;
using ProjectId = Id<Project>;
using CostItemId = Id<CostItem>;
using ExpenseId = Id<Expense>;
using AwardId = Id<Award>;
using PaymentTrancheId = Id<PaymentTranche>;
using ClaimId = Id<Claim>;
using RecoveryId = Id<Recovery>;
using IndicatorId = Id<Indicator>;
using TargetId = Id<Target>;
using MeasurementId = Id<Measurement>;
using PolicyGoalId = Id<PolicyGoal>;
using ActionPlanId = Id<ActionPlan>;
using ActionId = Id<Action>;
using ExternalReportingCodeId = Id<ExternalReportingCode>;
using ScriptId = Id<Script>;

/// A Flemish municipality from the reference data (data/reference/municipalities.csv).
struct Municipality {
    std::string nisCode;
    std::string name;
    std::string province;
    std::string arrondissement;
    Period valid;
};

/// A local government: gemeente, OCMW, provincie, AGB, VGC. Keyed by KBO number.
struct Government {
    GovernmentId id;
    std::string kbo;  ///< 10 digits, mod-97 check (validation.h)
    std::string name;
    GovernmentKind kind = GovernmentKind::Gemeente;
    std::optional<std::string> nisCode;  ///< for gemeenten
};

/// Any organisation taking part: governments, vzw's, farmers, companies, water managers...
struct Actor {
    ActorId id;
    std::string code;  ///< the workspace's own short key, used by imports
    std::string name;
    ActorKind kind = ActorKind::Other;
    std::optional<std::string> kbo;
    std::optional<std::string> nisCode;  ///< seat municipality, when known
    std::optional<GovernmentId> governmentId;
    std::string contact;
    std::string capacityNotes;
};

/// A territory with a geometry (kept in the GeoPackage feature table `areas`) and an optional
/// membership rule (JSON, interpreted by core/geo).
struct Area {
    AreaId id;
    AreaKind kind = AreaKind::Other;
    std::string code;  ///< NIS code for municipalities, project key for perimeters
    std::string name;
    Period valid;
    std::string ruleJson;
    std::string source;
    std::vector<std::uint8_t> geometry;  ///< GeoPackage binary geometry, EPSG:31370; may be empty
};

/// A partnership of actors around an area and goal.
struct Coalition {
    CoalitionId id;
    std::string code;
    std::string name;
    std::optional<AreaId> areaId;
    std::string purpose;
    std::optional<Date> agreementFrom;
    std::optional<Date> agreementTo;
    std::string governanceForm;
    /// Who takes over after the funding ends (seed-004 L561–565); empty when not planned yet.
    std::string continuityPlan;
    std::optional<ActorId> continuityActorId;
};

/// An actor's membership of a coalition.
struct CoalitionMember {
    CoalitionMemberId id;
    CoalitionId coalitionId;
    ActorId actorId;
    MemberRole role = MemberRole::Member;
    std::optional<Rate> share;  ///< a fixed share of the cost-sharing key, when agreed
    /// The mandate is held by a function ("schepen van ruimtelijke ordening"), not a person.
    std::string mandateFunction;
    std::optional<Date> joined;
    std::optional<Date> left;
};

/// A funding programme run by a plugin (e.g. Stadsvernieuwing 2026).
struct Programme {
    ProgrammeId id;
    std::string code;
    std::string name;
    std::string pluginId;  ///< stadsvernieuwing, vlaamse_rand, water_land_schap, regiodeal, bbc
    Period valid;
};

/// A money source with rules.
struct Fund {
    FundId id;
    std::optional<ProgrammeId> programmeId;
    std::string code;
    std::string name;
    std::string grantor;
    FundType type = FundType::Subsidy;
    Rate maxRate = Rate::one();
    RateKind rateKind = RateKind::UpTo;
    std::optional<Money> capPerProject;
    std::optional<Money> capPerPartner;
    std::optional<Money> capPerYear;
    Money budget;                                 ///< total budget available for awards
    std::string cumulationGroup;                  ///< e.g. "public"
    int priority = 100;                           ///< lower runs first in the waterfall
    std::vector<std::string> eligibleCategories;  ///< empty: every category
    Period valid;
};

/// A call for proposals.
struct Call {
    CallId id;
    ProgrammeId programmeId;
    std::string code;
    std::string name;
    Date opens{2025, 1, 1};
    Date closes{2025, 12, 31};
    Money budget;
    CallStatus status = CallStatus::Draft;
};

/// A criterion of a call, with its weight in the total score.
struct CallCriterion {
    Id<CallCriterion> id;
    CallId callId;
    std::string code;
    std::string name;
    Rate weight;
    int maxScore = 10;
};

/// A project, from idea through closure. Belongs to one or more programmes.
struct Project {
    ProjectId id;
    std::string code;
    std::string name;
    std::optional<CoalitionId> coalitionId;
    std::optional<AreaId> areaId;
    std::optional<ActorId> applicantId;
    std::vector<std::string> themes;
    ProjectStatus status = ProjectStatus::Idea;
    std::optional<Date> start;
    std::optional<Date> end;
    std::string description;
};

/// BBC registration dimensions carried by cost items and awards (notes/bbc-spec.md §1.5).
struct BbcCoding {
    std::string account;      ///< algemene rekening, e.g. "7405"
    std::string policyField;  ///< beleidsveld, e.g. "0350"
    std::string sectorCode;   ///< ESC, e.g. "300"
    std::optional<ActionId> actionId;
    std::string investmentProject;
    bool empty() const {
        return account.empty() && policyField.empty() && sectorCode.empty() && !actionId &&
               investmentProject.empty();
    }
};

/// A planned cost.
struct CostItem {
    CostItemId id;
    std::string code;  ///< unique key, e.g. "P0001-C03"
    ProjectId projectId;
    std::string category;  ///< e.g. staff, works, equipment, office, external_expertise
    int year = 2025;
    std::optional<ActorId> partnerId;
    Money amount;
    bool eligible = true;
    std::vector<std::string> tags;
    std::string description;
    BbcCoding bbc;
};

/// A realised cost (invoice, payroll line).
struct Expense {
    ExpenseId id;
    std::string code;  ///< unique key, e.g. an invoice number
    ProjectId projectId;
    std::optional<CostItemId> costItemId;
    Date date{2025, 1, 1};
    Money amount;  ///< excluding VAT
    Money vat;
    std::string documentRef;
    std::string description;
};

/// A funding decision.
struct Award {
    AwardId id;
    ProjectId projectId;
    FundId fundId;
    std::optional<CallId> callId;
    std::optional<Date> decidedOn;
    Money amount;
    std::optional<Rate> rate;
    AwardStatus status = AwardStatus::Candidate;
    std::string conditions;
    BbcCoding bbc;
};

struct PaymentTranche {
    PaymentTrancheId id;
    AwardId awardId;
    TrancheKind kind = TrancheKind::Advance;
    std::optional<Date> due;
    Money amount;
    std::optional<Date> paidOn;
};

struct Claim {
    ClaimId id;
    AwardId awardId;
    Period period;
    Money amount;
    std::optional<Date> submittedOn;
    ClaimStatus status = ClaimStatus::Draft;
};

struct Recovery {
    RecoveryId id;
    AwardId awardId;
    Money amount;
    std::string reason;
    std::optional<Date> decidedOn;
};

struct Indicator {
    IndicatorId id;
    std::string code;
    std::string name;
    std::string unit;
    IndicatorType type = IndicatorType::Output;
    Direction direction = Direction::Increase;
    Aggregation aggregation = Aggregation::Sum;
    std::string numerator;    ///< for ratios: code of the numerator quantity
    std::string denominator;  ///< for ratios: code of the denominator quantity
    std::optional<ProgrammeId> programmeId;
};

/// What an indicator value or target is about.
struct Subject {
    SubjectKind kind = SubjectKind::Project;
    std::int64_t id = 0;
    auto operator<=>(const Subject&) const = default;
};

struct Target {
    TargetId id;
    IndicatorId indicatorId;
    Subject subject;
    int year = 2025;
    std::string baseline;  ///< decimal as text: indicator values are not money
    std::string value;
    bool milestone = false;
};

struct Measurement {
    MeasurementId id;
    IndicatorId indicatorId;
    Subject subject;
    int year = 2025;
    std::string value;  ///< decimal as text
    std::string source;
};

/// BBC policy hierarchy of one government and plan period (beleidsdoelstelling).
struct PolicyGoal {
    PolicyGoalId id;
    GovernmentId governmentId;
    std::string planPeriod;  ///< e.g. "2020-2025"
    std::string code;
    std::string title;
};

struct ActionPlan {
    ActionPlanId id;
    PolicyGoalId goalId;
    std::string code;
    std::string title;
};

struct Action {
    ActionId id;
    ActionPlanId planId;
    std::string code;
    std::string title;
    bool priority = false;  ///< prioritair
};

/// An external reporting code (Planlastendecreet), e.g. ABB-LEKP-2021.
struct ExternalReportingCode {
    ExternalReportingCodeId id;
    std::string code;
    std::string name;
    std::string grantor;
    Period valid;
};

/// A Lua script stored in the workspace. It runs only once the user trusts its hash; trust is
/// kept outside the workspace, so a workspace cannot trust its own scripts.
struct Script {
    ScriptId id;
    std::string name;
    std::string kind;  ///< indicator, check, score, allocation_strategy, library
    std::string source;
    std::string hash;  ///< SHA-256 of source, hex
    int version = 1;
};

/// One audited change set.
struct AuditEntry {
    std::int64_t id = 0;
    std::string user;
    std::string at;  ///< ISO 8601 UTC timestamp
    std::string label;
    std::string state;  ///< done, undone, discarded, undo, redo
    std::int64_t changes = 0;
};

}  // namespace kk
