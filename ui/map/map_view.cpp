// Map document: layers from core/geo, values from the repositories, drawing by MapPainter.
#include "ui/map/map_view.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <cairo.h>
#include <wx/dcbuffer.h>
#include <wx/image.h>
#include <wx/sizer.h>

#include "core/geo/workspace_areas.h"
#include "core/report/format.h"
#include "core/report/painter.h"
#include "core/store/repositories.h"
#include "ui/app/workbench.h"

namespace kk::ui {
namespace {

/// Font size of map labels and legend on screen (pixels).
constexpr double kFontSize = 10;
/// The painter's layout (map_painter.cpp): legend column width and padding for a given size.
double legendWidth(double width) {
    return std::min(width * 0.32, kFontSize * 18);
}

std::vector<report::Ring> ringsOf(const geo::Geometry& g) {
    std::vector<report::Ring> out;
    auto add = [&out](const geo::Ring& ring) {
        report::Ring r;
        r.reserve(ring.size());
        for (const geo::Point& p : ring)
            r.push_back({p.x, p.y});
        out.push_back(std::move(r));
    };
    for (const geo::PolygonRings& poly : g.polygons()) {
        add(poly.outer);
        for (const geo::Ring& hole : poly.holes)
            add(hole);
    }
    return out;
}

report::Cell moneyCell(const std::string& text) {
    auto m = Money::parse(text);
    return m ? report::Cell(m.value()) : report::Cell();
}

/// Even-odd point-in-rings test in map coordinates.
bool contains(const std::vector<report::Ring>& rings, double x, double y) {
    bool inside = false;
    for (const report::Ring& r : rings)
        for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
            if ((r[i].y > y) != (r[j].y > y) &&
                x < (r[j].x - r[i].x) * (y - r[i].y) / (r[j].y - r[i].y) + r[i].x)
                inside = !inside;
    return inside;
}

/// minX, minY, maxX, maxY of rings.
std::array<double, 4> boxOf(const std::vector<report::Ring>& rings) {
    std::array<double, 4> b{1e300, 1e300, -1e300, -1e300};
    for (const report::Ring& r : rings)
        for (const report::MapPoint& p : r) {
            b[0] = std::min(b[0], p.x);
            b[1] = std::min(b[1], p.y);
            b[2] = std::max(b[2], p.x);
            b[3] = std::max(b[3], p.y);
        }
    return b;
}

struct MapFit {
    double s = 1, ox = 0, oy = 0, minX = 0, maxY = 0;
    bool ok = false;
};

/// The same fit as MapPainter::paint for a block drawn into (x, y, w, h), without a title.
MapFit fitOf(const report::MapBlock& block, double x, double y, double w, double h) {
    MapFit f;
    double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
    for (const report::MapFeature& feature : block.features)
        for (const report::Ring& r : feature.rings)
            for (const report::MapPoint& p : r) {
                minX = std::min(minX, p.x);
                maxX = std::max(maxX, p.x);
                minY = std::min(minY, p.y);
                maxY = std::max(maxY, p.y);
            }
    if (minX > maxX)
        return f;
    const double pad = kFontSize;
    const double mx = x + pad, my = y + pad;
    const double mw = w - legendWidth(w) - 2 * pad;
    const double mh = h - 2 * pad - kFontSize * 1.5;
    const double bw = std::max(maxX - minX, 1e-9), bh = std::max(maxY - minY, 1e-9);
    f.s = std::min(mw / bw, mh / bh);
    f.ox = mx + (mw - bw * f.s) / 2;
    f.oy = my + (mh - bh * f.s) / 2;
    f.minX = minX;
    f.maxY = maxY;
    f.ok = true;
    return f;
}

}  // namespace

MapView::MapView(wxWindow* parent, Workbench& workbench, std::int64_t)
    : DocumentView(parent, workbench) {
    m_layerLabel = new wxStaticText(this, wxID_ANY, "");
    m_layerChoice = new wxChoice(this, wxID_ANY);
    m_measureLabel = new wxStaticText(this, wxID_ANY, "");
    m_measureChoice = new wxChoice(this, wxID_ANY);
    m_info = new wxStaticText(this, wxID_ANY, "");
    m_canvas = new MapCanvas(*this);
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    bar->Add(m_layerLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    bar->Add(m_layerChoice, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    bar->Add(m_measureLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 4);
    bar->Add(m_measureChoice, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 12);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(bar, 0, wxEXPAND | wxALL, 8);
    sizer->Add(m_info, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    sizer->Add(m_canvas, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    SetSizer(sizer);

    m_layerChoice->Bind(wxEVT_CHOICE, [this](wxCommandEvent& e) {
        m_layer = e.GetSelection();
        m_canvas->zoomAll();
    });
    m_measureChoice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { m_canvas->invalidate(); });
    m_canvas->onClick = [this](int index) {
        if (index < 0)
            return;
        const MapItem& item = items()[static_cast<std::size_t>(index)];
        selectObject(item.entity, item.id, true);
    };
    m_selection = m_workbench.objectSelected.connect(
        [this](const void* source, const std::string& entity, std::int64_t id) {
            if (source != this)
                selectObject(entity, id, false);
        });
    reload();
    retranslate();
}

MapView::~MapView() = default;

wxString MapView::title() const {
    return m_workbench.tr("map.tab");
}

void MapView::reload() {
    m_areas.clear();
    m_projects.clear();
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return;
    // Areas: municipalities when there are any (the usual choropleth), else every area.
    auto areas = geo::workspaceAreas(*ws, AreaKind::Municipality);
    if (areas && areas.value().empty())
        areas = geo::workspaceAreas(*ws);
    std::map<std::string, std::int64_t> areaIds;  // "kind/code" -> id
    for (const Area& a : Repository<Area>(*ws).list())
        areaIds[std::string(toCode(a.kind)) + "/" + a.code] = a.id.value;
    std::map<std::int64_t, std::size_t> areaIndex;
    if (areas)
        for (const geo::Feature& f : areas.value()) {
            MapItem item;
            item.entity = "area";
            item.code = f.key;
            item.label = f.name.empty() ? f.key : f.name;
            auto kind = f.attributes.find("kind");
            if (auto it =
                    areaIds.find((kind != f.attributes.end() ? kind->second : "") + "/" + f.key);
                it != areaIds.end())
                item.id = it->second;
            item.rings = ringsOf(f.geometry);
            if (item.rings.empty())
                continue;
            areaIndex[item.id] = m_areas.size();
            m_areas.push_back(std::move(item));
        }
    // A project belongs to the area it names, or else (a perimeter of its own) to the area
    // that contains the centre of its perimeter's box.
    std::vector<std::array<double, 4>> boxes;
    for (const MapItem& a : m_areas)
        boxes.push_back(boxOf(a.rings));
    auto areaOf = [&](const Project& p, const MapItem& item) -> int {
        if (p.areaId)
            if (auto ai = areaIndex.find(p.areaId->value); ai != areaIndex.end())
                return static_cast<int>(ai->second);
        if (item.rings.empty())
            return -1;
        const auto b = boxOf(item.rings);
        const double cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
        for (std::size_t k = 0; k < m_areas.size(); ++k)
            if (cx >= boxes[k][0] && cx <= boxes[k][2] && cy >= boxes[k][1] && cy <= boxes[k][3] &&
                contains(m_areas[k].rings, cx, cy))
                return static_cast<int>(k);
        return -1;
    };
    std::map<std::string, const Project*> byCode;
    const auto projects = Repository<Project>(*ws).list();
    for (const Project& p : projects)
        byCode[p.code] = &p;
    std::map<std::int64_t, std::size_t> projectIndex;
    if (auto features = geo::workspaceProjects(*ws))
        for (const geo::Feature& f : features.value()) {
            const auto it = byCode.find(f.key);
            if (it == byCode.end())
                continue;
            MapItem item;
            item.entity = "project";
            item.id = it->second->id.value;
            item.code = f.key;
            item.label = f.name.empty() ? f.key : f.name;
            item.rings = ringsOf(f.geometry);
            for (const char* key : {"cost_total", "awarded_total", "expenses_total"})
                if (auto a = f.attributes.find(key); a != f.attributes.end())
                    item.values[key] = moneyCell(a->second);
            // The totals of an area: the sums of its projects (exact, in cents).
            if (const int area = areaOf(*it->second, item); area >= 0)
                for (const auto& [key, cell] : item.values) {
                    report::Cell& sum = m_areas[static_cast<std::size_t>(area)].values[key];
                    const Money add = std::get<Money>(cell.value());
                    sum = sum.isEmpty() ? report::Cell(add)
                                        : report::Cell(std::get<Money>(sum.value()) + add);
                }
            if (item.rings.empty())
                continue;
            projectIndex[item.id] = m_projects.size();
            m_projects.push_back(std::move(item));
        }
    // Indicators: the latest year's measurement per subject (sums for sum/cumulative ones).
    for (const Indicator& ind : Repository<Indicator>(*ws).list()) {
        const std::string key = "indicator:" + ind.code;
        std::map<std::pair<int, std::int64_t>, std::pair<int, double>> values;
        for (const Measurement& m :
             Repository<Measurement>(*ws).list(Query().where("indicator_id", ind.id.value))) {
            char* end = nullptr;
            const double v = std::strtod(m.value.c_str(), &end);
            auto& slot = values[{static_cast<int>(m.subject.kind), m.subject.id}];
            if (ind.aggregation == Aggregation::Sum)
                slot.second += v;
            else if (m.year >= slot.first) {
                slot = {m.year, v};
            }
        }
        for (const auto& [subject, value] : values) {
            std::vector<MapItem>* list = nullptr;
            std::map<std::int64_t, std::size_t>* index = nullptr;
            if (subject.first == static_cast<int>(SubjectKind::Project)) {
                list = &m_projects;
                index = &projectIndex;
            } else if (subject.first == static_cast<int>(SubjectKind::Area)) {
                list = &m_areas;
                index = &areaIndex;
            }
            if (!list)
                continue;
            if (auto it = index->find(subject.second); it != index->end())
                (*list)[it->second].values[key] = report::Decimal::fromDouble(value.second, 2);
        }
    }
}

void MapView::fillMeasures() {
    m_measures.clear();
    for (const char* key : {"cost_total", "awarded_total", "expenses_total"})
        m_measures.emplace_back(key, m_workbench.tr(std::string("map.measure.") + key));
    if (Workspace* ws = m_workbench.workspace())
        for (const Indicator& ind : Repository<Indicator>(*ws).list(Query{{}, "code"}))
            m_measures.emplace_back(
                "indicator:" + ind.code,
                m_workbench.tr("map.indicator", {wxString::FromUTF8(ind.code + " " + ind.name),
                                                 wxString::FromUTF8(ind.unit)}));
    const int keep = std::max(0, m_measureChoice->GetSelection());
    m_measureChoice->Clear();
    for (const auto& [key, label] : m_measures)
        m_measureChoice->Append(label);
    m_measureChoice->SetSelection(std::min(keep, static_cast<int>(m_measures.size()) - 1));
}

void MapView::retranslate() {
    m_layerLabel->SetLabel(m_workbench.tr("map.layer"));
    m_measureLabel->SetLabel(m_workbench.tr("map.measure"));
    m_layerChoice->Clear();
    m_layerChoice->Append(m_workbench.tr("map.layer.areas"));
    m_layerChoice->Append(m_workbench.tr("map.layer.projects"));
    m_layerChoice->SetSelection(m_layer);
    fillMeasures();
    m_info->SetLabel(m_workbench.tr("map.hint"));
    Layout();
    m_canvas->invalidate();
}

bool MapView::selectLayer(const std::string& layer) {
    const int index = layer == "areas" ? 0 : layer == "projects" ? 1 : -1;
    if (index < 0)
        return false;
    m_layer = index;
    m_layerChoice->SetSelection(index);
    m_canvas->zoomAll();
    return true;
}

bool MapView::selectMeasure(const std::string& measure) {
    for (std::size_t i = 0; i < m_measures.size(); ++i)
        if (m_measures[i].first == measure) {
            m_measureChoice->SetSelection(static_cast<int>(i));
            m_canvas->invalidate();
            return true;
        }
    return false;
}

void MapView::selectObject(const std::string& entity, std::int64_t id, bool notify) {
    m_selectedEntity = entity;
    m_selectedId = id;
    wxString info = m_workbench.tr("map.hint");
    for (const MapItem& item : items())
        if (item.entity == entity && item.id == id) {
            const std::string& key =
                m_measures[static_cast<std::size_t>(std::max(0, m_measureChoice->GetSelection()))]
                    .first;
            const auto v = item.values.find(key);
            info = wxString::FromUTF8(item.code + " — " + item.label) + ": " +
                   (v == item.values.end() || v->second.isEmpty()
                        ? m_workbench.tr("map.no_value")
                        : wxString::FromUTF8(report::formatDisplay(
                              v->second, report::Column{"", *v->second.type()})));
        }
    m_info->SetLabel(info);
    // Selected elsewhere (the navigator): bring it into view when the map is zoomed in.
    if (!notify)
        if (const int index = selectedIndex(); index >= 0)
            m_canvas->centreOn(m_canvas->screenCentreOf(items()[static_cast<std::size_t>(index)]));
    m_canvas->invalidate();
    if (notify)
        m_workbench.objectSelected.emit(this, entity, id);
}

report::MapBlock MapView::currentBlock() const {
    report::MapBlock block;
    const std::string key =
        m_measures.empty()
            ? std::string("cost_total")
            : m_measures[static_cast<std::size_t>(std::max(0, m_measureChoice->GetSelection()))]
                  .first;
    for (const auto& [k, label] : m_measures)
        if (k == key)
            block.valueTitle = label.ToStdString(wxConvUTF8);
    block.labels = items().size() <= 60;  // thousands of labels only hide the map
    for (const MapItem& item : items()) {
        const auto v = item.values.find(key);
        block.addFeature(item.label, item.rings,
                         v == item.values.end() ? report::Cell() : v->second);
        if (item.entity == m_selectedEntity && item.id == m_selectedId)
            for (const report::Ring& r : item.rings)
                block.addOutline(r);
    }
    return block;
}

int MapView::selectedIndex() const {
    const auto& all = items();
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].entity == m_selectedEntity && all[i].id == m_selectedId)
            return static_cast<int>(i);
    return -1;
}

bool MapView::onWorkspaceChanged(const ChangeNotice&) {
    reload();
    fillMeasures();
    m_canvas->invalidate();
    return true;
}

bool MapView::canHandleCommand(std::string_view id) const {
    return id == "map.zoom_in" || id == "map.zoom_out" || id == "map.zoom_all";
}

bool MapView::handleCommand(std::string_view id) {
    const wxSize size = m_canvas->GetClientSize();
    wxPoint centre(size.x / 2, size.y / 2);
    // Zooming keeps the selection where it is, so zooming in on it needs no panning.
    if (const int index = selectedIndex(); index >= 0)
        centre = m_canvas->screenCentreOf(items()[static_cast<std::size_t>(index)]);
    if (id == "map.zoom_in")
        m_canvas->zoomBy(1.5, centre);
    else if (id == "map.zoom_out")
        m_canvas->zoomBy(1 / 1.5, centre);
    else if (id == "map.zoom_all")
        m_canvas->zoomAll();
    else
        return false;
    return true;
}

// ---- canvas ---------------------------------------------------------------------------------

MapCanvas::MapCanvas(MapView& view)
    : wxWindow(&view, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxWANTS_CHARS | wxBORDER_THEME),
      m_view(view) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(wxSize(400, 300));
    Bind(wxEVT_PAINT, [this](wxPaintEvent&) { onPaint(); });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        clampPan();
        invalidate();
        e.Skip();
    });
    Bind(wxEVT_MOUSEWHEEL, [this](wxMouseEvent& e) {
        zoomBy(e.GetWheelRotation() > 0 ? 1.25 : 0.8, e.GetPosition());
    });
    Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& e) {
        SetFocus();
        m_dragging = true;
        m_dragMoved = false;
        m_dragStart = m_dragLast = e.GetPosition();
        CaptureMouse();
    });
    Bind(wxEVT_MOTION, [this](wxMouseEvent& e) {
        if (!m_dragging)
            return;
        const wxPoint d = e.GetPosition() - m_dragLast;
        m_dragLast = e.GetPosition();
        if (std::abs(e.GetPosition().x - m_dragStart.x) +
                std::abs(e.GetPosition().y - m_dragStart.y) >
            3)
            m_dragMoved = true;
        if (m_dragMoved)
            panBy(-d.x, -d.y);
    });
    Bind(wxEVT_LEFT_UP, [this](wxMouseEvent& e) {
        if (HasCapture())
            ReleaseMouse();
        const bool click = m_dragging && !m_dragMoved;
        m_dragging = false;
        if (click && onClick)
            onClick(hitTest(e.GetPosition()));
    });
    Bind(wxEVT_MOUSE_CAPTURE_LOST, [this](wxMouseCaptureLostEvent&) { m_dragging = false; });
    Bind(wxEVT_KEY_DOWN, [this](wxKeyEvent& e) {
        if (e.GetModifiers() != wxMOD_NONE) {
            e.Skip();  // Ctrl+Shift+arrows are the zoom commands' shortcuts
            return;
        }
        switch (e.GetKeyCode()) {
            case WXK_LEFT:
                panBy(-40, 0);
                break;
            case WXK_RIGHT:
                panBy(40, 0);
                break;
            case WXK_UP:
                panBy(0, -40);
                break;
            case WXK_DOWN:
                panBy(0, 40);
                break;
            default:
                e.Skip();
        }
    });
}

