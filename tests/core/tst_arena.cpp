// SPDX-License-Identifier: MIT
// Arena: objects at stable addresses in creation order, through the small chunks and on
// into the huge-page ones; every object destroyed once; blocks reused by the next arena.
// Large blocks (allocateLarge): one given back is reused for the next request it fits.
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
    void aLargeBlockGivenBackIsReusedForTheNextRequestItFits();
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

void TestArena::aLargeBlockGivenBackIsReusedForTheNextRequestItFits()
{
#if defined(LOOPSCOPE_NO_FRAME_POOL)
    QSKIP("sanitizer builds give every large block back to the system");
#endif
    constexpr std::size_t mib = std::size_t(1) << 20;
    const std::size_t keptAtFirst = keptLargeBytes();
    auto* block = static_cast<char*>(allocateLarge(24 * mib));
    QCOMPARE(reinterpret_cast<std::uintptr_t>(block) % hugePageSize, std::uintptr_t(0));
    block[24 * mib - 1] = 1; // all of it is usable
    freeLarge(block, 24 * mib);
    QCOMPARE(keptLargeBytes(), keptAtFirst + 24 * mib);

    // More than twice smaller: a fresh block (the kept one stays for a request its size).
    void* small = allocateLarge(11 * mib);
    QVERIFY(small != block);
    // At least half its size: this one, and once given back it counts its whole size again.
    auto* again = static_cast<char*>(allocateLarge(13 * mib));
    QCOMPARE(again, block);
    QCOMPARE(keptLargeBytes(), keptAtFirst);
    freeLarge(again, 13 * mib);
    QCOMPARE(keptLargeBytes(), keptAtFirst + 24 * mib);
    // Larger than any kept block: fresh.
    void* large = allocateLarge(25 * mib);
    QVERIFY(large != block);
    freeLarge(small, 11 * mib);
    freeLarge(large, 25 * mib);
}

QTEST_GUILESS_MAIN(TestArena)
#include "tst_arena.moc"
