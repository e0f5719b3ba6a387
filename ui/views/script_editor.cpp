// Script editor: Lua highlighting, run and test through core/rules, trust prompt, error lines.
#include "ui/views/script_editor.h"

#include <regex>

#include <wx/sizer.h>

#include "core/rules/script_library.h"
#include "core/rules/sha256.h"
#include "core/rules/trust.h"
#include "core/store/repositories.h"
#include "ui/app/workbench.h"

namespace kk::ui {
namespace {

constexpr int kErrorMarker = 1;

const char* kLuaKeywords =
    "and break do else elseif end false for function goto if in local nil not or repeat return "
    "then true until while";
const char* kLuaLibrary =
    "kk print pairs ipairs tostring tonumber type select error assert pcall string table math "
    "utf8 require setmetatable getmetatable rawget rawset next";

const char* kNewScript =
    "-- Nieuwe indicator: aandeel private middelen per subsidie-euro.\n"
    "kk.indicator {\n"
    "  code = \"my_indicator\",\n"
    "  name = \"Mijn indicator\",\n"
    "  unit = \"ratio\",\n"
    "  subjects = {\"project\"},\n"
    "  compute = function(project)\n"
    "    return 1\n"
    "  end,\n"
    "}\n";

}  // namespace

ScriptEditor::ScriptEditor(wxWindow* parent, Workbench& workbench, const std::string& name)
    : DocumentView(parent, workbench) {
    auto trust = rules::TrustStore::load(rules::TrustStore::defaultPath());
    if (trust)
        m_trust = std::make_unique<rules::TrustStore>(std::move(trust).value());
    buildLayout();
    std::string text;
    if (name.empty()) {
        // A new workspace script gets a free name; it is stored on the first save.
        int n = 1;
        Workspace* ws = m_workbench.workspace();
        while (ws && Repository<Script>(*ws).findByCode("script_" + std::to_string(n)))
            ++n;
        m_name = "workspace:script_" + std::to_string(n);
        m_origin = "workspace";
        text = kNewScript;
    } else {
        const rules::ScriptLibrary library(rules::ScriptLibrary::defaultBundledDir(),
                                           m_workbench.workspace(), m_trust.get());
        m_name = name;
        if (auto src = library.source(name)) {
            m_name = src.value().name;
            m_origin = src.value().origin;
            text = src.value().text;
            m_savedText = text;
        } else {
            m_origin = "bundled";
            setStatus(describe(src.error()), true);
        }
        if (m_origin == "workspace")
            if (Workspace* ws = m_workbench.workspace())
                if (auto s = Repository<Script>(*ws).findByCode(m_name.substr(10)))
                    m_scriptId = s->id;
    }
    m_editor->SetText(wxString::FromUTF8(text));
    m_editor->EmptyUndoBuffer();
    m_editor->SetReadOnly(m_origin != "workspace");
    retranslate();
}

ScriptEditor::~ScriptEditor() = default;

std::string ScriptEditor::key() const {
    return "script:" + m_name;
}

wxString ScriptEditor::title() const {
    const auto slash = m_name.find_last_of("/:");
    return wxString::FromUTF8(slash == std::string::npos ? m_name : m_name.substr(slash + 1));
}

bool ScriptEditor::isModified() const {
    return m_origin == "workspace" && m_editor->GetText().ToStdString(wxConvUTF8) != m_savedText;
}

void ScriptEditor::buildLayout() {
    m_heading = new wxStaticText(this, wxID_ANY, "");
    m_heading->SetFont(m_heading->GetFont().Bold().Scaled(1.2f));
    m_runButton = new wxButton(this, wxID_ANY, "");
    m_testButton = new wxButton(this, wxID_ANY, "");
    m_status = new wxStaticText(this, wxID_ANY, "");
    m_editor = new wxStyledTextCtrl(this, wxID_ANY);
    m_output = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 170),
                              wxTE_MULTILINE | wxTE_READONLY);
    m_output->SetFont(wxFontInfo(9).Family(wxFONTFAMILY_TELETYPE));
    setupLexer();
    auto* bar = new wxBoxSizer(wxHORIZONTAL);
    bar->Add(m_runButton, 0, wxRIGHT, 4);
    bar->Add(m_testButton, 0, wxRIGHT, 12);
    bar->Add(m_status, 1, wxALIGN_CENTER_VERTICAL);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(m_heading, 0, wxALL, 8);
    sizer->Add(bar, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 8);
    sizer->Add(m_editor, 1, wxEXPAND | wxLEFT | wxRIGHT, 8);
    sizer->Add(m_output, 0, wxEXPAND | wxALL, 8);
    SetSizer(sizer);
    m_runButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { run(); });
    m_testButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { runTests(); });
    m_editor->Bind(wxEVT_STC_CHANGE, [this](wxStyledTextEvent&) { stateChanged.emit(); });
}

