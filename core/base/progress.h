// Progress reporting and cooperative cancellation for long work (imports, reports, allocation).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace kk {

/// Long operations call step() now and then; when cancelled() turns true they stop, roll back
/// and return an error with code "cancelled".
class Progress {
  public:
    virtual ~Progress() = default;
    virtual void step(std::int64_t done, std::int64_t total, std::string_view label) = 0;
    virtual bool cancelled() const = 0;
};

/// Does nothing and is never cancelled: for callers that do not care.
class NoProgress final : public Progress {
  public:
    void step(std::int64_t, std::int64_t, std::string_view) override {}
    bool cancelled() const override { return false; }
};

/// Forwards to a callback and can be cancelled from any thread.
class CallbackProgress final : public Progress {
  public:
    using Callback = std::function<void(std::int64_t, std::int64_t, std::string_view)>;
    explicit CallbackProgress(Callback cb) : m_cb(std::move(cb)) {}
    void step(std::int64_t done, std::int64_t total, std::string_view label) override {
        if (m_cb)
            m_cb(done, total, label);
    }
    bool cancelled() const override { return m_cancel.load(); }
    void cancel() { m_cancel.store(true); }

  private:
    Callback m_cb;
    std::atomic<bool> m_cancel{false};
};

}  // namespace kk
