#include "security/throttle.h"

#include <algorithm>

namespace lindungi::security {

std::chrono::seconds DelayAfter(const ThrottlePolicy& p, std::int64_t failures) {
  if (p.lockout_failures > 0 && failures >= p.lockout_failures) return p.lockout;
  if (failures < p.free_failures) return std::chrono::seconds(0);
  std::int64_t doublings = std::min<std::int64_t>(failures - p.free_failures, 20);
  return std::min(std::chrono::seconds(std::int64_t{1} << doublings), p.max_delay);
}

}  // namespace lindungi::security
