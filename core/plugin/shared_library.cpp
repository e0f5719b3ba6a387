// dlopen/dlsym/dlclose behind an RAII handle.
#include "core/plugin/shared_library.h"

#include <dlfcn.h>

namespace kk::plugin {

Result<SharedLibrary> SharedLibrary::open(const std::string& path) {
    dlerror();
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = dlerror();
        return makeError("plugin.load_failed",
                         "the library cannot be loaded: " + std::string(why ? why : "unknown"),
                         path,
                         "rebuild the plugin for this version of Koppelkans, or install the "
                         "libraries it needs");
    }
    return SharedLibrary(handle, path);
}

SharedLibrary::SharedLibrary(SharedLibrary&& other) noexcept
    : m_handle(other.m_handle), m_path(std::move(other.m_path)) {
    other.m_handle = nullptr;
}

SharedLibrary& SharedLibrary::operator=(SharedLibrary&& other) noexcept {
    if (this != &other) {
        if (m_handle)
            dlclose(m_handle);
        m_handle = other.m_handle;
        m_path = std::move(other.m_path);
        other.m_handle = nullptr;
    }
    return *this;
}

SharedLibrary::~SharedLibrary() {
    if (m_handle)
        dlclose(m_handle);
}

Result<void*> SharedLibrary::symbol(const char* name) const {
    dlerror();
    void* address = dlsym(m_handle, name);
    if (!address) {
        const char* why = dlerror();
        return makeError("plugin.no_entry",
                         "the library does not export '" + std::string(name) + "'" +
                             (why ? std::string(" (") + why + ")" : std::string()),
                         m_path,
                         "define the entry with KK_PLUGIN_ENTRY(...) in the plugin (see "
                         "docs/plugins.md)");
    }
    return address;
}

}  // namespace kk::plugin
