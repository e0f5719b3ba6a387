// Programme form section: type choice, inputs built from the plugin's FieldDefs, checks as you go.
#include "ui/views/programme_form_panel.h"

#include <algorithm>

#include <wx/sizer.h>
#include <wx/textctrl.h>

#include "ui/app/workbench.h"

namespace kk::ui {
namespace {

const wxColour kNoteColour(100, 100, 100);
const wxColour kProblemColour(170, 0, 0);

/// The literal-label key FieldForm shows as it is (plugins label their own fields).
std::string literal(const std::string& text) {
    return "=" + text;
}

}  // namespace

ProgrammeFormPanel::ProgrammeFormPanel(wxWindow* parent, Workbench& workbench, Programme programme,
                                       std::vector<const plugin::ProgrammeType*> types,
                                       plugin::MunicipalityDirectory municipalities)
    : wxPanel(parent, wxID_ANY),
      m_workbench(workbench),
      m_programme(std::move(programme)),
      m_types(std::move(types)),
      m_municipalities(std::move(municipalities)) {
    SetName("programme-form:" + m_programme.code);
    m_title = new wxStaticText(this, wxID_ANY, "");  // children owned by this panel
    m_title->SetFont(m_title->GetFont().Bold());
    auto* typeLabel = new wxStaticText(this, wxID_ANY, m_workbench.tr("programme_form.type"));
    m_labels.emplace_back(typeLabel, "programme_form.type");
    m_legend = new wxStaticText(this, wxID_ANY, m_workbench.tr("programme_form.legend"));
    m_legend->SetForegroundColour(kNoteColour);
    m_labels.emplace_back(m_legend, "programme_form.legend");

    auto* header = new wxBoxSizer(wxHORIZONTAL);
    header->Add(m_title, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 24);
    header->Add(typeLabel, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, 6);
    if (m_types.size() > 1) {
        m_typeChoice = new wxChoice(this, wxID_ANY);
        m_typeChoice->SetName("programme_type");
        m_typeChoice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
            buildFields(chosenType(), currentTexts());
            changed();
        });
        header->Add(m_typeChoice, 0, wxALIGN_CENTER_VERTICAL);
    } else {
        m_typeName = new wxStaticText(this, wxID_ANY, wxString::FromUTF8(m_types.front()->name));
        header->Add(m_typeName, 0, wxALIGN_CENTER_VERTICAL);
    }

    m_note = new wxStaticText(this, wxID_ANY, "");
    m_note->SetForegroundColour(kNoteColour);
    m_problem = new wxStaticText(this, wxID_ANY, "");
    m_problem->SetForegroundColour(kProblemColour);

    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(header, 0, wxEXPAND | wxBOTTOM, 4);
    sizer->Add(m_note, 0, wxEXPAND | wxBOTTOM, 2);
    SetSizer(sizer);
    fillTypeChoice();
    retranslate();
    buildFields(chosenType(), {});
}

ProgrammeFormPanel::~ProgrammeFormPanel() {
    // The inputs go first, while the members their focus handlers read still exist.
    m_closing = true;
    m_form.reset();
    DestroyChildren();
}

void ProgrammeFormPanel::fillTypeChoice() {
    if (!m_typeChoice)
        return;
    const int selection = m_typeChoice->GetSelection();
    m_typeChoice->Clear();
    m_typeChoice->Append(m_workbench.tr("programme_form.choose_type"));
    for (const plugin::ProgrammeType* t : m_types)
        m_typeChoice->Append(wxString::FromUTF8(t->name));
    m_typeChoice->SetSelection(selection == wxNOT_FOUND ? 0 : selection);
}

const plugin::ProgrammeType* ProgrammeFormPanel::chosenType() const {
    if (!m_typeChoice)
        return m_types.front();
    const int s = m_typeChoice->GetSelection();
    return s > 0 ? m_types[static_cast<std::size_t>(s - 1)] : nullptr;
}

std::string ProgrammeFormPanel::typeId() const {
    const plugin::ProgrammeType* t = chosenType();
    return t ? t->id : std::string();
}

bool ProgrammeFormPanel::selectType(const std::string& typeId) {
    if (!m_typeChoice)
        return m_types.front()->id == typeId;
    for (std::size_t i = 0; i < m_types.size(); ++i)
        if (m_types[i]->id == typeId) {
            m_typeChoice->SetSelection(static_cast<int>(i + 1));
            buildFields(m_types[i], currentTexts());
            changed();
            return true;
        }
    return false;
}

std::map<std::string, std::string> ProgrammeFormPanel::currentTexts() const {
    return m_form ? m_form->values() : std::map<std::string, std::string>{};
}

wxWindow* ProgrammeFormPanel::control(const std::string& field) const {
    return m_form ? m_form->control(field) : nullptr;
}

