// SPDX-License-Identifier: MIT
#pragma once

#include "hugepages.h"
#include "ids.h"

#include <string>
#include <string_view>
#include <vector>

namespace sim {

// Many short strings (task names, printed lines, queue items) in one buffer: a trace of a
// million events would otherwise spend more on std::string headers than on events.
class StringTable {
public:
    StringId add(std::string_view text)
    {
        m_offsets.push_back(std::uint32_t(m_text.size()));
        m_text.append(text);
        return StringId(m_offsets.size() - 1);
    }
    std::string_view at(StringId id) const
    {
        const std::size_t begin = m_offsets[id];
        const std::size_t end = id + 1 < m_offsets.size() ? m_offsets[id + 1] : m_text.size();
        return std::string_view(m_text).substr(begin, end - begin);
    }
    std::size_t size() const { return m_offsets.size(); }
    std::size_t memoryBytes() const { return m_text.capacity() + m_offsets.capacity() * sizeof(std::uint32_t); }

private:
    std::basic_string<char, std::char_traits<char>, HugePageAllocator<char>> m_text;
    std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> m_offsets;
};

} // namespace sim
