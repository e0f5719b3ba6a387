// Editor forms: labelled fields, codes behind choices, errors marked at the field.
#include "ui/views/field_form.h"

#include "ui/app/workbench.h"

namespace kk::ui {
namespace {
const wxColour kBadField(255, 214, 214);
}

FieldForm::FieldForm(wxWindow* parent, Workbench& workbench)
    : m_parent(parent), m_workbench(workbench), m_sizer(new wxFlexGridSizer(4, 6, 8)) {
    m_sizer->AddGrowableCol(1, 1);
    m_sizer->AddGrowableCol(3, 1);
}

wxTextCtrl* FieldForm::addText(const std::string& field, const std::string& labelKey, long style) {
    Field f;
    f.labelKey = labelKey;
    f.label = new wxStaticText(m_parent, wxID_ANY, choiceLabel(labelKey));  // parent owns
    f.text = new wxTextCtrl(m_parent, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, style);
    f.text->SetName(field);
    // Equal minimum widths, so the two field columns share the width evenly.
    f.text->SetMinSize(wxSize(150, -1));
    f.text->Bind(wxEVT_TEXT, [this](wxCommandEvent& event) {
        if (!loading && onChange)
            onChange();
        event.Skip();
    });
    m_sizer->Add(f.label, 0, wxALIGN_CENTER_VERTICAL);
    m_sizer->Add(f.text, 1, wxEXPAND);
    m_fields.emplace_back(field, f);
    return f.text;
}

wxChoice* FieldForm::addChoice(const std::string& field, const std::string& labelKey,
                               std::vector<std::pair<std::string, std::string>> choices) {
    Field f;
    f.labelKey = labelKey;
    f.label = new wxStaticText(m_parent, wxID_ANY, choiceLabel(labelKey));  // parent owns
    f.choice = new wxChoice(m_parent, wxID_ANY);
    f.choice->SetName(field);
    f.choice->SetMinSize(wxSize(150, -1));
    f.choices = std::move(choices);
    fillChoice(f);
    f.choice->Bind(wxEVT_CHOICE, [this](wxCommandEvent& event) {
        if (!loading && onChange)
            onChange();
        event.Skip();
    });
    m_sizer->Add(f.label, 0, wxALIGN_CENTER_VERTICAL);
    m_sizer->Add(f.choice, 1, wxEXPAND);
    m_fields.emplace_back(field, f);
    return f.choice;
}

wxCheckBox* FieldForm::addCheck(const std::string& field, const std::string& labelKey) {
    Field f;
    f.labelKey = labelKey;
    f.label = new wxStaticText(m_parent, wxID_ANY, choiceLabel(labelKey));  // parent owns
    f.check = new wxCheckBox(m_parent, wxID_ANY, "");
    f.check->SetName(field);
    f.check->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent& event) {
        if (!loading && onChange)
            onChange();
        event.Skip();
    });
    m_sizer->Add(f.label, 0, wxALIGN_CENTER_VERTICAL);
    m_sizer->Add(f.check, 1, wxALIGN_CENTER_VERTICAL);
    m_fields.emplace_back(field, f);
    return f.check;
}

void FieldForm::setHelp(const std::string& field, const wxString& help) {
    for (auto& [name, f] : m_fields)
        if (name == field) {
            f.label->SetToolTip(help);
            control(field)->SetToolTip(help);
        }
}

wxString FieldForm::choiceLabel(const std::string& key) const {
    if (!key.empty() && key[0] == '=')
        return wxString::FromUTF8(key.substr(1));
    return m_workbench.tr(key);
}

void FieldForm::fillChoice(Field& f) {
    const int selection = f.choice->GetSelection();
    f.choice->Clear();
    for (const auto& [code, key] : f.choices)
        f.choice->Append(choiceLabel(key));
    if (selection != wxNOT_FOUND)
        f.choice->SetSelection(selection);
}

void FieldForm::setChoices(const std::string& field,
                           std::vector<std::pair<std::string, std::string>> choices) {
    const std::string code = choice(field);
    for (auto& [name, f] : m_fields)
        if (name == field && f.choice) {
            f.choices = std::move(choices);
            f.choice->Clear();
            fillChoice(f);
        }
    setChoice(field, code);
}

std::string FieldForm::text(const std::string& field) const {
    for (const auto& [name, f] : m_fields) {
        if (name == field && f.text)
            return f.text->GetValue().Strip(wxString::both).ToStdString(wxConvUTF8);
        if (name == field && f.check)
            return f.check->GetValue() ? "1" : "0";
    }
    return choice(field);
}

void FieldForm::setText(const std::string& field, const std::string& value) {
    for (auto& [name, f] : m_fields) {
        if (name == field && f.text)
            f.text->ChangeValue(wxString::FromUTF8(value));
        if (name == field && f.check)
            f.check->SetValue(value == "1");  // SetValue sends no event
    }
}

std::string FieldForm::choice(const std::string& field) const {
    for (const auto& [name, f] : m_fields)
        if (name == field && f.choice) {
            const int s = f.choice->GetSelection();
            return s == wxNOT_FOUND ? std::string() : f.choices[static_cast<std::size_t>(s)].first;
        }
    return {};
}

void FieldForm::setChoice(const std::string& field, const std::string& code) {
    for (auto& [name, f] : m_fields)
        if (name == field && f.choice)
            for (std::size_t i = 0; i < f.choices.size(); ++i)
                if (f.choices[i].first == code)
                    f.choice->SetSelection(static_cast<int>(i));
}

std::map<std::string, std::string> FieldForm::values() const {
    std::map<std::string, std::string> out;
    for (const auto& [name, f] : m_fields)
        out[name] = text(name);
    return out;
}

void FieldForm::markError(const std::string& field) {
    markInvalid(field, true);
    if (wxWindow* w = control(field))
        w->SetFocus();
}

void FieldForm::markInvalid(const std::string& field, bool invalid) {
    if (wxWindow* w = control(field)) {
        w->SetBackgroundColour(invalid ? kBadField : wxNullColour);
        w->Refresh();
    }
}

void FieldForm::clearErrors() {
    for (auto& [name, f] : m_fields)
        markInvalid(name, false);
}

wxString FieldForm::labelOf(const std::string& field) const {
    for (const auto& [name, f] : m_fields)
        if (name == field)
            return choiceLabel(f.labelKey);
    return wxString::FromUTF8(field);
}

wxWindow* FieldForm::control(const std::string& field) const {
    for (const auto& [name, f] : m_fields)
        if (name == field) {
            if (f.text)
                return f.text;
            if (f.check)
                return f.check;
            return f.choice;
        }
    return nullptr;
}

void FieldForm::retranslate() {
    const bool wasLoading = loading;
    loading = true;
    for (auto& [name, f] : m_fields) {
        f.label->SetLabel(choiceLabel(f.labelKey));
        if (f.choice)
            fillChoice(f);
    }
    loading = wasLoading;
}

}  // namespace kk::ui
