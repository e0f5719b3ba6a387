// The fixture of the GUI tests: a seeded workspace, a private configuration, the real
// MainFrame at 1600×1000, shortcuts that must run their command, and prompts answered by the
// test instead of modal dialogs.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <wx/app.h>
#include <wx/config.h>
#include <wx/fileconf.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/uiaction.h>

#include "ui/app/workbench.h"
#include "ui/frame/main_frame.h"
#include "ui/views/document_area.h"
#include "ui/views/log_pane.h"
#include "ui/views/project_editor.h"
#include "ui_test_support.h"

namespace kk::ui {

using test::pressKey;
using test::pressShortcut;
using test::pump;
using test::pumpUntil;
using test::screenshot;
using test::typeText;

class WorkbenchFixture : public ::testing::Test {
  protected:
    void SetUp() override {
        const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        m_dir = test::freshTempDir(name);
        // A private configuration, so tests never touch the user's recent files or language.
        delete wxConfigBase::Set(new wxFileConfig("koppelkans-test", "", m_dir + "/config.ini", "",
                                                  wxCONFIG_USE_LOCAL_FILE));
        // Trust and API tokens are kept per user; each test gets its own folder for them.
        setenv("KK_CONFIG_DIR", (m_dir + "/config").c_str(), 1);
        m_path = m_dir + "/werkruimte.gpkg";
        test::seedWorkspace(m_path);
        ASSERT_TRUE(m_workbench.init(std::string(KK_SOURCE_DIR) + "/data").ok());
        ASSERT_TRUE(m_workbench.openWorkspace(m_path).ok());
        answerPrompts();
        m_frame = new MainFrame(m_workbench);  // a top-level window: destroyed in TearDown
        m_frame->SetSize(0, 0, 1600, 1000);
        m_frame->Show();
        m_frame->Raise();
        pump(400);
        m_executed = m_workbench.commands().executed.connect(
            [this](const std::string& id) { m_ran.push_back(id); });
        // Keyboard input goes to the window under the pointer when no window manager runs.
        wxUIActionSimulator().MouseMove(m_frame->GetScreenPosition() + wxPoint(800, 40));
        pump(100);
    }

    void TearDown() override {
        m_executed.disconnect();
        if (m_frame) {
            m_frame->Destroy();
            pump(200);
        }
    }

    /// Presses the shortcut menus.json gives a command and checks the command really ran.
    void runByShortcut(const std::string& commandId) {
        const Command* command = m_workbench.commands().find(commandId);
        ASSERT_NE(command, nullptr) << commandId;
        ASSERT_FALSE(command->shortcut.empty()) << commandId << " has no shortcut";
        m_ran.clear();
        pressShortcut(command->shortcut);
        ASSERT_TRUE(pumpUntil([&] {
            return std::find(m_ran.begin(), m_ran.end(), commandId) != m_ran.end();
        })) << "pressing "
            << command->shortcut << " did not run " << commandId;
    }

    wxString menuLabel(const std::string& commandId) {
        const Command* command = m_workbench.commands().find(commandId);
        wxMenuItem* item = m_frame->GetMenuBar()->FindItem(command->wxId);
        return item ? item->GetItemLabelText() : wxString();
    }

    /// The newest message of the log pane (what the user was told).
    std::string lastMessage() {
        wxListCtrl& list = m_frame->logPane().list();
        return list.GetItemCount() > 0 ? list.GetItemText(0, 2).ToStdString(wxConvUTF8) : "";
    }

    ProjectEditor* currentEditor() {
        return dynamic_cast<ProjectEditor*>(m_frame->documents().current());
    }

    /// Prompts answer from the fields below instead of opening modal dialogs.
    void answerPrompts() {
        Prompts& p = m_workbench.prompts();
        p.savePath = [this](wxWindow*, const wxString&, const wxString&, const wxString&) {
            return wxString::FromUTF8(m_savePath);
        };
        p.chooseMany = [this](wxWindow*, const wxString&, const wxArrayString& choices) {
            std::vector<int> chosen;
            for (std::size_t i = 0; i < choices.size(); ++i)
                for (const std::string& want : m_choose)
                    if (choices[i].ToStdString(wxConvUTF8).find(want) != std::string::npos)
                        chosen.push_back(static_cast<int>(i));
            m_offered = choices;
            return chosen;
        };
        p.chooseOne = [this](wxWindow* parent, const wxString& title,
                             const wxArrayString& choices) {
            const auto chosen = m_workbench.prompts().chooseMany(parent, title, choices);
            return chosen.empty() ? -1 : chosen.front();
        };
        p.confirm = [this](wxWindow*, const wxString&, const wxString& text) {
            m_asked.push_back(text.ToStdString(wxConvUTF8));
            return m_confirm;
        };
        p.inform = [this](wxWindow*, const wxString&, const wxString& text) {
            m_informed.push_back(text.ToStdString(wxConvUTF8));
        };
    }

    std::string m_savePath;             ///< what the save dialog "returns"
    std::vector<std::string> m_choose;  ///< choice dialogs pick entries containing these
    wxArrayString m_offered;            ///< the entries the last choice dialog offered
    bool m_confirm = true;
    std::vector<std::string> m_asked;
    std::vector<std::string> m_informed;
    std::string m_dir;
    std::string m_path;
    Workbench m_workbench;
    MainFrame* m_frame = nullptr;
    std::vector<std::string> m_ran;
    Signal<const std::string&>::Connection m_executed;
};

}  // namespace kk::ui
