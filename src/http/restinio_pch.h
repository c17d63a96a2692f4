// Precompiled header of the one translation unit that includes RESTinio (slow to parse).
#pragma once
#include <restinio/all.hpp>
