// The label catalog of the workbench: user-visible text keyed by label id, loaded from
// data/i18n/<language>.json (Dutch is the default, English the alternative).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <wx/string.h>

#include "core/base/error.h"

namespace kk::ui {

class Catalog {
  public:
    /// Loads `<i18nDir>/<language>.json` and, as a fallback for missing keys, `nl.json`.
    /// Fails with a message that names the file and the JSON error.
    Status load(const std::string& i18nDir, const std::string& language);

    /// The label for `key`; the key itself when no catalog has it, so a missing label is
    /// visible instead of blank.
    wxString tr(const std::string& key) const;
    /// tr(key) with "{0}", "{1}"... replaced by the arguments.
    wxString tr(const std::string& key, const std::vector<wxString>& args) const;
    bool has(const std::string& key) const;

    const std::string& language() const { return m_language; }
    /// Languages offered in preferences: code and the language's own name.
    static std::vector<std::pair<std::string, wxString>> languages();

  private:
    std::string m_language = "nl";
    std::map<std::string, wxString, std::less<>> m_labels;
    std::map<std::string, wxString, std::less<>> m_fallback;
};

/// Replaces "{0}", "{1}"... in a pattern.
wxString formatLabel(wxString pattern, const std::vector<wxString>& args);

}  // namespace kk::ui