void ScriptEditor::setupLexer() {
    wxStyledTextCtrl& e = *m_editor;
    const wxFont mono = wxFontInfo(10).Family(wxFONTFAMILY_TELETYPE);
    e.StyleSetFont(wxSTC_STYLE_DEFAULT, mono);
    e.StyleClearAll();
    e.SetLexer(wxSTC_LEX_LUA);
    e.SetKeyWords(0, kLuaKeywords);
    e.SetKeyWords(1, kLuaLibrary);
    e.StyleSetForeground(wxSTC_LUA_COMMENT, wxColour(0, 128, 0));
    e.StyleSetForeground(wxSTC_LUA_COMMENTLINE, wxColour(0, 128, 0));
    e.StyleSetForeground(wxSTC_LUA_COMMENTDOC, wxColour(0, 128, 0));
    e.StyleSetForeground(wxSTC_LUA_NUMBER, wxColour(9, 134, 88));
    e.StyleSetForeground(wxSTC_LUA_WORD, wxColour(0, 0, 200));
    e.StyleSetBold(wxSTC_LUA_WORD, true);
    e.StyleSetForeground(wxSTC_LUA_WORD2, wxColour(120, 40, 150));
    e.StyleSetForeground(wxSTC_LUA_STRING, wxColour(163, 21, 21));
    e.StyleSetForeground(wxSTC_LUA_CHARACTER, wxColour(163, 21, 21));
    e.StyleSetForeground(wxSTC_LUA_LITERALSTRING, wxColour(163, 21, 21));
    e.StyleSetForeground(wxSTC_LUA_OPERATOR, wxColour(60, 60, 60));
    e.SetMarginType(0, wxSTC_MARGIN_NUMBER);
    e.SetMarginWidth(0, e.TextWidth(wxSTC_STYLE_LINENUMBER, "_99999"));
    e.SetMarginWidth(1, 14);
    e.MarkerDefine(kErrorMarker, wxSTC_MARK_CIRCLE, *wxWHITE, wxColour(200, 0, 0));
    e.SetTabWidth(2);
    e.SetUseTabs(false);
    e.SetIndent(2);
    e.AnnotationSetVisible(wxSTC_ANNOTATION_BOXED);
    e.StyleSetBackground(wxSTC_STYLE_LASTPREDEFINED + 1, wxColour(255, 228, 228));
    e.StyleSetForeground(wxSTC_STYLE_LASTPREDEFINED + 1, wxColour(140, 0, 0));
}

void ScriptEditor::retranslate() {
    const wxString origin =
        m_workbench.tr("script.origin." + m_origin.substr(0, m_origin.find(':')));
    m_heading->SetLabel(m_workbench.tr("script.heading", {wxString::FromUTF8(m_name), origin}));
    m_runButton->SetLabel(m_workbench.tr("script.run"));
    m_testButton->SetLabel(m_workbench.tr("script.test"));
    if (m_status->GetLabel().empty())
        setStatus(m_workbench.tr(m_origin == "workspace" ? "script.hint_workspace"
                                                         : "script.hint_readonly"),
                  false);
    Layout();
}

void ScriptEditor::setStatus(const wxString& text, bool error) {
    m_status->SetForegroundColour(error ? *wxRED : GetForegroundColour());
    m_status->SetLabel(text);
}

