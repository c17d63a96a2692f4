// Log-in throttling policy (docs/security.md "Log-in"): after a few failures each further
// attempt must wait longer (1 s, 2 s, 4 s ... up to 15 minutes), and an account that keeps
// failing is locked for 15 minutes. Counted per account and, more leniently (an office
// shares one address), per client address. Failures older than an hour are forgotten. Pure.
#pragma once

#include <chrono>
#include <cstdint>

namespace lindungi::security {

struct ThrottlePolicy {
  int free_failures;     // failures allowed before any delay
  int lockout_failures;  // failures that lock (0: never lock, only delay)
  std::chrono::seconds max_delay{15 * 60};
  std::chrono::seconds lockout{15 * 60};
  std::chrono::seconds forget_after{60 * 60};
};

inline constexpr ThrottlePolicy kAccountThrottle{5, 10};
inline constexpr ThrottlePolicy kAddressThrottle{20, 0};

// How long after the `failures`-th consecutive failure the next attempt must wait.
std::chrono::seconds DelayAfter(const ThrottlePolicy& p, std::int64_t failures);

}  // namespace lindungi::security
