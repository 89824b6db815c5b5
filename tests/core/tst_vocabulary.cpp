// SPDX-License-Identifier: MIT
// The vocabulary (vocabulary.h): every value of every kind has its words, the stable names
// are the trace file's, letter for letter (files written earlier must still read), and the
// names of a kind are told apart.
#include "vocabulary.h"

#include <QTest>

#include <set>
#include <string>
#include <vector>

using namespace sim;

namespace {

template <typename Kind> std::vector<std::string> namesOf(Kind last)
{
    std::vector<std::string> names;
    for (std::size_t i = 0; i <= std::size_t(last); ++i)
        names.emplace_back(nameOf(Kind(i)));
    return names;
}

bool snakeCase(const std::string& name)
{
    return !name.empty() && name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos;
}

} // namespace

class TestVocabulary : public QObject {
    Q_OBJECT

private slots:
    void theTraceFileNamesStayAsTheyWere();
    void everyStateHasItsWords();
    void everyFutureSaysWhatCompletedIt();
    void everySyncObjectHasItsWordsAndItsWaitingState();
    void asyncioCallbacksAreToldByWhatTheyAreFor();
};

void TestVocabulary::theTraceFileNamesStayAsTheyWere()
{
    using Names = std::vector<std::string>;
    // Version 2's names, then version 3's after them.
    QCOMPARE(namesOf(lastEventKind),
        (Names { "iteration_started", "task_created", "handle_queued", "handle_run", "timer_scheduled",
            "timer_cancelled", "timer_due", "timer_purged", "timers_rebuilt", "step_started", "step_ended", "printed",
            "queue_put", "queue_get", "waiter_added", "waiter_removed", "waiter_woken", "task_done_called",
            "cancel_requested", "task_finished", "loop_stopped", "teardown_started", "deadlock", "limit_reached",
            "queue_created", "blocked", "program_failed", "sync_created", "lock_acquired", "lock_released",
            "uncancelled", "semaphore_acquired", "semaphore_released" }));
    QCOMPARE(namesOf(HandleKind::Callback),
        (Names { "task_step", "task_wakeup", "timer_callback", "gather_callback", "stop_loop", "callback" }));
    QCOMPARE(namesOf(CauseKind::Callback),
        (Names { "none", "created", "yield", "timer", "task_step", "task_finished", "gather", "callback" }));
    QCOMPARE(namesOf(WaitKind::Task),
        (Names { "sleep", "queue_get", "queue_put", "join", "gather", "future", "yield", "done", "cancelled", "failed",
            "lock", "semaphore", "event", "condition", "task" }));
    QCOMPARE(namesOf(WaiterList::Sync), (Names { "getters", "putters", "join", "waiters" }));
    QCOMPARE(namesOf(FutureKind::SyncWaiter),
        (Names { "plain", "sleep", "queue_getter", "queue_putter", "event_waiter", "gather", "task", "sync_waiter" }));
    QCOMPARE(namesOf(SyncKind::Condition), (Names { "lock", "semaphore", "event", "condition" }));
    for (const Names& names : { namesOf(lastEventKind), namesOf(TaskState::Failed) }) {
        QCOMPARE(std::set<std::string>(names.begin(), names.end()).size(), names.size());
        for (const std::string& name : names)
            QVERIFY2(snakeCase(name), name.c_str());
    }
}

void TestVocabulary::everyStateHasItsWords()
{
    for (std::size_t i = 0; i <= std::size_t(TaskState::Failed); ++i) {
        const TaskState state = TaskState(i);
        const StateWords& w = words(state);
        QVERIFY(!w.label.empty());
        if (state == TaskState::Running)
            continue; // a running step is what sentences are about, not where they end
        QVERIFY2(!w.barText.empty() && !w.awaited.empty() && !w.stepVerb.empty() && !w.stepEnding.empty(),
            std::string(w.name).c_str());
        // What a waiting task is suspended in is a call the program makes.
        if (isWaiting(state))
            QVERIFY2(
                w.awaited.find("()") != std::string_view::npos || w.awaited == "a future" || w.awaited == "await task",
                std::string(w.awaited).c_str());
    }
    QCOMPARE(words(TaskState::WaitingGet).label, std::string_view("waiting on queue.get()"));
    QVERIFY(isWaiting(TaskState::Sleeping) && !isWaiting(TaskState::Ready) && !isWaiting(TaskState::Done));
}

void TestVocabulary::everyFutureSaysWhatCompletedIt()
{
    for (std::size_t i = 0; i <= std::size_t(FutureKind::SyncWaiter); ++i)
        QVERIFY(!words(FutureKind(i)).completedBy.empty());
    for (std::size_t i = 0; i <= std::size_t(HandleKind::Callback); ++i)
        QVERIFY(!words(HandleKind(i)).label.empty());
    for (std::size_t i = 0; i <= std::size_t(WaiterList::Join); ++i)
        QVERIFY(words(WaiterList(i)).label.starts_with("waiting in "));
}

void TestVocabulary::everySyncObjectHasItsWordsAndItsWaitingState()
{
    for (std::size_t i = 0; i <= std::size_t(SyncKind::Condition); ++i) {
        const SyncWords& w = words(SyncKind(i));
        QVERIFY(snakeCase(std::string(w.name)));
        QVERIFY(w.constructor.starts_with("asyncio.") && w.constructor.ends_with("()"));
        QVERIFY(!w.wokenBy.empty());
        QVERIFY(isWaiting(w.waitState));
    }
    QCOMPARE(words(SyncKind::Lock).waitState, TaskState::WaitingLock);
    QCOMPARE(words(SyncKind::Condition).waitState, TaskState::WaitingCondition);
}

void TestVocabulary::asyncioCallbacksAreToldByWhatTheyAreFor()
{
    QCOMPARE(callbackPurpose("_release_waiter", true), std::string_view("wait_for's timeout"));
    QCOMPARE(callbackPurpose("_release_waiter", false), std::string_view("wait_for's done callback"));
    QCOMPARE(callbackPurpose("Timeout._on_timeout", true), std::string_view("asyncio.timeout's deadline"));
    QCOMPARE(callbackPurpose("TaskGroup._on_task_done", false), std::string_view("the TaskGroup's done callback"));
    QVERIFY(callbackPurpose("report", true).empty()); // the program's own: its name says it
}

QTEST_GUILESS_MAIN(TestVocabulary)
#include "tst_vocabulary.moc"
