// Questions the workbench asks the user (file to save, funds to pick, trust a script...). They
// go through this table of functions so that the UI tests can answer them without a modal
// dialog blocking the event loop; the defaults show the ordinary wx dialogs.
#pragma once

#include <functional>
#include <vector>

#include <wx/arrstr.h>
#include <wx/string.h>
#include <wx/window.h>

namespace kk::ui {

struct Prompts {
    /// A path to write to; empty when the user cancels.
    std::function<wxString(wxWindow* parent, const wxString& title, const wxString& defaultName,
                           const wxString& wildcard)>
        savePath;
    /// Indices of the chosen entries (several allowed); empty when cancelled.
    std::function<std::vector<int>(wxWindow* parent, const wxString& title,
                                   const wxArrayString& choices)>
        chooseMany;
    /// One entry; -1 when cancelled.
    std::function<int(wxWindow* parent, const wxString& title, const wxArrayString& choices)>
        chooseOne;
    /// Yes (true) or no.
    std::function<bool(wxWindow* parent, const wxString& title, const wxString& text)> confirm;
    /// A message the user reads and closes (selectable text, so a token can be copied).
    std::function<void(wxWindow* parent, const wxString& title, const wxString& text)> inform;
};

/// The ordinary dialogs.
Prompts defaultPrompts();

}  // namespace kk::ui