void ProgrammeFormPanel::buildFields(const plugin::ProgrammeType* type,
                                     const std::map<std::string, std::string>& texts) {
    auto* sizer = GetSizer();
    if (m_fieldsPanel) {
        sizer->Detach(m_fieldsPanel);
        m_form.reset();
        m_noType = nullptr;
        m_fieldsPanel->Destroy();
        m_fieldsPanel = nullptr;
    }
    sizer->Detach(m_legend);
    sizer->Detach(m_problem);
    m_problems.clear();
    m_problem->SetLabel("");

    m_fieldsPanel = new wxPanel(this, wxID_ANY);  // owned by this panel
    m_form = std::make_unique<FieldForm>(m_fieldsPanel, m_workbench);
    m_form->loading = true;
    if (type) {
        for (const plugin::FieldDef& f : type->fields) {
            const std::string label = literal(f.label + (f.required ? " *" : ""));
            switch (f.type) {
                case plugin::FieldType::Choice: {
                    std::vector<std::pair<std::string, std::string>> choices{{"", "="}};
                    for (const auto& c : f.choices)
                        choices.emplace_back(c, literal(c));
                    m_form->addChoice(f.code, label, std::move(choices));
                    break;
                }
                case plugin::FieldType::Flag:
                    m_form->addCheck(f.code, label);
                    break;
                default: {
                    wxTextCtrl* text = m_form->addText(f.code, label);
                    // Checked when the user leaves the field, and again while it is red so it
                    // turns back as soon as the text is right.
                    text->Bind(wxEVT_KILL_FOCUS, [this, code = f.code](wxFocusEvent& event) {
                        event.Skip();
                        if (m_closing || !m_form)
                            return;
                        if (const auto* t = chosenType())
                            for (const auto& d : t->fields)
                                if (d.code == code)
                                    checkField(d);
                    });
                    text->Bind(wxEVT_TEXT, [this, code = f.code](wxCommandEvent& event) {
                        event.Skip();
                        if (m_closing || !m_form || !m_problems.count(code))
                            return;
                        if (const auto* t = chosenType())
                            for (const auto& d : t->fields)
                                if (d.code == code)
                                    checkField(d);
                    });
                    break;
                }
            }
            wxString help = wxString::FromUTF8(f.help);
            const std::string hintKey =
                "programme_form.hint." + std::string(plugin::fieldTypeName(f.type));
            if (m_workbench.catalog().has(hintKey))
                help += (help.empty() ? "" : "\n") + m_workbench.tr(hintKey);
            if (!help.empty())
                m_form->setHelp(f.code, help);
            if (auto it = texts.find(f.code); it != texts.end())
                f.type == plugin::FieldType::Choice ? m_form->setChoice(f.code, it->second)
                                                    : m_form->setText(f.code, it->second);
        }
        m_fieldsPanel->SetSizer(m_form->sizer());
    } else {
        m_noType =
            new wxStaticText(m_fieldsPanel, wxID_ANY, m_workbench.tr("programme_form.no_type"));
        m_noType->SetForegroundColour(kNoteColour);
        auto* s = new wxBoxSizer(wxVERTICAL);
        s->Add(m_noType, 0, wxTOP | wxBOTTOM, 4);
        m_fieldsPanel->SetSizer(s);
    }
    m_form->loading = false;
    m_form->onChange = [this] { changed(); };
    sizer->Add(m_fieldsPanel, 0, wxEXPAND);
    sizer->Add(m_legend, 0, wxEXPAND | wxTOP, 2);
    sizer->Add(m_problem, 0, wxEXPAND | wxTOP, 2);
    m_legend->Show(type && std::any_of(type->fields.begin(), type->fields.end(),
                                       [](const plugin::FieldDef& f) { return f.required; }));
    m_problem->Show(false);
    // The project document lays out the new inputs (this panel is one of its rows).
    Layout();
    if (GetParent())
        GetParent()->Layout();
}

void ProgrammeFormPanel::load(const ProgrammeForm* stored) {
    m_loading = true;
    m_stored = stored != nullptr;
    m_storedType = stored ? stored->programmeType : std::string();
    m_touched = false;
    const plugin::ProgrammeType* type = nullptr;
    if (stored) {
        for (std::size_t i = 0; i < m_types.size(); ++i)
            if (m_types[i]->id == stored->programmeType) {
                type = m_types[i];
                if (m_typeChoice)
                    m_typeChoice->SetSelection(static_cast<int>(i + 1));
            }
    } else if (!m_typeChoice) {
        type = m_types.front();
    }
    if (!type && m_typeChoice)
        m_typeChoice->SetSelection(0);
    std::map<std::string, std::string> texts;
    if (stored && type)
        for (const auto& f : type->fields)
            if (auto it = stored->values.find(f.code); it != stored->values.end())
                // Choices and check boxes take the stored code; text boxes the shown form.
                texts[f.code] =
                    f.type == plugin::FieldType::Choice || f.type == plugin::FieldType::Flag
                        ? it->second
                        : plugin::displayFieldValue(f, it->second, m_municipalities);
    buildFields(type, texts);
    retranslate();
    m_loading = false;
}

