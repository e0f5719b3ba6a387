// The closed vocabularies of the domain and their stable text codes (stored and exchanged).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kk {

enum class GovernmentKind { Gemeente, Ocmw, Provincie, Agb, Vgc, Other };
enum class ActorKind {
    Government,
    Association,  ///< vzw, middenveld
    Farmer,
    FarmersOrganisation,
    Landowner,
    NatureAssociation,  ///< nature or landscape association
    WaterManager,
    Company,
    KnowledgeInstitution,
    CitizensCollective,
    Other
};
enum class AreaKind { Municipality, Perimeter, Region, WlsArea, VlaamseRand, Leader, Other };
enum class MemberRole { Lead, Facilitator, Financier, Executor, FollowUp, Coordinator, Member };
enum class FundType { Subsidy, OwnContribution, PartnerContribution, Private, InKind };
enum class RateKind { Fixed, UpTo };
enum class CallStatus { Draft, Open, Closed, Decided };
enum class ProjectStatus {
    Idea,
    Application,
    Submitted,
    Awarded,
    Rejected,
    Execution,
    Closed,
    Cancelled
};
enum class AwardStatus { Candidate, Granted, Refused, Withdrawn };
enum class TrancheKind { Advance, Interim, Balance };
enum class ClaimStatus { Draft, Submitted, Approved, Rejected };
enum class IndicatorType { Output, Result, Process };
enum class Direction { Increase, Decrease };
enum class Aggregation { Sum, Mean, Last, Cumulative };
enum class SubjectKind { Project, Coalition, Area, Programme };
/// The criteria of a partner cost-sharing key (DOMAIN.md); fiscal capacity counts inversely.
enum class CostSharingCriterion {
    TerritoryShare,
    Population,
    FixedShare,
    ExpectedBenefit,
    FiscalCapacity
};

/// One enum value and its stored code.
template <class E>
struct EnumName {
    E value;
    std::string_view code;
};

/// The codes of every value of E, in declaration order (defined in enums.cpp).
template <class E>
std::span<const EnumName<E>> enumNames();

/// The stored code of a value, e.g. toCode(ProjectStatus::Awarded) == "awarded".
template <class E>
std::string_view toCode(E value) {
    for (const auto& n : enumNames<E>())
        if (n.value == value)
            return n.code;
    return "?";
}

/// The value of a code; nullopt when the code is unknown.
template <class E>
std::optional<E> fromCode(std::string_view code) {
    for (const auto& n : enumNames<E>())
        if (n.code == code)
            return n.value;
    return std::nullopt;
}

/// "a, b, c": for error messages that list the allowed codes.
template <class E>
std::string allowedCodes() {
    std::string out;
    for (const auto& n : enumNames<E>()) {
        if (!out.empty())
            out += ", ";
        out += n.code;
    }
    return out;
}

}  // namespace kk
