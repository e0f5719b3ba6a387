// Text measuring, wrapping and drawing on cairo for the painters and the PDF writer.
#include "core/report/cairo_util.h"

#include <sstream>

namespace kk::report::detail {

void setFont(cairo_t* cr, const std::string& family, double size, bool bold, bool italic) {
    cairo_select_font_face(cr, family.c_str(),
                           italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

void setColour(cairo_t* cr, const Colour& c) {
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

void setGrey(cairo_t* cr, double level) {
    cairo_set_source_rgb(cr, level, level, level);
}

double textWidth(cairo_t* cr, const std::string& text) {
    cairo_text_extents_t ext;
    cairo_text_extents(cr, text.c_str(), &ext);
    return ext.x_advance;
}

std::string ellipsize(cairo_t* cr, const std::string& text, double maxWidth) {
    if (textWidth(cr, text) <= maxWidth)
        return text;
    static const std::string kEllipsis = "\xE2\x80\xA6";
    std::string cut = text;
    while (!cut.empty()) {
        // Drop one whole UTF-8 character from the end.
        std::size_t n = cut.size() - 1;
        while (n > 0 && (static_cast<unsigned char>(cut[n]) & 0xC0) == 0x80)
            --n;
        cut.erase(n);
        while (!cut.empty() && cut.back() == ' ')
            cut.pop_back();
        if (textWidth(cr, cut + kEllipsis) <= maxWidth)
            return cut + kEllipsis;
    }
    return textWidth(cr, kEllipsis) <= maxWidth ? kEllipsis : std::string();
}

std::vector<std::string> wrapText(cairo_t* cr, const std::string& text, double maxWidth) {
    std::vector<std::string> lines;
    std::istringstream paragraphs(text);
    std::string paragraph;
    // Explicit newlines in the text start a new line.
    while (std::getline(paragraphs, paragraph)) {
        std::istringstream words(paragraph);
        std::string word;
        std::string line;
        bool any = false;
        while (words >> word) {
            any = true;
            const std::string candidate = line.empty() ? word : line + " " + word;
            if (textWidth(cr, candidate) <= maxWidth || line.empty()) {
                line = candidate;
                if (textWidth(cr, line) > maxWidth)
                    line = ellipsize(cr, line, maxWidth);
            } else {
                lines.push_back(line);
                line = textWidth(cr, word) <= maxWidth ? word : ellipsize(cr, word, maxWidth);
            }
        }
        if (any)
            lines.push_back(line);
        else
            lines.emplace_back();
    }
    if (lines.empty())
        lines.emplace_back();
    return lines;
}

void drawText(cairo_t* cr, double x, double y, const std::string& text, Align align) {
    if (text.empty())
        return;
    double left = x;
    if (align == Align::Right)
        left = x - textWidth(cr, text);
    else if (align == Align::Center)
        left = x - textWidth(cr, text) / 2;
    cairo_move_to(cr, left, y);
    cairo_show_text(cr, text.c_str());
}

}  // namespace kk::report::detail
