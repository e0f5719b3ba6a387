// Internal to core/report: RAII for cairo objects and the text helpers painters and the PDF
// writer share (cairo's toy text API; pango is not a dependency).
#pragma once

#include <cairo.h>

#include <memory>
#include <string>
#include <vector>

#include "core/report/report.h"
#include "core/report/scale.h"

namespace kk::report::detail {

struct CairoDeleter {
    void operator()(cairo_t* cr) const { cairo_destroy(cr); }
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoDeleter>;

/// cairo_save() now, cairo_restore() at scope end.
class SavedState {
  public:
    explicit SavedState(cairo_t* cr) : m_cr(cr) { cairo_save(cr); }
    ~SavedState() { cairo_restore(m_cr); }
    SavedState(const SavedState&) = delete;
    SavedState& operator=(const SavedState&) = delete;

  private:
    cairo_t* m_cr;
};

void setFont(cairo_t* cr, const std::string& family, double size, bool bold = false,
             bool italic = false);
void setColour(cairo_t* cr, const Colour& c);
void setGrey(cairo_t* cr, double level);
double textWidth(cairo_t* cr, const std::string& text);
/// Cuts text to fit `maxWidth`, ending in "…"; UTF-8 safe.
std::string ellipsize(cairo_t* cr, const std::string& text, double maxWidth);
/// Word wrap into lines no wider than `maxWidth` (a single long word is ellipsized).
std::vector<std::string> wrapText(cairo_t* cr, const std::string& text, double maxWidth);
/// Text with its baseline at y; x is the left edge, centre or right edge by `align`.
void drawText(cairo_t* cr, double x, double y, const std::string& text, Align align = Align::Left);

}  // namespace kk::report::detail