void ProgrammeFormPanel::changed() {
    if (m_loading)
        return;
    m_touched = true;
    if (onChange)
        onChange();
}

std::optional<plugin::FieldValueProblem> ProgrammeFormPanel::checkField(
    const plugin::FieldDef& field) {
    if (!m_form)
        return std::nullopt;
    const auto value = plugin::parseFieldValue(field, m_form->text(field.code), m_municipalities);
    m_form->markInvalid(field.code, !value.ok());
    if (value.ok())
        m_problems.erase(field.code);
    else
        m_problems[field.code] = describe(field, *value.problem);
    showFirstProblem();
    return value.problem;
}

void ProgrammeFormPanel::showFirstProblem() {
    wxString text;
    if (const auto* t = chosenType())
        for (const auto& f : t->fields)
            if (auto it = m_problems.find(f.code); it != m_problems.end()) {
                text = it->second;
                break;
            }
    if (text == m_problem->GetLabel() && m_problem->IsShown() == !text.empty())
        return;
    m_problem->SetLabel(text);
    m_problem->Show(!text.empty());
    m_problem->Wrap(std::max(300, GetClientSize().x - 16));
    Layout();
    if (GetParent())
        GetParent()->Layout();
}

wxString ProgrammeFormPanel::describe(const plugin::FieldDef& field,
                                      const plugin::FieldValueProblem& problem) const {
    return m_workbench.tr("form.problem_at",
                          {wxString::FromUTF8(field.label), problemText(field, problem)});
}

wxString ProgrammeFormPanel::problemText(const plugin::FieldDef& field,
                                         const plugin::FieldValueProblem& problem) const {
    const std::string code(plugin::fieldProblemCode(problem.problem));
    std::string key = "programme_form.problem." + code;
    if (problem.problem == plugin::FieldProblem::UnknownMunicipality && m_municipalities.empty())
        key = "programme_form.problem.no_municipalities";
    std::string choices;
    for (const auto& c : field.choices)
        choices += (choices.empty() ? "" : ", ") + c;
    return m_workbench.catalog().has(key)
               ? m_workbench.tr(key,
                                {wxString::FromUTF8(problem.part), wxString::FromUTF8(choices)})
               : wxString::FromUTF8(problem.error.what + "; " + problem.error.hint);
}

ProgrammeFormPanel::Reading ProgrammeFormPanel::read() {
    Reading r;
    const plugin::ProgrammeType* type = chosenType();
    if (!type) {
        if (m_stored && m_touched)
            r.form = ProgrammeForm{m_programme.id, {}, {}};  // the type was taken back: no form
        return r;
    }
    ProgrammeForm form{m_programme.id, type->id, {}};
    std::optional<std::pair<const plugin::FieldDef*, plugin::FieldValueProblem>> first;
    for (const plugin::FieldDef& f : type->fields) {
        auto problem = checkField(f);
        if (problem && !first)
            first.emplace(&f, *problem);
        if (!problem)
            form.values[f.code] =
                plugin::parseFieldValue(f, m_form->text(f.code), m_municipalities).stored;
    }
    if (first) {
        r.message = describe(*first->first, first->second);
        Error e = first->second.error;
        e.code = "ui.programme_field_invalid";
        // `where` names the field; the message under the form says it again for the eye.
        e.what = problemText(*first->first, first->second).ToStdString(wxConvUTF8);
        e.where = m_workbench
                      .tr("programme_form.where", {wxString::FromUTF8(m_programme.code),
                                                   wxString::FromUTF8(first->first->label)})
                      .ToStdString(wxConvUTF8);
        e.hint = m_workbench.tr("form.hint_fix_fields").ToStdString(wxConvUTF8);
        r.error = e;
        m_form->markError(first->first->code);
        return r;
    }
    if (m_stored || m_touched)
        r.form = std::move(form);
    return r;
}

void ProgrammeFormPanel::retranslate() {
    m_title->SetLabel(m_workbench.tr(
        "programme_form.title",
        {wxString::FromUTF8(m_programme.code), wxString::FromUTF8(m_programme.name)}));
    for (auto& [label, key] : m_labels)
        label->SetLabel(m_workbench.tr(key));
    fillTypeChoice();
    const bool gone = m_stored && !m_storedType.empty() &&
                      std::none_of(m_types.begin(), m_types.end(),
                                   [&](const auto* t) { return t->id == m_storedType; });
    m_note->SetLabel(
        gone ? m_workbench.tr("programme_form.type_gone", {wxString::FromUTF8(m_storedType)})
             : wxString());
    m_note->Show(gone);
    if (m_noType)
        m_noType->SetLabel(m_workbench.tr("programme_form.no_type"));
    // Messages of refused fields in the new language.
    if (const auto* t = chosenType())
        for (const auto& f : t->fields)
            if (m_problems.count(f.code))
                checkField(f);
    Layout();
}

}  // namespace kk::ui
