// A minimal single-threaded signal: typed notifications without a framework.
#pragma once

#include <algorithm>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace kk {

/// Subscribers are called in connection order on the thread that emits. A Connection
/// disconnects when destroyed, so a listener that goes away can never be called.
template <class... Args>
class Signal {
  public:
    using Slot = std::function<void(Args...)>;

    class Connection {
      public:
        Connection() = default;
        Connection(std::weak_ptr<std::vector<std::pair<int, Slot>>> slots, int id)
            : m_slots(std::move(slots)), m_id(id) {}
        Connection(Connection&& o) noexcept : m_slots(std::move(o.m_slots)), m_id(o.m_id) {
            o.m_id = 0;
        }
        Connection& operator=(Connection&& o) noexcept {
            disconnect();
            m_slots = std::move(o.m_slots);
            m_id = o.m_id;
            o.m_id = 0;
            return *this;
        }
        Connection(const Connection&) = delete;
        Connection& operator=(const Connection&) = delete;
        ~Connection() { disconnect(); }
        void disconnect() {
            if (auto s = m_slots.lock()) {
                const int id = m_id;
                s->erase(std::remove_if(s->begin(), s->end(),
                                        [id](const auto& p) { return p.first == id; }),
                         s->end());
            }
            m_id = 0;
        }

      private:
        std::weak_ptr<std::vector<std::pair<int, Slot>>> m_slots;
        int m_id = 0;
    };

    [[nodiscard]] Connection connect(Slot slot) {
        m_slots->emplace_back(++m_nextId, std::move(slot));
        return Connection(m_slots, m_nextId);
    }

    void emit(Args... args) const {
        const auto copy = *m_slots;  // a slot may disconnect itself while we iterate
        for (const auto& [id, slot] : copy)
            slot(args...);
    }

    std::size_t size() const { return m_slots->size(); }

  private:
    std::shared_ptr<std::vector<std::pair<int, Slot>>> m_slots =
        std::make_shared<std::vector<std::pair<int, Slot>>>();
    int m_nextId = 0;
};

}  // namespace kk