void MapCanvas::invalidate() {
    m_dirty = true;
    Refresh(false);
}

void MapCanvas::zoomBy(double factor, wxPoint around) {
    const double next = std::clamp(m_zoom * factor, 1.0, 200.0);
    const double f = next / m_zoom;
    m_panX = (m_panX + around.x) * f - around.x;
    m_panY = (m_panY + around.y) * f - around.y;
    m_zoom = next;
    clampPan();
    invalidate();
}

void MapCanvas::zoomAll() {
    m_zoom = 1.0;
    m_panX = m_panY = 0;
    invalidate();
}

void MapCanvas::panBy(int dx, int dy) {
    m_panX += dx;
    m_panY += dy;
    clampPan();
    invalidate();
}

void MapCanvas::clampPan() {
    // Within these bounds the zoomed painter's own legend stays right of the map area, where
    // the unzoomed legend is drawn (see render()).
    const wxSize size = GetClientSize();
    m_panX = std::clamp(m_panX, 0.0, std::max(0.0, size.x * (m_zoom - 1)));
    m_panY = std::clamp(m_panY, 0.0, std::max(0.0, size.y * (m_zoom - 1)));
}

wxPoint MapCanvas::screenCentreOf(const MapItem& item) const {
    const wxSize size = GetClientSize();
    const MapFit fit =
        fitOf(m_view.currentBlock(), -m_panX, -m_panY, size.x * m_zoom, size.y * m_zoom);
    if (!fit.ok)
        return {size.x / 2, size.y / 2};
    const auto b = boxOf(item.rings);
    return {static_cast<int>(fit.ox + ((b[0] + b[2]) / 2 - fit.minX) * fit.s),
            static_cast<int>(fit.oy + (fit.maxY - (b[1] + b[3]) / 2) * fit.s)};
}

