// BackgroundJob without a display: a hand-run main-thread queue stands in for wx's CallAfter.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__linux__)
#include <sys/resource.h>
#include <unistd.h>
#endif

#include "ui/app/background_job.h"

namespace kk::ui {
namespace {

/// Tasks posted "to the main thread", run when the test says so.
class ManualQueue {
  public:
    MainThreadQueue queue() {
        return [this](std::function<void()> task) {
            std::lock_guard lock(m_mutex);
            m_tasks.push_back(std::move(task));
        };
    }
    /// Runs posted tasks until `done` holds or `limit` passes.
    bool runUntil(const std::function<bool()>& done,
                  std::chrono::milliseconds limit = std::chrono::seconds(5)) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!done()) {
            if (std::chrono::steady_clock::now() > deadline)
                return false;
            std::function<void()> task;
            {
                std::lock_guard lock(m_mutex);
                if (!m_tasks.empty()) {
                    task = std::move(m_tasks.front());
                    m_tasks.pop_front();
                }
            }
            if (task)
                task();
            else
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return true;
    }

  private:
    std::mutex m_mutex;
    std::deque<std::function<void()>> m_tasks;
};

int niceOfThisThread() {
#if defined(__linux__)
    return getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
#else
    return 0;
#endif
}

TEST(BackgroundJob, WorksOffTheMainThreadAndAnswersOnIt) {
    ManualQueue main;
    BackgroundJob job(main.queue());
    std::thread::id workedOn;
    std::thread::id answeredOn;
    job.start(
        [&workedOn, &answeredOn](Progress&) -> std::function<void()> {
            workedOn = std::this_thread::get_id();
            return [&answeredOn] { answeredOn = std::this_thread::get_id(); };
        },
        {});
    ASSERT_TRUE(main.runUntil([&] { return answeredOn != std::thread::id(); }));
    EXPECT_NE(workedOn, std::this_thread::get_id());
    EXPECT_EQ(answeredOn, std::this_thread::get_id());
    EXPECT_FALSE(job.running());
}

TEST(BackgroundJob, ANewStartDropsTheOldAnswer) {
    ManualQueue main;
    BackgroundJob job(main.queue());
    std::vector<int> answers;
    job.start(
        [&answers](Progress&) -> std::function<void()> {
            return [&answers] { answers.push_back(1); };
        },
        {});
    job.start(
        [&answers](Progress&) -> std::function<void()> {
            return [&answers] { answers.push_back(2); };
        },
        {});
    ASSERT_TRUE(main.runUntil([&] { return !job.running(); }));
    // Whatever else was posted runs too.
    main.runUntil([] { return false; }, std::chrono::milliseconds(200));
    EXPECT_EQ(answers, std::vector<int>{2});
}

TEST(BackgroundJob, LowPriorityWorkRunsNiced) {
    ManualQueue main;
    const int mine = niceOfThisThread();
    int normal = -100;
    int low = -100;
    BackgroundJob normalJob(main.queue());
    BackgroundJob lowJob(main.queue(), BackgroundJob::Priority::Low);
    normalJob.start(
        [&normal](Progress&) -> std::function<void()> {
            const int nice = niceOfThisThread();
            return [&normal, nice] { normal = nice; };
        },
        {});
    lowJob.start(
        [&low](Progress&) -> std::function<void()> {
            const int nice = niceOfThisThread();
            return [&low, nice] { low = nice; };
        },
        {});
    ASSERT_TRUE(main.runUntil([&] { return normal != -100 && low != -100; }));
    EXPECT_EQ(normal, mine);
#if defined(__linux__)
    EXPECT_EQ(low, std::min(mine + 10, 19));
#endif
    EXPECT_EQ(niceOfThisThread(), mine) << "only the worker is niced";
}

}  // namespace
}  // namespace kk::ui
