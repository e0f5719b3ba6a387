// Stored codes of the domain enums. Codes are part of the file format: never rename one.
#include "core/model/enums.h"

#include <array>

namespace kk {

#define KK_ENUM_NAMES(E, ...)                                                                     \
    template <>                                                                                   \
    std::span<const EnumName<E>> enumNames<E>() {                                                 \
        static constexpr std::array<EnumName<E>, std::size({__VA_ARGS__})> kNames{{__VA_ARGS__}}; \
        return kNames;                                                                            \
    }

using GK = GovernmentKind;
KK_ENUM_NAMES(GovernmentKind, EnumName<GK>{GK::Gemeente, "gemeente"},
              EnumName<GK>{GK::Ocmw, "ocmw"}, EnumName<GK>{GK::Provincie, "provincie"},
              EnumName<GK>{GK::Agb, "agb"}, EnumName<GK>{GK::Vgc, "vgc"},
              EnumName<GK>{GK::Other, "other"})

using AK = ActorKind;
KK_ENUM_NAMES(ActorKind, EnumName<AK>{AK::Government, "government"},
              EnumName<AK>{AK::Association, "association"}, EnumName<AK>{AK::Farmer, "farmer"},
              EnumName<AK>{AK::FarmersOrganisation, "farmers_organisation"},
              EnumName<AK>{AK::Landowner, "landowner"},
              EnumName<AK>{AK::NatureAssociation, "nature_association"},
              EnumName<AK>{AK::WaterManager, "water_manager"}, EnumName<AK>{AK::Company, "company"},
              EnumName<AK>{AK::KnowledgeInstitution, "knowledge_institution"},
              EnumName<AK>{AK::CitizensCollective, "citizens_collective"},
              EnumName<AK>{AK::Other, "other"})

using ArK = AreaKind;
KK_ENUM_NAMES(AreaKind, EnumName<ArK>{ArK::Municipality, "municipality"},
              EnumName<ArK>{ArK::Perimeter, "perimeter"}, EnumName<ArK>{ArK::Region, "region"},
              EnumName<ArK>{ArK::WlsArea, "wls_area"},
              EnumName<ArK>{ArK::VlaamseRand, "vlaamse_rand"}, EnumName<ArK>{ArK::Leader, "leader"},
              EnumName<ArK>{ArK::Other, "other"})

using MR = MemberRole;
KK_ENUM_NAMES(MemberRole, EnumName<MR>{MR::Lead, "lead"},
              EnumName<MR>{MR::Facilitator, "facilitator"},
              EnumName<MR>{MR::Financier, "financier"}, EnumName<MR>{MR::Executor, "executor"},
              EnumName<MR>{MR::FollowUp, "follow_up"}, EnumName<MR>{MR::Coordinator, "coordinator"},
              EnumName<MR>{MR::Member, "member"})

using FT = FundType;
KK_ENUM_NAMES(FundType, EnumName<FT>{FT::Subsidy, "subsidy"},
              EnumName<FT>{FT::OwnContribution, "own_contribution"},
              EnumName<FT>{FT::PartnerContribution, "partner_contribution"},
              EnumName<FT>{FT::Private, "private"}, EnumName<FT>{FT::InKind, "in_kind"})

KK_ENUM_NAMES(RateKind, EnumName<RateKind>{RateKind::Fixed, "fixed"},
              EnumName<RateKind>{RateKind::UpTo, "up_to"})

using CS = CallStatus;
KK_ENUM_NAMES(CallStatus, EnumName<CS>{CS::Draft, "draft"}, EnumName<CS>{CS::Open, "open"},
              EnumName<CS>{CS::Closed, "closed"}, EnumName<CS>{CS::Decided, "decided"})

using PS = ProjectStatus;
KK_ENUM_NAMES(ProjectStatus, EnumName<PS>{PS::Idea, "idea"},
              EnumName<PS>{PS::Application, "application"},
              EnumName<PS>{PS::Submitted, "submitted"}, EnumName<PS>{PS::Awarded, "awarded"},
              EnumName<PS>{PS::Rejected, "rejected"}, EnumName<PS>{PS::Execution, "execution"},
              EnumName<PS>{PS::Closed, "closed"}, EnumName<PS>{PS::Cancelled, "cancelled"})

using AS = AwardStatus;
KK_ENUM_NAMES(AwardStatus, EnumName<AS>{AS::Candidate, "candidate"},
              EnumName<AS>{AS::Granted, "granted"}, EnumName<AS>{AS::Refused, "refused"},
              EnumName<AS>{AS::Withdrawn, "withdrawn"})

using TK = TrancheKind;
KK_ENUM_NAMES(TrancheKind, EnumName<TK>{TK::Advance, "advance"},
              EnumName<TK>{TK::Interim, "interim"}, EnumName<TK>{TK::Balance, "balance"})

using ClS = ClaimStatus;
KK_ENUM_NAMES(ClaimStatus, EnumName<ClS>{ClS::Draft, "draft"},
              EnumName<ClS>{ClS::Submitted, "submitted"}, EnumName<ClS>{ClS::Approved, "approved"},
              EnumName<ClS>{ClS::Rejected, "rejected"})

using IT = IndicatorType;
KK_ENUM_NAMES(IndicatorType, EnumName<IT>{IT::Output, "output"}, EnumName<IT>{IT::Result, "result"},
              EnumName<IT>{IT::Process, "process"})

KK_ENUM_NAMES(Direction, EnumName<Direction>{Direction::Increase, "increase"},
              EnumName<Direction>{Direction::Decrease, "decrease"})

using Ag = Aggregation;
KK_ENUM_NAMES(Aggregation, EnumName<Ag>{Ag::Sum, "sum"}, EnumName<Ag>{Ag::Mean, "mean"},
              EnumName<Ag>{Ag::Last, "last"}, EnumName<Ag>{Ag::Cumulative, "cumulative"})

using SK = SubjectKind;
KK_ENUM_NAMES(SubjectKind, EnumName<SK>{SK::Project, "project"},
              EnumName<SK>{SK::Coalition, "coalition"}, EnumName<SK>{SK::Area, "area"},
              EnumName<SK>{SK::Programme, "programme"})

using CSC = CostSharingCriterion;
KK_ENUM_NAMES(CostSharingCriterion, EnumName<CSC>{CSC::TerritoryShare, "territory_share"},
              EnumName<CSC>{CSC::Population, "population"},
              EnumName<CSC>{CSC::FixedShare, "fixed_share"},
              EnumName<CSC>{CSC::ExpectedBenefit, "expected_benefit"},
              EnumName<CSC>{CSC::FiscalCapacity, "fiscal_capacity"})

#undef KK_ENUM_NAMES

}  // namespace kk
