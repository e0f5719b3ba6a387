// RAII handle of a shared library opened with dlopen (the only place that calls dlopen).
#pragma once

#include <string>

#include "core/base/error.h"

namespace kk::plugin {

class SharedLibrary {
  public:
    /// Opens the library with RTLD_NOW | RTLD_LOCAL, so a missing symbol is found at load time
    /// and one plugin's symbols never satisfy another's. The error carries dlerror().
    static Result<SharedLibrary> open(const std::string& path);

    SharedLibrary(SharedLibrary&& other) noexcept;
    SharedLibrary& operator=(SharedLibrary&& other) noexcept;
    SharedLibrary(const SharedLibrary&) = delete;
    SharedLibrary& operator=(const SharedLibrary&) = delete;
    ~SharedLibrary();

    /// The address of a symbol, or an error naming the symbol and the library.
    Result<void*> symbol(const char* name) const;
    const std::string& path() const { return m_path; }

  private:
    SharedLibrary(void* handle, std::string path) : m_handle(handle), m_path(std::move(path)) {}
    void* m_handle = nullptr;
    std::string m_path;
};

}  // namespace kk::plugin
