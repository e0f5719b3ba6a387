// One programme's application form inside the project document ("Programmaformulier"): the
// programme type chosen among its plugin's types and one input per field of that type, labelled
// by the plugin, read with core/plugin/programme_fields.h as the user goes. The project editor
// stores what read() gives inside its own ChangeSet.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <wx/choice.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include "core/model/entities.h"
#include "core/plugin/programme_fields.h"
#include "core/store/project_fields.h"
#include "ui/views/field_form.h"

namespace kk::ui {

class Workbench;

class ProgrammeFormPanel : public wxPanel {
  public:
    /// `types`: the plugin's programme types that have fields (at least one), in the order the
    /// plugin registered them. They live in the workbench's plugin registry.
    ProgrammeFormPanel(wxWindow* parent, Workbench& workbench, Programme programme,
                       std::vector<const plugin::ProgrammeType*> types,
                       plugin::MunicipalityDirectory municipalities);
    ~ProgrammeFormPanel() override;

    /// Shows the stored form (nullptr: none is stored; with one type it is preselected).
    void load(const ProgrammeForm* stored);
    const Programme& programme() const { return m_programme; }

    /// What the save should do with this form.
    struct Reading {
        /// The form to store (its values in stored text; no type and no values: remove the
        /// stored form); nullopt when nothing was stored and the user did not touch the form.
        std::optional<ProgrammeForm> form;
        /// The first field whose text is refused (the field is red): nothing may be saved.
        std::optional<Error> error;
        wxString message;  ///< that problem in the user's language
    };
    /// Reads every field, marking the refused ones red.
    Reading read();

    /// The chosen programme type's id; empty when none is chosen.
    std::string typeId() const;
    /// Chooses a type as the user would (fields of the same code keep their text).
    bool selectType(const std::string& typeId);
    /// The input of a field of the chosen type (wxTextCtrl, wxChoice or wxCheckBox).
    wxWindow* control(const std::string& field) const;
    /// The message under the form about the first refused field (empty when none).
    wxString problemText() const { return m_problem->GetLabel(); }

    void retranslate();
    /// Called when the user changes the type or a field.
    std::function<void()> onChange;

  private:
    const plugin::ProgrammeType* chosenType() const;
    /// Rebuilds the inputs for `type` (nullptr: none chosen), filled with `texts` by field code.
    void buildFields(const plugin::ProgrammeType* type,
                     const std::map<std::string, std::string>& texts);
    std::map<std::string, std::string> currentTexts() const;
    void fillTypeChoice();
    /// Reads one field; marks it red or not and updates the message line.
    std::optional<plugin::FieldValueProblem> checkField(const plugin::FieldDef& field);
    void showFirstProblem();
    /// "Gevraagde subsidie: "12x" is geen bedrag. Typ …" (problemText with the label).
    wxString describe(const plugin::FieldDef& field,
                      const plugin::FieldValueProblem& problem) const;
    wxString problemText(const plugin::FieldDef& field,
                         const plugin::FieldValueProblem& problem) const;
    void changed();

    Workbench& m_workbench;
    Programme m_programme;
    std::vector<const plugin::ProgrammeType*> m_types;
    plugin::MunicipalityDirectory m_municipalities;
    bool m_stored = false;   ///< a form of this programme is stored
    bool m_touched = false;  ///< the user changed the type or a field since load()
    bool m_loading = false;
    bool m_closing = false;    ///< being destroyed: focus events of the inputs are ignored
    std::string m_storedType;  ///< as stored (may be one no longer offered)
    std::map<std::string, wxString> m_problems;  ///< refused fields: code -> message
    std::vector<std::pair<wxStaticText*, std::string>> m_labels;  ///< label, catalog key

    // Child windows, owned by this panel (wx parent ownership).
    wxStaticText* m_title = nullptr;
    wxChoice* m_typeChoice = nullptr;    ///< when the plugin has several types
    wxStaticText* m_typeName = nullptr;  ///< when it has one
    wxStaticText* m_note = nullptr;
    wxStaticText* m_legend = nullptr;  ///< "* verplicht …", under the inputs
    wxPanel* m_fieldsPanel = nullptr;  ///< rebuilt when the type changes
    wxStaticText* m_noType = nullptr;  ///< in m_fieldsPanel while no type is chosen
    wxStaticText* m_problem = nullptr;
    std::unique_ptr<FieldForm> m_form;  ///< the inputs of m_fieldsPanel
};

}  // namespace kk::ui
