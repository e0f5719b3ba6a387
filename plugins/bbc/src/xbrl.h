// The BBC-DR exporter interface (bbc-spec §3.8). The official XBRL taxonomy and the XML
// "Aanlevering" schema are not public, so the only writer shipped refuses with a clear
// "not available" error; a real writer can be added once ABB provides the taxonomy.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "core/base/error.h"
#include "plugins/bbc/src/plan_store.h"

namespace kk::bbc {

/// What a DR delivery is made from: one plan, one report kind, one status.
struct DrSnapshot {
    Plan plan;
    std::string reportKind;  ///< MJP, AMJP, JR
    std::string status;      ///< Origineel, Voorlopig, Herziening
    int year = 0;
};

class BbcDrWriter {
  public:
    virtual ~BbcDrWriter() = default;
    /// The XML file of the delivery.
    virtual Status writeAanlevering(const DrSnapshot& snapshot, std::ostream& xml) = 0;
    /// The XBRL instance of the delivery.
    virtual Status writeInstance(const DrSnapshot& snapshot, std::ostream& xbrl) = 0;
};

/// The error code and message every call of the unavailable writer returns.
inline constexpr const char* kXbrlNotAvailableCode = "bbc.xbrl_not_available";
Error xbrlNotAvailable();

/// The writer shipped today: it writes nothing and returns xbrlNotAvailable().
std::unique_ptr<BbcDrWriter> makeDrWriter();

}  // namespace kk::bbc
