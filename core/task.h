// SPDX-License-Identifier: MIT
#pragma once

#include "framepool.h"

#include <cassert>
#include <coroutine>
#include <exception>
#include <optional>
#include <utility>

namespace sim {

// Task<T>: the coroutine type that scenario code is written in, the C++ twin of a Python
// `async def` function.
//
// Protocol (who resumes whom, who destroys the frame):
// - Lazy: calling a Task-returning function creates a suspended frame; nothing runs.
// - `co_await task` in another Task runs it inline, as Python runs an awaited coroutine:
//   the awaiter stores itself as the child's continuation and transfers to the child; the
//   child's final_suspend transfers back. No event-loop iteration passes.
// - When a leaf awaits a Future (see future.h), the whole chain suspends and control goes
//   back to the EventLoop, which resumes the leaf later. The loop holds the root Task of
//   each asyncio task (LoopTask); frames are owned by the Task object that holds their
//   handle, so destroying a root destroys every frame nested below it.
// - An exception (CancelledError included) escaping a child is stored in its promise and
//   rethrown in the parent at its co_await, exactly like Python's exception propagation.
//   reraise() (below) ends a coroutine the same way without throwing, and `co_await
//   uncaught(child)` passes the child's error on through the awaiting coroutine without
//   throwing either.
template <typename T = void>
class [[nodiscard]] Task;

namespace detail {
    struct PromiseBase {
        std::coroutine_handle<> continuation;
        std::exception_ptr exception;
        // Set by uncaught(): the awaiting coroutine, which has no handler around that await
        // and so ends with this one's error, if any (see passOnError).
        PromiseBase* uncaughtBy = nullptr;

        // Frames come from a free-list pool: scenarios create several small frames per step.
        static void* operator new(std::size_t size) { return FramePool::allocate(size); }
        static void operator delete(void* frame, std::size_t size) { FramePool::release(frame, size); }

        std::suspend_always initial_suspend() noexcept { return {}; }
        struct FinalAwaiter {
            bool await_ready() noexcept { return false; }
            template <typename Promise>
            std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> self) noexcept
            {
                return self.promise().next();
            }
            void await_resume() noexcept { }
        };
        FinalAwaiter final_suspend() noexcept { return {}; }
        void unhandled_exception() noexcept { exception = std::current_exception(); }

        // Where control goes when this coroutine ends: its awaiting coroutine, or back to the
        // loop. An error skips every awaiting coroutine that awaited with uncaught(): each
        // ends with it, as the throw at its await would have ended it, and the first one that
        // did not use uncaught() (or the loop, for a task's root) gets it at its await.
        std::coroutine_handle<> next() noexcept
        {
            PromiseBase* ending = this;
            while (ending->exception && ending->uncaughtBy) {
                PromiseBase* parent = ending->uncaughtBy;
                parent->exception = std::move(ending->exception);
                ending = parent;
            }
            return ending->continuation ? ending->continuation : std::noop_coroutine();
        }
    };

    template <typename T>
    struct Promise : PromiseBase {
        std::optional<T> value;
        Task<T> get_return_object() noexcept;
        template <typename U>
        void return_value(U&& result) { value.emplace(std::forward<U>(result)); }
        T take()
        {
            if (exception)
                std::rethrow_exception(exception);
            return std::move(*value);
        }
    };

    template <>
    struct Promise<void> : PromiseBase {
        Task<void> get_return_object() noexcept;
        void return_void() noexcept { }
        void take()
        {
            if (exception)
                std::rethrow_exception(exception);
        }
    };
} // namespace detail

template <typename T>
class [[nodiscard]] Task {
public:
    using promise_type = detail::Promise<T>;
    using Handle = std::coroutine_handle<promise_type>;

    Task() = default;
    explicit Task(Handle handle) : m_handle(handle) { }
    Task(Task&& other) noexcept : m_handle(std::exchange(other.m_handle, {})) { }
    Task& operator=(Task&& other) noexcept
    {
        if (this != &other) {
            reset();
            m_handle = std::exchange(other.m_handle, {});
        }
        return *this;
    }
    Task(const Task&) = delete;
    Task& operator=(const Task&) = delete;
    ~Task() { reset(); }

    bool valid() const { return bool(m_handle); }
    bool done() const { return m_handle && m_handle.done(); }
    Handle handle() const { return m_handle; }
    // The result (or the exception) of a finished task.
    T result() { return m_handle.promise().take(); }
    // Destroys the frame (and, through its locals, every frame it awaits).
    void reset()
    {
        if (m_handle)
            std::exchange(m_handle, {}).destroy();
    }

    auto operator co_await() && noexcept
    {
        struct Awaiter {
            Handle child;
            bool await_ready() const noexcept { return false; }
            std::coroutine_handle<> await_suspend(std::coroutine_handle<> parent) noexcept
            {
                child.promise().continuation = parent;
                return child;
            }
            T await_resume() { return child.promise().take(); }
        };
        assert(m_handle && !m_handle.done());
        return Awaiter { m_handle };
    }

private:
    Handle m_handle;
};

// `co_await reraise(error)` in a Task coroutine ends it with `error`, exactly as a throw
// escaping it would, but without throwing: the coroutine awaiting it rethrows the error at
// its co_await (or, for a task's root coroutine, the loop reads it). The library's
// `except: ...; raise` blocks (sleep, Queue.get / put, Event.wait) end this way because every
// C++ throw costs microseconds: a cancelled asyncq consumer used to throw four times. Nothing
// after it runs; the frame stays suspended until its owner destroys it, like any suspended
// frame. Precondition: `error` is not null.
struct ReraiseAwaiter {
    std::exception_ptr error;
    bool await_ready() const noexcept { return false; }
    template <typename Promise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> self) noexcept
    {
        assert(error);
        self.promise().exception = std::move(error);
        return self.promise().next(); // as FinalAwaiter: back to the awaiting coroutine
    }
    void await_resume() noexcept { assert(false && "a coroutine is never resumed after reraise()"); }
};
inline ReraiseAwaiter reraise(std::exception_ptr error) { return ReraiseAwaiter { std::move(error) }; }

// `co_await uncaught(child)` is `co_await child` at an await that Python has no handler
// around (no try, no with, no finally): when `child` ends with an error, the awaiting
// coroutine ends with it too, at once and without a C++ throw, exactly as the rethrow at its
// co_await would have ended it (its suspended frame is destroyed later with its owner, as
// after reraise()). Its own awaiter gets the error in turn, or skips it as well if it too
// awaited with uncaught(). Every asyncq consumer ends this way when main cancels it: a throw
// per consumer (two from within randsleep) cost a quarter of the run.
template <typename T>
struct UncaughtAwaiter {
    Task<T> child; // owned here: it lives as long as the awaiting frame
    bool await_ready() const noexcept { return false; }
    template <typename Promise>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<Promise> parent) noexcept
    {
        auto& promise = child.handle().promise();
        promise.continuation = parent;
        promise.uncaughtBy = &parent.promise();
        return child.handle();
    }
    T await_resume() { return child.result(); } // resumed only when `child` succeeded
};
template <typename T>
UncaughtAwaiter<T> uncaught(Task<T>&& child) noexcept
{
    assert(child.valid() && !child.done());
    return UncaughtAwaiter<T> { std::move(child) };
}

namespace detail {
    template <typename T>
    Task<T> Promise<T>::get_return_object() noexcept { return Task<T>(Task<T>::Handle::from_promise(*this)); }
    inline Task<void> Promise<void>::get_return_object() noexcept
    {
        return Task<void>(Task<void>::Handle::from_promise(*this));
    }
} // namespace detail

} // namespace sim
