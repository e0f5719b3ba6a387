// The default prompts: wx file, choice and message dialogs.
#include "ui/app/prompts.h"

#include <wx/button.h>
#include <wx/choicdlg.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

namespace kk::ui {

Prompts defaultPrompts() {
    Prompts p;
    p.savePath = [](wxWindow* parent, const wxString& title, const wxString& defaultName,
                    const wxString& wildcard) {
        wxFileDialog dialog(parent, title, "", defaultName, wildcard,
                            wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        return dialog.ShowModal() == wxID_OK ? dialog.GetPath() : wxString();
    };
    p.chooseMany = [](wxWindow* parent, const wxString& title, const wxArrayString& choices) {
        wxMultiChoiceDialog dialog(parent, title, title, choices);
        std::vector<int> chosen;
        if (dialog.ShowModal() == wxID_OK)
            for (const int i : dialog.GetSelections())
                chosen.push_back(i);
        return chosen;
    };
    p.chooseOne = [](wxWindow* parent, const wxString& title, const wxArrayString& choices) {
        wxSingleChoiceDialog dialog(parent, title, title, choices);
        return dialog.ShowModal() == wxID_OK ? dialog.GetSelection() : -1;
    };
    p.confirm = [](wxWindow* parent, const wxString& title, const wxString& text) {
        return wxMessageBox(text, title, wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, parent) ==
               wxYES;
    };
    p.inform = [](wxWindow* parent, const wxString& title, const wxString& text) {
        // A read-only text field rather than a message box: URLs and tokens must be copyable.
        wxDialog dialog(parent, wxID_ANY, title, wxDefaultPosition, wxSize(640, 320),
                        wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
        auto* field = new wxTextCtrl(&dialog, wxID_ANY, text, wxDefaultPosition, wxDefaultSize,
                                     wxTE_MULTILINE | wxTE_READONLY);  // owned by the dialog
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(field, 1, wxEXPAND | wxALL, 8);
        sizer->Add(dialog.CreateButtonSizer(wxOK), 0, wxEXPAND | wxALL, 8);
        dialog.SetSizer(sizer);
        dialog.ShowModal();
    };
    return p;
}

}  // namespace kk::ui
