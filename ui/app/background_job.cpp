// Worker thread, throttled progress and main-thread continuations of a BackgroundJob.
#include "ui/app/background_job.h"

#include <chrono>

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace kk::ui {

/// State the worker and the posted continuations share with the job. `alive` turns false when
/// the job is destroyed, so a continuation that arrives late does nothing.
struct BackgroundJob::Shared {
    std::mutex mutex;
    bool alive = true;
    std::atomic<bool> cancelled{false};
};

namespace {

/// Progress on the worker: forwards at most every 50 ms to the main thread.
class QueuedProgress final : public Progress {
  public:
    QueuedProgress(std::shared_ptr<void> shared, std::atomic<bool>& cancelled,
                   std::function<void(std::int64_t, std::int64_t, std::string)> post)
        : m_shared(std::move(shared)), m_cancelled(cancelled), m_post(std::move(post)) {}
    void step(std::int64_t done, std::int64_t total, std::string_view label) override {
        const auto now = std::chrono::steady_clock::now();
        if (now - m_last < std::chrono::milliseconds(50) && done != total)
            return;
        m_last = now;
        m_post(done, total, std::string(label));
    }
    bool cancelled() const override { return m_cancelled.load(); }

  private:
    std::shared_ptr<void> m_shared;
    std::atomic<bool>& m_cancelled;
    std::function<void(std::int64_t, std::int64_t, std::string)> m_post;
    std::chrono::steady_clock::time_point m_last{};
};

void lowerThisThreadsPriority() {
#if defined(__linux__)
    // On Linux the nice value belongs to the thread; failure only costs speed.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
#endif
}

}  // namespace

BackgroundJob::BackgroundJob(MainThreadQueue queue, Priority priority)
    : m_queue(std::move(queue)), m_priority(priority) {}

BackgroundJob::~BackgroundJob() {
    join();
}

void BackgroundJob::cancel() {
    if (m_shared)
        m_shared->cancelled.store(true);
}

void BackgroundJob::retire() {
    if (m_shared) {
        m_shared->cancelled.store(true);
        std::lock_guard lock(m_shared->mutex);
        m_shared->alive = false;
    }
    if (m_thread.joinable())
        m_retired.push_back(std::move(m_thread));
    m_running.store(false);
}

void BackgroundJob::join() {
    retire();
    for (std::thread& t : m_retired)
        t.join();
    m_retired.clear();
}

void BackgroundJob::start(Work work, ProgressCallback onProgress) {
    retire();
    auto shared = std::make_shared<Shared>();
    m_shared = shared;
    m_running.store(true);
    // Every continuation checks `alive` on the main thread, where the job is destroyed too, so
    // the check and the call cannot race with the destructor.
    auto post = [queue = m_queue, shared](std::function<void()> task) {
        queue([shared, task = std::move(task)] {
            bool alive = false;
            {
                std::lock_guard lock(shared->mutex);
                alive = shared->alive;
            }
            if (alive)
                task();
        });
    };
    m_thread = std::thread([this, shared, post, priority = m_priority, work = std::move(work),
                            onProgress = std::move(onProgress)] {
        if (priority == Priority::Low)
            lowerThisThreadsPriority();
        QueuedProgress progress(shared, shared->cancelled,
                                [post, onProgress](std::int64_t d, std::int64_t t, std::string l) {
                                    if (onProgress)
                                        post([onProgress, d, t, l] { onProgress(d, t, l); });
                                });
        std::function<void()> done = work(progress);
        post([this, done = std::move(done)] {
            m_running.store(false);
            if (done)
                done();
        });
    });
}

}  // namespace kk::ui
