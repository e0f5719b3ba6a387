// The map document: municipalities (or other areas) and project perimeters of the workspace in
// EPSG:31370, coloured by any funding total or indicator with a legend. Drawing is core/report's
// MapPainter — the same code that draws maps into PDF reports — onto a cairo image surface that
// is then blitted. Pan (drag, arrow keys), zoom (wheel, commands), click to select; the
// selection is shared with the navigator through Workbench::objectSelected.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <wx/choice.h>
#include <wx/stattext.h>
#include <wx/window.h>

#include "core/base/signal.h"
#include "core/report/report.h"
#include "ui/views/document_area.h"

namespace kk::ui {

/// One drawable object: an area or a project with its rings and values by measure key.
struct MapItem {
    std::string entity;  ///< "area" or "project" (what the navigator lists)
    std::int64_t id = 0;
    std::string code;
    std::string label;
    std::vector<report::Ring> rings;
    std::map<std::string, report::Cell> values;  ///< "cost_total", "indicator:CODE"...
};

class MapCanvas;

class MapView : public DocumentView {
  public:
    MapView(wxWindow* parent, Workbench& workbench, std::int64_t unused);
    ~MapView() override;

    std::string key() const override { return "map"; }
    wxString title() const override;
    bool onWorkspaceChanged(const ChangeNotice& notice) override;
    void retranslate() override;
    bool handleCommand(std::string_view commandId) override;
    bool canHandleCommand(std::string_view commandId) const override;

    /// "areas" or "projects".
    bool selectLayer(const std::string& layer);
    /// A measure key ("cost_total", "awarded_total", "expenses_total", "indicator:CODE").
    bool selectMeasure(const std::string& measure);
    /// Selects an object (no notification when `notify` is false).
    void selectObject(const std::string& entity, std::int64_t id, bool notify);
    const std::string& selectedEntity() const { return m_selectedEntity; }
    std::int64_t selectedId() const { return m_selectedId; }
    /// The block the painter draws now (layer, measure, selection outline).
    report::MapBlock currentBlock() const;
    const std::vector<MapItem>& items() const { return m_layer == 0 ? m_areas : m_projects; }
    MapCanvas& canvas() { return *m_canvas; }

  private:
    void reload();
    void fillMeasures();
    /// Index of the selected object in items(), or -1.
    int selectedIndex() const;

    std::vector<MapItem> m_areas;
    std::vector<MapItem> m_projects;
    std::vector<std::pair<std::string, wxString>> m_measures;  ///< key, label
    int m_layer = 1;
    std::string m_selectedEntity;
    std::int64_t m_selectedId = 0;
    Signal<const void*, const std::string&, std::int64_t>::Connection m_selection;

    // Child windows, owned by this panel (wx parent ownership).
    wxStaticText* m_layerLabel = nullptr;
    wxChoice* m_layerChoice = nullptr;
    wxStaticText* m_measureLabel = nullptr;
    wxChoice* m_measureChoice = nullptr;
    wxStaticText* m_info = nullptr;
    MapCanvas* m_canvas = nullptr;
};

/// The drawing surface: keeps zoom and pan, renders the block through MapPainter, hit-tests.
class MapCanvas : public wxWindow {
  public:
    explicit MapCanvas(MapView& view);
    void invalidate();
    void zoomBy(double factor, wxPoint around);
    void zoomAll();
    void panBy(int dx, int dy);
    double zoom() const { return m_zoom; }
    /// Where the centre of an item's box is drawn now (window coordinates).
    wxPoint screenCentreOf(const MapItem& item) const;
    /// Pans so that a window position comes to the middle of the map area.
    void centreOn(wxPoint at);
    /// The item under a window position, or -1.
    int hitTest(wxPoint at) const;
    /// Called with the index of a clicked item (-1: empty map).
    std::function<void(int)> onClick;

  private:
    void render();
    void clampPan();
    void onPaint();

    MapView& m_view;
    double m_zoom = 1.0;
    double m_panX = 0;
    double m_panY = 0;
    wxBitmap m_bitmap;
    bool m_dirty = true;
    wxPoint m_dragStart;
    wxPoint m_dragLast;
    bool m_dragging = false;
    bool m_dragMoved = false;
};

}  // namespace kk::ui
