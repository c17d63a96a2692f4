// In-process metrics rendered in the Prometheus text format (version 0.0.4): request
// counts and latency per route, group-commit latency and batch size. Labels are route
// patterns and methods only, never ids or personal data. Safe for concurrent use.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace lindungi {

class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds);
  void Observe(double v);
  // Appends the _bucket/_sum/_count lines of `name` with `labels` ("" or `a="b",c="d"`).
  void Render(std::string& out, const std::string& name, const std::string& labels) const;

 private:
  std::vector<double> bounds_;
  std::vector<std::uint64_t> counts_;  // one per bound, plus +Inf
  double sum_ = 0;
  std::uint64_t count_ = 0;
};

class Metrics {
 public:
  Metrics();
  void ObserveRequest(const std::string& route, const std::string& method, int status,
                      double seconds);
  void ObserveCommit(double seconds, std::size_t batch_size);
  void AddInFlight(int delta);
  std::string Render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::uint64_t> requests_;  // label set -> count
  std::map<std::string, Histogram> latency_;       // label set -> histogram
  Histogram commit_seconds_;
  Histogram batch_size_;
  std::int64_t in_flight_ = 0;
};

}  // namespace lindungi
