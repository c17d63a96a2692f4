// Precompiled header of the one translation unit that includes RESTinio (slow to parse).
#pragma once
#include <restinio/all.hpp>
// Paths are bytes (UTF-8): PCRE2's 8-bit library.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <restinio/router/pcre2_regex_engine.hpp>