bool ScriptEditor::ensureTrusted(const std::string& text) {
    if (m_origin != "workspace" || !m_trust)
        return true;
    const std::string hash = rules::sha256Hex(text);
    if (m_trust->isTrusted(hash))
        return true;
    if (!m_workbench.prompts().confirm(
            this, m_workbench.tr("script.trust_title"),
            m_workbench.tr("script.trust_question",
                           {wxString::FromUTF8(m_name), wxString::FromUTF8(hash)}))) {
        setStatus(m_workbench.tr("script.not_trusted"), true);
        return false;
    }
    if (auto s = m_trust->trust(hash, m_name); !s) {
        setStatus(describe(s.error()), true);
        return false;
    }
    m_workbench.report(Severity::Info,
                       m_workbench.tr("script.trusted", {wxString::FromUTF8(m_name),
                                                         wxString::FromUTF8(hash.substr(0, 12))}));
    return true;
}

void ScriptEditor::clearMarks() {
    m_errorLine = 0;
    m_editor->MarkerDeleteAll(kErrorMarker);
    m_editor->AnnotationClearAll();
}

void ScriptEditor::markError(const std::string& message) {
    // Lua and core/rules name lines as "line 12" or "name:12:".
    static const std::regex lineWord(R"(line (\d+))");
    static const std::regex lineColon(R"(:(\d+):)");
    std::smatch m;
    int line = 0;
    if (std::regex_search(message, m, lineWord) || std::regex_search(message, m, lineColon))
        line = std::stoi(m[1].str());
    if (line <= 0 || line > m_editor->GetLineCount())
        return;
    m_errorLine = line;
    m_editor->MarkerAdd(line - 1, kErrorMarker);
    m_editor->AnnotationSetText(line - 1, wxString::FromUTF8(message));
    m_editor->AnnotationSetStyle(line - 1, wxSTC_STYLE_LASTPREDEFINED + 1);
    m_editor->GotoLine(line - 1);
    m_editor->EnsureCaretVisible();
    m_editor->SetFocus();
}

bool ScriptEditor::run() {
    clearMarks();
    const std::string text = m_editor->GetText().ToStdString(wxConvUTF8);
    if (!ensureTrusted(text))
        return false;
    const rules::ScriptLibrary library(rules::ScriptLibrary::defaultBundledDir(),
                                       m_workbench.workspace(), m_trust.get());
    auto package = library.load(rules::ScriptSource{m_name, m_origin, text});
    if (!package) {
        const wxString message = describe(package.error());
        m_output->ChangeValue(message);
        setStatus(m_workbench.tr("script.failed"), true);
        markError(package.error().where + " " + package.error().what);
        return false;
    }
    rules::ScriptPackage& p = *package.value();
    wxString out =
        m_workbench.tr("script.rules", {wxString::Format("%zu", p.rules().size())}) + "\n";
    for (const rules::RuleInfo& rule : p.rules())
        out += wxString::FromUTF8("  " + std::string(rules::ruleKindName(rule.kind)) + " " +
                                  rule.code + (rule.name.empty() ? "" : " — " + rule.name)) +
               "\n";
    // Indicators are computed for the first projects, so the author sees real values.
    if (Workspace* ws = m_workbench.workspace()) {
        const auto projects = Repository<Project>(*ws).list(Query{{}, "code", false, 10});
        for (const rules::RuleInfo& rule : p.rules()) {
            if (rule.kind != rules::RuleKind::Indicator)
                continue;
            for (const Project& project : projects) {
                auto value = p.computeIndicator(rule.code, "project", project.id.value);
                if (!value) {
                    out += describe(value.error()) + "\n";
                    markError(value.error().where + " " + value.error().what);
                    break;
                }
                out += wxString::FromUTF8("  " + rule.code + "(" + project.code + ") = ") +
                       (value.value() ? wxString::Format("%g", *value.value())
                                      : m_workbench.tr("script.not_applicable")) +
                       "\n";
            }
        }
    }
    if (const std::string printed = p.takeOutput(); !printed.empty())
        out += "\n" + wxString::FromUTF8(printed);
    m_output->ChangeValue(out);
    setStatus(m_workbench.tr(m_errorLine == 0 ? "script.ran" : "script.failed"), m_errorLine != 0);
    return m_errorLine == 0;
}

