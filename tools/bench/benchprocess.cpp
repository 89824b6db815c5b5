// SPDX-License-Identifier: MIT
#include "benchprocess.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace bench {

int runProcess(const std::vector<std::string>& arguments, const std::function<void(std::string_view)>& onOutput)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    std::fflush(nullptr);
    const pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], STDOUT_FILENO);
        close(fds[1]);
        std::vector<char*> argv;
        for (const std::string& argument : arguments)
            argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        execvp(argv[0], argv.data());
        std::fprintf(stderr, "loopscope_bench: cannot run %s: %s\n", argv[0], std::strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    char buffer[65536];
    for (;;) {
        const ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        onOutput(std::string_view(buffer, std::size_t(n)));
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::optional<std::string> jsonField(const std::string& line, const std::string& key)
{
    const std::string quoted = "\"" + key + "\":";
    auto at = line.find(quoted);
    if (at == std::string::npos)
        return std::nullopt;
    at += quoted.size();
    while (at < line.size() && line[at] == ' ')
        ++at;
    if (at < line.size() && line[at] == '"') {
        const auto end = line.find('"', at + 1);
        return end == std::string::npos ? std::nullopt : std::optional(line.substr(at + 1, end - at - 1));
    }
    const auto end = line.find_first_of(",}", at);
    return line.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

std::optional<double> jsonNumber(const std::string& json, const std::string& key)
{
    const std::optional<std::string> text = jsonField(json, key);
    if (!text || text->empty())
        return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(text->c_str(), &end);
    if (end == text->c_str())
        return std::nullopt;
    return value;
}

} // namespace bench
