#include "service/metrics.h"

#include <fmt/format.h>

namespace lindungi {
namespace {
const std::vector<double> kLatencyBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                            0.1,    0.25,  0.5,    1,     2.5,  5,     10};
const std::vector<double> kBatchBounds = {1, 2, 4, 8, 16, 32, 64, 128, 256};
}  // namespace

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), counts_(bounds_.size() + 1) {}

void Histogram::Observe(double v) {
  std::size_t i = 0;
  while (i < bounds_.size() && v > bounds_[i]) ++i;
  ++counts_[i];
  sum_ += v;
  ++count_;
}

void Histogram::Render(std::string& out, const std::string& name, const std::string& labels) const {
  std::uint64_t cumulative = 0;
  std::string sep = labels.empty() ? "" : ",";
  for (std::size_t i = 0; i < bounds_.size(); ++i) {
    cumulative += counts_[i];
    out +=
        fmt::format("{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels, sep, bounds_[i], cumulative);
  }
  cumulative += counts_.back();
  out += fmt::format("{}_bucket{{{}{}le=\"+Inf\"}} {}\n", name, labels, sep, cumulative);
  std::string braces = labels.empty() ? "" : "{" + labels + "}";
  out += fmt::format("{}_sum{} {}\n{}_count{} {}\n", name, braces, sum_, name, braces, count_);
}

Metrics::Metrics() : commit_seconds_(kLatencyBounds), batch_size_(kBatchBounds) {}

void Metrics::ObserveRequest(const std::string& route, const std::string& method, int status,
                             double seconds) {
  std::string route_labels = fmt::format("route=\"{}\",method=\"{}\"", route, method);
  std::string labels = fmt::format("{},status=\"{}\"", route_labels, status);
  std::lock_guard lock(mu_);
  ++requests_[labels];
  latency_.try_emplace(route_labels, kLatencyBounds).first->second.Observe(seconds);
}

void Metrics::ObserveCommit(double seconds, std::size_t batch_size) {
  std::lock_guard lock(mu_);
  commit_seconds_.Observe(seconds);
  batch_size_.Observe(double(batch_size));
}

void Metrics::AddInFlight(int delta) {
  std::lock_guard lock(mu_);
  in_flight_ += delta;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP lindungi_http_requests_total HTTP requests by route pattern, method and status.\n";
  out += "# TYPE lindungi_http_requests_total counter\n";
  for (const auto& [labels, n] : requests_)
    out += fmt::format("lindungi_http_requests_total{{{}}} {}\n", labels, n);
  out += "# HELP lindungi_http_request_duration_seconds Time from request to response, by route.\n";
  out += "# TYPE lindungi_http_request_duration_seconds histogram\n";
  for (const auto& [labels, h] : latency_)
    h.Render(out, "lindungi_http_request_duration_seconds", labels);
  out += "# HELP lindungi_http_requests_in_flight Requests being handled now.\n";
  out += "# TYPE lindungi_http_requests_in_flight gauge\n";
  out += fmt::format("lindungi_http_requests_in_flight {}\n", in_flight_);
  out +=
      "# HELP lindungi_store_commit_seconds Duration of one group commit (transaction + fsync).\n";
  out += "# TYPE lindungi_store_commit_seconds histogram\n";
  commit_seconds_.Render(out, "lindungi_store_commit_seconds", "");
  out += "# HELP lindungi_store_commit_batch_size Writes per group commit.\n";
  out += "# TYPE lindungi_store_commit_batch_size histogram\n";
  batch_size_.Render(out, "lindungi_store_commit_batch_size", "");
  return out;
}

}  // namespace lindungi