bool ScriptEditor::runTests() {
    clearMarks();
    const std::string text = m_editor->GetText().ToStdString(wxConvUTF8);
    if (!ensureTrusted(text))
        return false;
    const rules::ScriptLibrary library(rules::ScriptLibrary::defaultBundledDir(),
                                       m_workbench.workspace(), m_trust.get());
    auto package = library.load(rules::ScriptSource{m_name, m_origin, text});
    if (!package) {
        m_output->ChangeValue(describe(package.error()));
        setStatus(m_workbench.tr("script.failed"), true);
        markError(package.error().where + " " + package.error().what);
        return false;
    }
    const auto outcomes = package.value()->runTests();
    int passed = 0, failed = 0;
    wxString out;
    for (const rules::TestOutcome& t : outcomes) {
        const char* key = t.status == rules::TestOutcome::Status::Pass   ? "script.test_pass"
                          : t.status == rules::TestOutcome::Status::Fail ? "script.test_fail"
                                                                         : "script.test_skip";
        out += m_workbench.tr(key) + wxString::FromUTF8(" " + t.name);
        if (!t.message.empty())
            out += wxString::FromUTF8(": " + t.message +
                                      (t.where.empty() ? "" : " (" + t.where + ")"));
        out += "\n";
        if (t.status == rules::TestOutcome::Status::Pass)
            ++passed;
        if (t.status == rules::TestOutcome::Status::Fail) {
            ++failed;
            if (m_errorLine == 0)
                markError(t.where + " " + t.message);
        }
    }
    if (outcomes.empty())
        out = m_workbench.tr("script.no_tests");
    m_output->ChangeValue(out);
    setStatus(m_workbench.tr("script.tests_done",
                             {wxString::Format("%d", passed), wxString::Format("%d", failed)}),
              failed > 0);
    return failed == 0;
}

Status ScriptEditor::save() {
    Workspace* ws = m_workbench.workspace();
    if (!ws || m_origin != "workspace")
        return {};
    const std::string text = m_editor->GetText().ToStdString(wxConvUTF8);
    try {
        Script script;
        if (m_scriptId)
            if (auto stored = Repository<Script>(*ws).get(m_scriptId->value))
                script = *stored;
        script.name = m_name.substr(10);
        if (script.kind.empty())
            script.kind = text.find("kk.allocation_strategy") != std::string::npos
                              ? "allocation_strategy"
                          : text.find("kk.check") != std::string::npos ? "check"
                                                                       : "indicator";
        script.source = text;
        script.hash = rules::sha256Hex(text);
        ChangeSet cs(*ws, m_workbench.tr("script.save_step", {wxString::FromUTF8(script.name)})
                              .ToStdString(wxConvUTF8));
        if (m_scriptId) {
            ++script.version;
            Repository<Script>(*ws).update(cs, script);
        } else {
            m_scriptId = ScriptId(Repository<Script>(*ws).insert(cs, script));
        }
        m_savedText = text;  // before commit: the change notice must see the saved state
        if (auto s = cs.commit(); !s)
            return s;
        // The person who typed and saved the text vouches for it on this computer.
        if (m_trust)
            if (auto s = m_trust->trust(script.hash, m_name); !s)
                m_workbench.reportError(s.error());
    } catch (const KkError& e) {
        return e.error();
    }
    stateChanged.emit();
    return {};
}

bool ScriptEditor::onWorkspaceChanged(const ChangeNotice&) {
    return true;
}

bool ScriptEditor::canHandleCommand(std::string_view id) const {
    return id == "document.run" || id == "script.test";
}

bool ScriptEditor::handleCommand(std::string_view id) {
    if (id == "document.run")
        run();
    else if (id == "script.test")
        runTests();
    else
        return false;
    return true;
}

}  // namespace kk::ui