void MapCanvas::centreOn(wxPoint at) {
    const wxSize size = GetClientSize();
    m_panX += at.x - (size.x - legendWidth(size.x)) / 2;
    m_panY += at.y - size.y / 2;
    clampPan();
    invalidate();
}

int MapCanvas::hitTest(wxPoint at) const {
    const wxSize size = GetClientSize();
    const report::MapBlock block = m_view.currentBlock();
    const MapFit fit = fitOf(block, -m_panX, -m_panY, size.x * m_zoom, size.y * m_zoom);
    if (!fit.ok || at.x > size.x - legendWidth(size.x))
        return -1;
    const double x = (at.x - fit.ox) / fit.s + fit.minX;
    const double y = fit.maxY - (at.y - fit.oy) / fit.s;
    const auto& items = m_view.items();
    // Last drawn is on top: search backwards.
    for (std::size_t i = items.size(); i-- > 0;)
        if (contains(items[i].rings, x, y))
            return static_cast<int>(i);
    return -1;
}

void MapCanvas::render() {
    const wxSize size = GetClientSize();
    if (size.x < 10 || size.y < 10)
        return;
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, size.x, size.y);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    const report::MapBlock block = m_view.currentBlock();
    report::PaintStyle style;
    style.fontSize = kFontSize;
    const report::MapPainter painter(style);
    const double legend = legendWidth(size.x);
    // Pass 1: the zoomed and panned map, clipped to the map area.
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, size.x - legend, size.y);
    cairo_clip(cr);
    painter.paint(cr, block, -m_panX, -m_panY, size.x * m_zoom, size.y * m_zoom);
    cairo_restore(cr);
    // Pass 2: the legend of an unzoomed drawing, clipped to the legend column.
    cairo_save(cr);
    cairo_rectangle(cr, size.x - legend, 0, legend, size.y);
    cairo_clip(cr);
    painter.paint(cr, block, 0, 0, size.x, size.y);
    cairo_restore(cr);
    cairo_destroy(cr);
    cairo_surface_flush(surface);

    wxImage image(size.x, size.y);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    unsigned char* rgb = image.GetData();
    for (int y = 0; y < size.y; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(data + y * stride);
        for (int x = 0; x < size.x; ++x) {
            const std::uint32_t px = row[x];
            *rgb++ = static_cast<unsigned char>((px >> 16) & 0xff);
            *rgb++ = static_cast<unsigned char>((px >> 8) & 0xff);
            *rgb++ = static_cast<unsigned char>(px & 0xff);
        }
    }
    cairo_surface_destroy(surface);
    m_bitmap = wxBitmap(image);
    m_dirty = false;
}

void MapCanvas::onPaint() {
    wxAutoBufferedPaintDC dc(this);
    if (m_dirty || !m_bitmap.IsOk() || m_bitmap.GetSize() != GetClientSize())
        render();
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    if (m_bitmap.IsOk())
        dc.DrawBitmap(m_bitmap, 0, 0);
}

}  // namespace kk::ui
