// Loads the JSON label catalogs (flat objects: "label.id": "text").
#include "ui/i18n/catalog.h"

#include <fstream>

#include <nlohmann/json.hpp>

namespace kk::ui {
namespace {

Status readCatalog(const std::string& path, std::map<std::string, wxString, std::less<>>& out) {
    std::ifstream in(path);
    if (!in)
        return makeError("ui.catalog_missing", "cannot read the label catalog", path,
                         "reinstall Koppelkans or set KK_DATA_DIR to the folder holding i18n/");
    try {
        const auto json = nlohmann::json::parse(in);
        for (const auto& [key, value] : json.items())
            if (value.is_string())
                out[key] = wxString::FromUTF8(value.get<std::string>());
    } catch (const nlohmann::json::exception& e) {
        return makeError("ui.catalog_bad_json", e.what(), path, "fix the JSON syntax of the file");
    }
    return {};
}

}  // namespace

Status Catalog::load(const std::string& i18nDir, const std::string& language) {
    std::map<std::string, wxString, std::less<>> labels;
    std::map<std::string, wxString, std::less<>> fallback;
    if (auto s = readCatalog(i18nDir + "/nl.json", fallback); !s)
        return s;
    if (language != "nl") {
        if (auto s = readCatalog(i18nDir + "/" + language + ".json", labels); !s)
            return s;
    }
    m_language = language;
    m_labels = std::move(labels);
    m_fallback = std::move(fallback);
    return {};
}

wxString Catalog::tr(const std::string& key) const {
    if (auto it = m_labels.find(key); it != m_labels.end())
        return it->second;
    if (auto it = m_fallback.find(key); it != m_fallback.end())
        return it->second;
    return wxString::FromUTF8(key);
}

wxString Catalog::tr(const std::string& key, const std::vector<wxString>& args) const {
    return formatLabel(tr(key), args);
}

bool Catalog::has(const std::string& key) const {
    return m_labels.count(key) > 0 || m_fallback.count(key) > 0;
}

std::vector<std::pair<std::string, wxString>> Catalog::languages() {
    return {{"nl", wxString::FromUTF8("Nederlands")}, {"en", "English"}};
}

wxString formatLabel(wxString pattern, const std::vector<wxString>& args) {
    for (std::size_t i = 0; i < args.size(); ++i)
        pattern.Replace(wxString::Format("{%zu}", i), args[i]);
    return pattern;
}

}  // namespace kk::ui
