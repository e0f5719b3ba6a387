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
#include <vector>

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

    /// Low: the worker runs niced (Linux), so the main thread and the X server keep the CPU
    /// while, say, the workspace check runs; for work nobody is waiting on.
    enum class Priority { Normal, Low };

    explicit BackgroundJob(MainThreadQueue queue, Priority priority = Priority::Normal);
    /// Cancels and waits for the current and retired workers; continuations not yet run are
    /// dropped.
    ~BackgroundJob();
    BackgroundJob(const BackgroundJob&) = delete;
    BackgroundJob& operator=(const BackgroundJob&) = delete;

    /// Starts `work`. A previous run is cancelled and retired without waiting for it (its
    /// continuation is dropped), so a new run never blocks the main thread. Contract: `work`
    /// touches only what it captured by value; `this` of the owner only inside the
    /// continuation it returns.
    void start(Work work, ProgressCallback onProgress);
    void cancel();
    bool running() const { return m_running.load(); }

  private:
    struct Shared;
    void retire();
    void join();

    MainThreadQueue m_queue;
    Priority m_priority;
    std::shared_ptr<Shared> m_shared;
    std::thread m_thread;
    std::vector<std::thread> m_retired;  ///< cancelled runs still finishing
    std::atomic<bool> m_running{false};
};

}  // namespace kk::ui
