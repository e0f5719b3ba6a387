// Resolution of shipped-file and configuration folders.
#include "core/base/paths.h"

#include <cstdlib>
#include <filesystem>

namespace kk {
namespace {

namespace fs = std::filesystem;

std::string firstExisting(const char* env, const char* installedSub, const char* sourceSub) {
    if (const char* v = std::getenv(env); v && *v)
        return v;
    const fs::path exe = executableDirectory();
    for (const fs::path& candidate : {exe / ".." / "share" / "koppelkans" / installedSub,
                                      exe / ".." / ".." / "share" / "koppelkans" / installedSub}) {
        std::error_code ec;
        if (fs::is_directory(candidate, ec))
            return fs::weakly_canonical(candidate).string();
    }
#ifdef KK_SOURCE_DIR
    return (fs::path(KK_SOURCE_DIR) / sourceSub).string();
#else
    return (fs::current_path() / sourceSub).string();
#endif
}

}  // namespace

std::string executableDirectory() {
    std::error_code ec;
    const fs::path p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::current_path().string() : p.parent_path().string();
}

std::string dataDirectory() {
    return firstExisting("KK_DATA_DIR", "data", "data");
}
std::string scriptsDirectory() {
    return firstExisting("KK_SCRIPTS_DIR", "scripts", "scripts");
}

std::string configDirectory() {
    if (const char* v = std::getenv("KK_CONFIG_DIR"); v && *v)
        return v;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
        return (fs::path(x) / "koppelkans").string();
    if (const char* h = std::getenv("HOME"); h && *h)
        return (fs::path(h) / ".config" / "koppelkans").string();
    return (fs::temp_directory_path() / "koppelkans-config").string();
}

}  // namespace kk
