// Signals disconnect with their Connection.
#include "core/base/signal.h"

#include <gtest/gtest.h>

TEST(Signal, DeliversAndDisconnects) {
    kk::Signal<int> sig;
    int seen = 0;
    {
        auto c = sig.connect([&](int v) { seen += v; });
        sig.emit(2);
        EXPECT_EQ(seen, 2);
    }
    sig.emit(5);
    EXPECT_EQ(seen, 2);
    EXPECT_EQ(sig.size(), 0u);
}
