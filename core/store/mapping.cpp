// Column mappings of every entity (the one place that knows table layouts besides the SQL).
#include "core/store/mapping.h"

#include "core/model/coalition_key.h"

namespace kk::mapping {

sql::Value toValue(const std::vector<std::string>& list) {
    std::string s;
    for (const auto& item : list)
        s += (s.empty() ? "" : ";") + item;
    return s;
}

std::string textOf(const sql::Value& v) {
    return sql::toText(v);
}

std::int64_t intOf(const sql::Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v))
        return *i;
    if (const auto* d = std::get_if<double>(&v))
        return static_cast<std::int64_t>(*d);
    if (const auto* s = std::get_if<std::string>(&v))
        return s->empty() ? 0 : std::stoll(*s);
    return 0;
}

bool isNull(const sql::Value& v) {
    return std::holds_alternative<std::monostate>(v);
}

void fromValue(const sql::Value& v, Date& out) {
    out = Date::parse(textOf(v)).value();
}
void fromValue(const sql::Value& v, Rate& out) {
    out = Rate::parse(textOf(v)).value();
}

void fromValue(const sql::Value& v, std::vector<std::string>& out) {
    out.clear();
    const std::string s = textOf(v);
    std::size_t start = 0;
    while (start < s.size()) {
        const auto end = s.find(';', start);
        out.push_back(s.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
}

void fromValue(const sql::Value& v, std::vector<std::uint8_t>& out) {
    if (const auto* b = std::get_if<std::vector<std::uint8_t>>(&v))
        out = *b;
    else
        out.clear();
}

namespace {

template <class E>
void addBbc(std::vector<Field<E>>& f) {
    f.push_back(nested<E>("bbc_account", [](E& e) -> std::string& { return e.bbc.account; }));
    f.push_back(
        nested<E>("bbc_policy_field", [](E& e) -> std::string& { return e.bbc.policyField; }));
    f.push_back(nested<E>("bbc_sector", [](E& e) -> std::string& { return e.bbc.sectorCode; }));
    f.push_back(nested<E>("bbc_action_id",
                          [](E& e) -> std::optional<ActionId>& { return e.bbc.actionId; }));
    f.push_back(nested<E>("bbc_investment_project",
                          [](E& e) -> std::string& { return e.bbc.investmentProject; }));
}

template <class E>
void addValidity(std::vector<Field<E>>& f) {
    f.push_back(nested<E>("valid_from", [](E& e) -> Date& { return e.valid.from; }));
    f.push_back(nested<E>("valid_to", [](E& e) -> std::optional<Date>& { return e.valid.to; }));
}

template <class E>
void addSubject(std::vector<Field<E>>& f) {
    f.push_back(nested<E>("subject_kind", [](E& e) -> SubjectKind& { return e.subject.kind; }));
    f.push_back(nested<E>("subject_id", [](E& e) -> std::int64_t& { return e.subject.id; }));
}

}  // namespace

template <>
const Mapping<Government>& mappingOf<Government>() {
    using E = Government;
    static const Mapping<E> m{"kk_government",
                              "id",
                              "kbo",
                              {field("kbo", &E::kbo), field("name", &E::name),
                               field("kind", &E::kind), field("nis_code", &E::nisCode)}};
    return m;
}

template <>
const Mapping<Actor>& mappingOf<Actor>() {
    using E = Actor;
    static const Mapping<E> m{
        "kk_actor",
        "id",
        "code",
        {field("code", &E::code), field("name", &E::name), field("kind", &E::kind),
         field("kbo", &E::kbo), field("nis_code", &E::nisCode),
         field("government_id", &E::governmentId), field("contact", &E::contact),
         field("capacity_notes", &E::capacityNotes)}};
    return m;
}

template <>
const Mapping<Area>& mappingOf<Area>() {
    using E = Area;
    static const Mapping<E> m = [] {
        Mapping<E> x{"areas",
                     "fid",
                     "code",
                     {field("geom", &E::geometry), field("kind", &E::kind), field("code", &E::code),
                      field("name", &E::name)}};
        addValidity(x.fields);
        x.fields.push_back(field("rule_json", &E::ruleJson));
        x.fields.push_back(field("source", &E::source));
        return x;
    }();
    return m;
}

template <>
const Mapping<Coalition>& mappingOf<Coalition>() {
    using E = Coalition;
    static const Mapping<E> m{
        "kk_coalition",
        "id",
        "code",
        {field("code", &E::code), field("name", &E::name), field("area_id", &E::areaId),
         field("purpose", &E::purpose), field("agreement_from", &E::agreementFrom),
         field("agreement_to", &E::agreementTo), field("governance_form", &E::governanceForm),
         field("continuity_plan", &E::continuityPlan),
         field("continuity_actor_id", &E::continuityActorId)}};
    return m;
}

template <>
const Mapping<CoalitionMember>& mappingOf<CoalitionMember>() {
    using E = CoalitionMember;
    static const Mapping<E> m{
        "kk_coalition_member",
        "id",
        "",
        {field("coalition_id", &E::coalitionId), field("actor_id", &E::actorId),
         field("role", &E::role), field("share", &E::share),
         field("mandate_function", &E::mandateFunction), field("joined", &E::joined),
         field("left_on", &E::left)}};
    return m;
}

template <>
const Mapping<CoalitionKeyCriterion>& mappingOf<CoalitionKeyCriterion>() {
    using E = CoalitionKeyCriterion;
    static const Mapping<E> m{"kk_coalition_key_criterion",
                              "id",
                              "",
                              {field("coalition_id", &E::coalitionId),
                               field("criterion", &E::criterion), field("weight", &E::weight)}};
    return m;
}

template <>
const Mapping<CoalitionKeyInput>& mappingOf<CoalitionKeyInput>() {
    using E = CoalitionKeyInput;
    static const Mapping<E> m{
        "kk_coalition_key_input",
        "id",
        "",
        {field("coalition_id", &E::coalitionId), field("actor_id", &E::actorId),
         field("criterion", &E::criterion), field("value", &E::value)}};
    return m;
}

template <>
const Mapping<CoalitionKeyLimit>& mappingOf<CoalitionKeyLimit>() {
    using E = CoalitionKeyLimit;
    static const Mapping<E> m{
        "kk_coalition_key_limit",
        "id",
        "",
        {field("coalition_id", &E::coalitionId), field("actor_id", &E::actorId),
         field("floor_share", &E::floorShare), field("cap_share", &E::capShare),
         field("max_contribution", &E::maxContribution)}};
    return m;
}

template <>
const Mapping<Programme>& mappingOf<Programme>() {
    using E = Programme;
    static const Mapping<E> m = [] {
        Mapping<E> x{
            "kk_programme",
            "id",
            "code",
            {field("code", &E::code), field("name", &E::name), field("plugin_id", &E::pluginId)}};
        addValidity(x.fields);
        return x;
    }();
    return m;
}

template <>
const Mapping<Fund>& mappingOf<Fund>() {
    using E = Fund;
    static const Mapping<E> m = [] {
        Mapping<E> x{
            "kk_fund",
            "id",
            "code",
            {field("programme_id", &E::programmeId), field("code", &E::code),
             field("name", &E::name), field("grantor", &E::grantor), field("type", &E::type),
             field("max_rate", &E::maxRate), field("rate_kind", &E::rateKind),
             field("cap_per_project", &E::capPerProject),
             field("cap_per_partner", &E::capPerPartner), field("cap_per_year", &E::capPerYear),
             field("budget", &E::budget), field("cumulation_group", &E::cumulationGroup),
             field("priority", &E::priority),
             field("eligible_categories", &E::eligibleCategories)}};
        addValidity(x.fields);
        return x;
    }();
    return m;
}

template <>
const Mapping<Call>& mappingOf<Call>() {
    using E = Call;
    static const Mapping<E> m{
        "kk_call",
        "id",
        "code",
        {field("programme_id", &E::programmeId), field("code", &E::code), field("name", &E::name),
         field("opens", &E::opens), field("closes", &E::closes), field("budget", &E::budget),
         field("status", &E::status)}};
    return m;
}

template <>
const Mapping<CallCriterion>& mappingOf<CallCriterion>() {
    using E = CallCriterion;
    static const Mapping<E> m{
        "kk_call_criterion",
        "id",
        "",
        {field("call_id", &E::callId), field("code", &E::code), field("name", &E::name),
         field("weight", &E::weight), field("max_score", &E::maxScore)}};
    return m;
}

template <>
const Mapping<Project>& mappingOf<Project>() {
    using E = Project;
    static const Mapping<E> m{
        "kk_project",
        "id",
        "code",
        {field("code", &E::code), field("name", &E::name), field("coalition_id", &E::coalitionId),
         field("area_id", &E::areaId), field("applicant_id", &E::applicantId),
         field("themes", &E::themes), field("status", &E::status), field("start_date", &E::start),
         field("end_date", &E::end), field("description", &E::description)}};
    return m;
}

template <>
const Mapping<CostItem>& mappingOf<CostItem>() {
    using E = CostItem;
    static const Mapping<E> m = [] {
        Mapping<E> x{"kk_cost_item",
                     "id",
                     "code",
                     {field("code", &E::code), field("project_id", &E::projectId),
                      field("category", &E::category), field("year", &E::year),
                      field("partner_id", &E::partnerId), field("amount", &E::amount),
                      field("eligible", &E::eligible), field("tags", &E::tags),
                      field("description", &E::description)}};
        addBbc(x.fields);
        return x;
    }();
    return m;
}

template <>
const Mapping<Expense>& mappingOf<Expense>() {
    using E = Expense;
    static const Mapping<E> m{
        "kk_expense",
        "id",
        "code",
        {field("code", &E::code), field("project_id", &E::projectId),
         field("cost_item_id", &E::costItemId), field("date", &E::date),
         field("amount", &E::amount), field("vat", &E::vat), field("document_ref", &E::documentRef),
         field("description", &E::description)}};
    return m;
}

template <>
const Mapping<Award>& mappingOf<Award>() {
    using E = Award;
    static const Mapping<E> m = [] {
        Mapping<E> x{"kk_award",
                     "id",
                     "",
                     {field("project_id", &E::projectId), field("fund_id", &E::fundId),
                      field("call_id", &E::callId), field("decided_on", &E::decidedOn),
                      field("amount", &E::amount), field("rate", &E::rate),
                      field("status", &E::status), field("conditions", &E::conditions)}};
        addBbc(x.fields);
        return x;
    }();
    return m;
}

template <>
const Mapping<PaymentTranche>& mappingOf<PaymentTranche>() {
    using E = PaymentTranche;
    static const Mapping<E> m{
        "kk_payment_tranche",
        "id",
        "",
        {field("award_id", &E::awardId), field("kind", &E::kind), field("due", &E::due),
         field("amount", &E::amount), field("paid_on", &E::paidOn)}};
    return m;
}

template <>
const Mapping<Claim>& mappingOf<Claim>() {
    using E = Claim;
    static const Mapping<E> m{
        "kk_claim",
        "id",
        "",
        {field("award_id", &E::awardId),
         nested<E>("period_from", [](E& e) -> Date& { return e.period.from; }),
         nested<E>("period_to", [](E& e) -> std::optional<Date>& { return e.period.to; }),
         field("amount", &E::amount), field("submitted_on", &E::submittedOn),
         field("status", &E::status)}};
    return m;
}

template <>
const Mapping<Recovery>& mappingOf<Recovery>() {
    using E = Recovery;
    static const Mapping<E> m{"kk_recovery",
                              "id",
                              "",
                              {field("award_id", &E::awardId), field("amount", &E::amount),
                               field("reason", &E::reason), field("decided_on", &E::decidedOn)}};
    return m;
}

template <>
const Mapping<Indicator>& mappingOf<Indicator>() {
    using E = Indicator;
    static const Mapping<E> m{
        "kk_indicator",
        "id",
        "code",
        {field("code", &E::code), field("name", &E::name), field("unit", &E::unit),
         field("type", &E::type), field("direction", &E::direction),
         field("aggregation", &E::aggregation), field("numerator", &E::numerator),
         field("denominator", &E::denominator), field("programme_id", &E::programmeId)}};
    return m;
}

template <>
const Mapping<Target>& mappingOf<Target>() {
    using E = Target;
    static const Mapping<E> m = [] {
        Mapping<E> x{"kk_target", "id", "", {field("indicator_id", &E::indicatorId)}};
        addSubject(x.fields);
        x.fields.push_back(field("year", &E::year));
        x.fields.push_back(field("baseline", &E::baseline));
        x.fields.push_back(field("value", &E::value));
        x.fields.push_back(field("milestone", &E::milestone));
        return x;
    }();
    return m;
}

template <>
const Mapping<Measurement>& mappingOf<Measurement>() {
    using E = Measurement;
    static const Mapping<E> m = [] {
        Mapping<E> x{"kk_measurement", "id", "", {field("indicator_id", &E::indicatorId)}};
        addSubject(x.fields);
        x.fields.push_back(field("year", &E::year));
        x.fields.push_back(field("value", &E::value));
        x.fields.push_back(field("source", &E::source));
        return x;
    }();
    return m;
}

template <>
const Mapping<PolicyGoal>& mappingOf<PolicyGoal>() {
    using E = PolicyGoal;
    static const Mapping<E> m{
        "kk_policy_goal",
        "id",
        "",
        {field("government_id", &E::governmentId), field("plan_period", &E::planPeriod),
         field("code", &E::code), field("title", &E::title)}};
    return m;
}

template <>
const Mapping<ActionPlan>& mappingOf<ActionPlan>() {
    using E = ActionPlan;
    static const Mapping<E> m{
        "kk_action_plan",
        "id",
        "",
        {field("goal_id", &E::goalId), field("code", &E::code), field("title", &E::title)}};
    return m;
}

template <>
const Mapping<Action>& mappingOf<Action>() {
    using E = Action;
    static const Mapping<E> m{"kk_action",
                              "id",
                              "",
                              {field("plan_id", &E::planId), field("code", &E::code),
                               field("title", &E::title), field("priority", &E::priority)}};
    return m;
}

template <>
const Mapping<ExternalReportingCode>& mappingOf<ExternalReportingCode>() {
    using E = ExternalReportingCode;
    static const Mapping<E> m = [] {
        Mapping<E> x{
            "kk_external_code",
            "id",
            "code",
            {field("code", &E::code), field("name", &E::name), field("grantor", &E::grantor)}};
        addValidity(x.fields);
        return x;
    }();
    return m;
}

template <>
const Mapping<Script>& mappingOf<Script>() {
    using E = Script;
    static const Mapping<E> m{
        "kk_script",
        "id",
        "name",
        {field("name", &E::name), field("kind", &E::kind), field("source", &E::source),
         field("hash", &E::hash), field("version", &E::version)}};
    return m;
}

}  // namespace kk::mapping
