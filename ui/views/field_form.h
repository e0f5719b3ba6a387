// The labelled fields at the top of an editor (text boxes, choices and check boxes in a
// two-column form), with an error shown at the field itself: a red field and the message next
// to the heading. Choices carry stored codes; the form shows their translated labels.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace kk::ui {

class Workbench;

class FieldForm {
  public:
    /// `parent` owns the controls (wx parent ownership); the form only keeps pointers.
    FieldForm(wxWindow* parent, Workbench& workbench);

    /// Label keys are catalog keys; a key starting with '=' is literal text (a label a plugin
    /// gives, "=Gevraagde subsidie").
    wxTextCtrl* addText(const std::string& field, const std::string& labelKey, long style = 0);
    /// Choices: (code, catalog key of the label); a key starting with '=' is literal text.
    wxChoice* addChoice(const std::string& field, const std::string& labelKey,
                        std::vector<std::pair<std::string, std::string>> choices);
    /// A yes/no field: text() gives "1" or "0", setText() takes them.
    wxCheckBox* addCheck(const std::string& field, const std::string& labelKey);
    /// Help shown when the pointer rests on the field or its label.
    void setHelp(const std::string& field, const wxString& help);
    /// Replaces a choice's entries (e.g. the workspace's programmes), keeping the selection's
    /// code when it is still offered.
    void setChoices(const std::string& field,
                    std::vector<std::pair<std::string, std::string>> choices);
    /// The form's sizer: label | field rows, `columns` pairs side by side.
    wxFlexGridSizer* sizer() { return m_sizer; }

    std::string text(const std::string& field) const;  ///< trimmed UTF-8
    void setText(const std::string& field, const std::string& value);
    std::string choice(const std::string& field) const;  ///< the selected code
    void setChoice(const std::string& field, const std::string& code);
    std::map<std::string, std::string> values() const;

    /// Marks a field red and puts the keyboard focus there.
    void markError(const std::string& field);
    /// Marks a field red (or back to normal) without moving the focus: validation as you go.
    void markInvalid(const std::string& field, bool invalid);
    void clearErrors();
    wxString labelOf(const std::string& field) const;
    wxWindow* control(const std::string& field) const;

    void retranslate();
    /// Called when the user edits any field.
    std::function<void()> onChange;
    bool loading = false;  ///< set while the editor fills the form: no onChange

  private:
    struct Field {
        std::string labelKey;
        wxStaticText* label = nullptr;
        wxTextCtrl* text = nullptr;
        wxChoice* choice = nullptr;
        wxCheckBox* check = nullptr;
        std::vector<std::pair<std::string, std::string>> choices;
    };
    /// A catalog label, or the literal text after '='.
    wxString choiceLabel(const std::string& key) const;
    void fillChoice(Field& f);

    wxWindow* m_parent;
    Workbench& m_workbench;
    wxFlexGridSizer* m_sizer;  // handed to the parent's sizer, which owns it
    std::vector<std::pair<std::string, Field>> m_fields;
};

}  // namespace kk::ui
