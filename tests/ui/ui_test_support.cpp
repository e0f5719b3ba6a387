// Test helpers for the GUI tests: workspace seeding, event pumping, input simulation, screenshots.
#include "ui_test_support.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>
#include <wx/accel.h>
#include <wx/app.h>
#include <wx/uiaction.h>
#include <wx/utils.h>

#include "core/store/repositories.h"

namespace kk::ui::test {
namespace fs = std::filesystem;

namespace {
std::string outputDir() {
    const fs::path dir = fs::path(KK_BINARY_DIR) / "test-output" / "ui";
    fs::create_directories(dir);
    return dir.string();
}
}  // namespace

std::string freshTempDir(const std::string& name) {
    const fs::path dir = fs::path(outputDir()) / "tmp" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir.string();
}

void seedWorkspace(const std::string& path) {
    auto ws = Workspace::create(path).value();
    ChangeSet cs(*ws, "Testgegevens");
    Programme stv;
    stv.code = "STV-2026";
    stv.name = "Stadsvernieuwing 2026";
    stv.pluginId = "stadsvernieuwing";
    const ProgrammeId stvId(Repository<Programme>(*ws).insert(cs, stv));
    Programme wls;
    wls.code = "WLS";
    wls.name = "Water+Land+Schap";
    wls.pluginId = "water_land_schap";
    const ProgrammeId wlsId(Repository<Programme>(*ws).insert(cs, wls));

    Actor gemA;
    gemA.code = "GEM-A";
    gemA.name = "Gemeente Aarschot-Oost";
    gemA.kind = ActorKind::Government;
    Repository<Actor>(*ws).insert(cs, gemA);
    Actor vzw;
    vzw.code = "VZW-NAT";
    vzw.name = "Natuurpunt Hageland";
    vzw.kind = ActorKind::NatureAssociation;
    const ActorId vzwId(Repository<Actor>(*ws).insert(cs, vzw));

    Government gov;
    gov.kbo = "0207451227";
    gov.name = "Gemeente zonder NIS";
    gov.kind = GovernmentKind::Gemeente;
    Repository<Government>(*ws).insert(cs, gov);

    Coalition coalition;
    coalition.code = "COAL-DEMER";
    coalition.name = "Coalitie Demervallei";
    Repository<Coalition>(*ws).insert(cs, coalition);

    Fund fund;
    fund.code = "F-STV-PROJ";
    fund.name = "Projectsubsidie stadsvernieuwing";
    fund.grantor = "Vlaamse overheid";
    fund.programmeId = stvId;
    fund.maxRate = Rate::percent(50);
    fund.budget = Money::fromEuros(7'500'000);
    Repository<Fund>(*ws).insert(cs, fund);
    Fund wlsFund;
    wlsFund.code = "F-WLS-GEB";
    wlsFund.name = "Gebiedsprogramma Water+Land+Schap";
    wlsFund.grantor = "VLM";
    wlsFund.programmeId = wlsId;
    wlsFund.maxRate = Rate::percent(30);
    wlsFund.capPerProject = Money::fromEuros(25'000);
    wlsFund.budget = Money::fromEuros(2'000'000);
    wlsFund.priority = 200;
    Repository<Fund>(*ws).insert(cs, wlsFund);

    const char* names[] = {"Stationsomgeving Noord", "Beekherstel Zuid", "Dorpskern Oost"};
    for (int i = 0; i < 3; ++i) {
        Project p;
        p.code = "P000" + std::to_string(i + 1);
        p.name = names[i];
        p.status = i == 0 ? ProjectStatus::Application : ProjectStatus::Idea;
        const ProjectId id(Repository<Project>(*ws).insert(cs, p));
        setProjectProgrammes(cs, id, i == 1 ? std::vector{stvId, wlsId} : std::vector{stvId});
        if (i == 0) {
            CostItem works;
            works.code = "P0001-C01";
            works.projectId = id;
            works.category = "works";
            works.year = 2026;
            works.amount = Money::fromEuros(250'000);
            Repository<CostItem>(*ws).insert(cs, works);
            CostItem study;
            study.code = "P0001-C02";
            study.projectId = id;
            study.category = "external_expertise";
            study.year = 2026;
            study.partnerId = vzwId;
            study.amount = Money::fromCents(1'875'050);
            Repository<CostItem>(*ws).insert(cs, study);
        }
    }
    cs.commit().value();
}

void pump(int ms) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    do {
        wxTheApp->Yield(true);
        wxMilliSleep(5);
    } while (std::chrono::steady_clock::now() < end);
}

bool pumpUntil(const std::function<bool()>& done, int timeoutMs) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (!done()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        pump(20);
    }
    return true;
}

void pressShortcut(const std::string& shortcut) {
    wxAcceleratorEntry entry;
    ASSERT_TRUE(entry.FromString(shortcut)) << shortcut;
    int modifiers = 0;
    if (entry.GetFlags() & wxACCEL_CTRL)
        modifiers |= wxMOD_CONTROL;
    if (entry.GetFlags() & wxACCEL_SHIFT)
        modifiers |= wxMOD_SHIFT;
    if (entry.GetFlags() & wxACCEL_ALT)
        modifiers |= wxMOD_ALT;
    int key = entry.GetKeyCode();
    // The simulator wants lower-case letters; FromString gives upper-case key codes.
    if (key >= 'A' && key <= 'Z')
        key = key - 'A' + 'a';
    wxUIActionSimulator sim;
    sim.Char(key, modifiers);
    pump(150);
}

void typeText(const std::string& text) {
    wxUIActionSimulator sim;
    sim.Text(text.c_str());
    pump(150);
}

void pressKey(int keyCode) {
    wxUIActionSimulator sim;
    sim.Char(keyCode);
    pump(150);
}

std::string screenshot(const std::string& name) {
    pump(300);
    const std::string file = outputDir() + "/" + name + ".png";
    const std::string command = "import -window root '" + file + "' 2>/dev/null";
    if (std::system(command.c_str()) != 0)
        ADD_FAILURE() << "could not write the screenshot " << file
                      << " (is ImageMagick's import installed and DISPLAY set?)";
    return file;
}

}  // namespace kk::ui::test
