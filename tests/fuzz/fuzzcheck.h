#pragma once

#include <cstdio>
#include <cstdlib>

// An assertion that holds in every build type (Q_ASSERT is compiled out of
// release builds) and aborts, which libFuzzer reports as a crash and saves
// the input that caused it.
#define FUZZ_CHECK(condition) ((condition) ? void() : fuzzCheckFailed(#condition, __FILE__, __LINE__))

[[noreturn]] inline void fuzzCheckFailed(const char *condition, const char *file, int line)
{
    std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, condition);
    std::abort();
}
