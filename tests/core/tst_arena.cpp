// SPDX-License-Identifier: MIT
// Arena: objects at stable addresses in creation order, through the small chunks and on
// into the huge-page ones; every object destroyed once; blocks reused by the next arena.
#include "arena.h"
#include "hugepages.h"

#include <QTest>

#include <cstdint>
#include <vector>

using namespace sim;

namespace {
struct Counted {
    static inline int live = 0;
    std::uint64_t value;
    char padding[40];
    explicit Counted(std::uint64_t v) : value(v) { ++live; }
    ~Counted() { --live; }
    Counted(const Counted&) = delete;
    Counted& operator=(const Counted&) = delete;
};
} // namespace

class TestArena : public QObject {
    Q_OBJECT

private slots:
    void objectsStayPutAndInOrderPastTheSmallChunks();
    void everyObjectIsDestroyedOnce();
    void aHugePageGivenBackIsTakenAgain();
};

void TestArena::objectsStayPutAndInOrderPastTheSmallChunks()
{
    // 48-byte objects: 32 small chunks hold about 43,000; 200,000 take several huge pages.
    constexpr std::uint64_t count = 200'000;
    Arena<Counted> arena;
    std::vector<const Counted*> addresses;
    for (std::uint64_t i = 0; i < count; ++i) {
        Counted& object = arena.emplace_back(i * 7);
        addresses.push_back(&object);
        QCOMPARE(&arena.back(), &object);
    }
    QCOMPARE(arena.size(), std::size_t(count));
    for (std::uint64_t i = 0; i < count; ++i) {
        QCOMPARE(&arena[i], addresses[i]); // never moved
        QCOMPARE(arena[i].value, i * 7);
    }
    // Past 32 chunks of 64 KiB, each 2 MiB block starts on a 2 MiB boundary.
    constexpr std::size_t small = 32 * (64 * 1024 / sizeof(Counted));
    constexpr std::size_t perHugePage = hugePageSize / sizeof(Counted);
    for (std::size_t first = small; first < count; first += perHugePage)
        QCOMPARE(reinterpret_cast<std::uintptr_t>(&arena[first]) % hugePageSize, std::uintptr_t(0));
}

void TestArena::everyObjectIsDestroyedOnce()
{
    QCOMPARE(Counted::live, 0);
    {
        Arena<Counted> arena;
        for (int i = 0; i < 120'000; ++i)
            arena.emplace_back(std::uint64_t(i));
        QCOMPARE(Counted::live, 120'000);
    }
    QCOMPARE(Counted::live, 0);
}

void TestArena::aHugePageGivenBackIsTakenAgain()
{
    void* first = takeHugePage();
    QCOMPARE(reinterpret_cast<std::uintptr_t>(first) % hugePageSize, std::uintptr_t(0));
    static_cast<char*>(first)[hugePageSize - 1] = 1; // all of it is usable
    giveBackHugePage(first);
    void* again = takeHugePage();
    QCOMPARE(again, first); // kept for the next run, not returned and faulted in anew
    giveBackHugePage(again);
}

QTEST_GUILESS_MAIN(TestArena)
#include "tst_arena.moc"
