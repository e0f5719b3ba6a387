// One piece of long work on a background thread, with progress and cancel (ARCHITECTURE.md
// decision 7): the work never touches the main thread's workspace; its result comes back as a
// continuation that runs on the main thread through the workbench's main-thread queue.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/base/progress.h"

namespace kk::ui {

/// Runs a task on the main thread, later. The workbench injects wx's CallAfter; tests and the
/// server use the same queue.
using MainThreadQueue = std::function<void(std::function<void()>)>;

class BackgroundJob {
  public:
    /// Called on the main thread with done/total (total 0: unknown) and a label.
    using ProgressCallback = std::function<void(std::int64_t, std::int64_t, const std::string&)>;
    /// Runs on the worker thread; returns what to do on the main thread with the result.
    using Work = std::function<std::function<void()>(Progress&)>;

    explicit BackgroundJob(MainThreadQueue queue);
    /// Cancels and waits for the worker; continuations not yet run are dropped.
    ~BackgroundJob();
    BackgroundJob(const BackgroundJob&) = delete;
    BackgroundJob& operator=(const BackgroundJob&) = delete;

    /// Starts `work` (a previous run is cancelled and joined first).
    void start(Work work, ProgressCallback onProgress);
    void cancel();
    bool running() const { return m_running.load(); }

  private:
    struct Shared;
    void join();

    MainThreadQueue m_queue;
    std::shared_ptr<Shared> m_shared;
    std::thread m_thread;
    std::atomic<bool> m_running{false};
};

}  // namespace kk::ui
