#include "sop/calendar.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "core/clock.h"

namespace lindungi::sop {
namespace fs = std::filesystem;

bool Calendar::IsWorkingDay(std::chrono::sys_days d) const {
  std::chrono::weekday wd{d};
  if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) return false;
  return !days_off_.contains(d);
}

void LoadCalendars(const std::string& dir, Calendar& cal, std::vector<Diagnostic>& diags) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    auto name = e.path().filename().string();
    if (name.starts_with("id-") && e.path().extension() == ".yaml") files.push_back(e.path());
  }
  for (const auto& f : files) {
    try {
      YAML::Node root = YAML::LoadFile(f.string());
      int year = root["year"].as<int>();
      for (const auto& h : root["holidays"]) {
        auto text = h["date"].as<std::string>();
        auto d = ParseDate(text);
        if (!d || int(d->year()) != year) {
          diags.push_back(
              {{f.string(), std::max(1, h.Mark().line + 1), std::max(1, h.Mark().column + 1)},
               fmt::format("'{}' is not a date of {}", text, year)});
          continue;
        }
        cal.AddDayOff(*d);
      }
      cal.AddYear(year, root["provisional"] && root["provisional"].as<bool>());
    } catch (const YAML::Exception& e) {
      diags.push_back({{f.string(), std::max(1, e.mark.line + 1), std::max(1, e.mark.column + 1)},
                       "calendar: " + e.msg});
    }
  }
}

void AddUnitDaysOff(const Unit& unit, Calendar& cal, std::vector<Diagnostic>& diags) {
  for (const auto& text : unit.days_off) {
    if (auto d = ParseDate(text))
      cal.AddDayOff(*d);
    else
      diags.push_back({unit.at, fmt::format("days_off: '{}' is not a date (YYYY-MM-DD)", text)});
  }
}

}  // namespace lindungi::sop
