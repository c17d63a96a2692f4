// Helpers shared by the benchmarks that write synthetic data straight into a store.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <random>
#include <string>

namespace lindungi::bench {

// A random version-4 UUID from `rng` (reproducible runs, unlike security::RandomUuid).
inline std::string Uuid(std::mt19937_64& rng) {
  std::uniform_int_distribution<std::uint64_t> d;
  std::uint64_t a = d(rng), b = d(rng);
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", std::uint32_t(a >> 32),
                     std::uint16_t(a >> 16), std::uint16_t(a) & 0xFFF,
                     (std::uint16_t(b >> 48) & 0x3FFF) | 0x8000, b & 0xFFFFFFFFFFFFULL);
}

}  // namespace lindungi::bench
