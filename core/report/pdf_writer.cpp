// PdfWriter: runs the two-pass layout and saves the PDF all-or-nothing.
#include "core/report/pdf_writer.h"

#include <cairo-pdf.h>

#include "core/report/cairo_util.h"
#include "core/report/pdf_layout.h"

namespace kk::report {
namespace {

cairo_status_t discard(void*, const unsigned char*, unsigned int) {
    return CAIRO_STATUS_SUCCESS;
}

void setMetadata(cairo_surface_t* surface, const Report& report) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, report.title.c_str());
    if (!report.subtitle.empty())
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT,
                                       report.subtitle.c_str());
    if (!report.author.empty())
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, report.author.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Koppelkans");
}

}  // namespace

Status PdfWriter::write(const Report& report, const std::string& path, Progress& progress) const {
    if (const Status st = report.validate(); !st)
        return st;
    detail::OutputFile file(path);
    if (const Status st = file.checkFolder(); !st)
        return st;
    std::int64_t work = 0;
    for (const Section& s : report.sections)
        for (const Block& b : s.blocks) {
            ++work;
            if (const auto* t = std::get_if<TableBlock>(&b))
                work += static_cast<std::int64_t>(t->rows.size()) / detail::kRowBatch;
        }
    detail::Steps steps(progress, 2 * work);
    using Layout = detail::PdfLayout;

    // Pass 1: learn the page numbers on a surface that throws its bytes away.
    detail::PageNumbers numbers;
    {
        detail::SurfacePtr scratch(cairo_pdf_surface_create_for_stream(
            discard, nullptr, Layout::kPageWidth, Layout::kPageHeight));
        Layout layout(scratch.get(), report, m_options, numbers, steps, false);
        if (!layout.run())
            return detail::cancelledError(path);
        numbers = layout.numbers();
    }
    // Pass 2 (and more only if the numbers moved): draw for real with the known numbers.
    for (int pass = 0; pass < 3; ++pass) {
        detail::SurfacePtr surface(cairo_pdf_surface_create(
            file.tempPath().c_str(), Layout::kPageWidth, Layout::kPageHeight));
        if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
            return makeError("report.write", "could not create the PDF file", path,
                             "check that the folder is writable");
        setMetadata(surface.get(), report);
        Layout layout(surface.get(), report, m_options, numbers, steps, true);
        if (!layout.run())
            return detail::cancelledError(path);
        cairo_surface_finish(surface.get());
        if (const auto status = cairo_surface_status(surface.get()); status != CAIRO_STATUS_SUCCESS)
            return makeError(
                "report.write",
                std::string("could not write the PDF file: ") + cairo_status_to_string(status),
                path, "check free disk space and that the folder is writable");
        const bool stable = layout.numbers() == numbers;
        numbers = layout.numbers();
        if (stable)
            return file.commit();
    }
    return makeError("report.pdf", "the page layout did not settle", path,
                     "report this as a bug; export as HTML or XLSX meanwhile");
}

}  // namespace kk::report
