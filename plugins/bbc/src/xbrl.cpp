// The unavailable BBC-DR writer (see xbrl.h). No taxonomy is invented here on purpose.
#include "plugins/bbc/src/xbrl.h"

namespace kk::bbc {
namespace {

class NotAvailableWriter final : public BbcDrWriter {
  public:
    Status writeAanlevering(const DrSnapshot&, std::ostream&) override {
        return xbrlNotAvailable();
    }
    Status writeInstance(const DrSnapshot&, std::ostream&) override { return xbrlNotAvailable(); }
};

}  // namespace

Error xbrlNotAvailable() {
    return makeError(kXbrlNotAvailableCode,
                     "not available: the official BBC-DR taxonomy is not public, so Koppelkans "
                     "cannot write the XML + XBRL pair of the digitale rapportering",
                     "bbc xbrl",
                     "produce the DR with your financial package; use the registration export, "
                     "the schemas and the preflight here to check the figures (docs/bbc.md)");
}

std::unique_ptr<BbcDrWriter> makeDrWriter() {
    return std::make_unique<NotAvailableWriter>();
}

}  // namespace kk::bbc
