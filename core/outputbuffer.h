// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

namespace sim {

// The printed lines of a run, each ended by '\n', gathered into chunks that go to `write` one
// at a time: a large run prints half a million lines, and a write per line (twice, with its
// newline) cost more than formatting them. Lines are formatted in place at the end of the
// chunk (reserve, then commit), so printing one copies nothing.
class OutputBuffer {
public:
    static constexpr std::size_t chunkSize = 64 * 1024;

    explicit OutputBuffer(std::function<void(std::string_view)> write)
        : m_write(std::move(write))
    {
    }
    OutputBuffer(const OutputBuffer&) = delete;
    OutputBuffer& operator=(const OutputBuffer&) = delete;
    ~OutputBuffer() { flush(); }

    // Where a line of at most `length` characters can be written; the chunk is written out
    // first when the line and its newline would not fit.
    char* reserve(std::size_t length)
    {
        if (m_size + length + 1 > m_capacity) {
            flush();
            if (length + 1 > m_capacity)
                grow(length + 1);
        }
        return m_data.get() + m_size;
    }
    // Ends the line written from reserve()'s pointer up to `end`; returns it (without '\n').
    std::string_view commit(char* end)
    {
        const std::string_view line(m_data.get() + m_size, std::size_t(end - (m_data.get() + m_size)));
        *end = '\n';
        m_size += line.size() + 1;
        return line;
    }
    // Writes out what is gathered.
    void flush()
    {
        if (m_size > 0 && m_write)
            m_write(std::string_view(m_data.get(), m_size));
        m_size = 0;
    }

private:
    void grow(std::size_t atLeast)
    {
        m_capacity = atLeast > chunkSize ? atLeast : chunkSize;
        m_data = std::make_unique_for_overwrite<char[]>(m_capacity);
    }

    std::function<void(std::string_view)> m_write;
    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

} // namespace sim
