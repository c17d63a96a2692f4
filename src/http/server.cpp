#include "http/server.h"

#include <spdlog/spdlog.h>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <atomic>
#include <condition_variable>

#include <csignal>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "http/api.h"
#include "http/web_assets.h"
#include "security/random.h"

namespace lindungi::http {
namespace {

// Routes are matched with PCRE2, not std::regex: a request tries the patterns in order, and
// std::regex took 6 % of an intake's CPU (docs/performance.md).
struct Traits : public restinio::default_traits_t {
  using request_handler_t =
      restinio::router::express_router_t<restinio::router::pcre2_regex_engine_t<>>;
};

// Fixed threads that run queued jobs; Stop() finishes the queue first. With `max_queued` the
// queue is bounded: Post refuses a job (false) when that many wait already.
class WorkerPool {
 public:
  // `nice` > 0 runs the threads at a lower CPU priority (Linux: per thread).
  explicit WorkerPool(int n, std::size_t max_queued = 0, int nice = 0) : max_queued_(max_queued) {
    for (int i = 0; i < n; ++i) {
      threads_.emplace_back([this, nice] {
        if (nice > 0) (void)::setpriority(PRIO_PROCESS, pid_t(::syscall(SYS_gettid)), nice);
        Loop();
      });
    }
  }
  ~WorkerPool() { Stop(); }
  bool Post(std::function<void()> job) {
    {
      std::lock_guard lock(mu_);
      if (max_queued_ > 0 && jobs_.size() >= max_queued_) return false;
      jobs_.push_back(std::move(job));
    }
    cv_.notify_one();
    return true;
  }
  void Stop() {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  void Loop() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  const std::size_t max_queued_;
  std::vector<std::thread> threads_;
};

std::string CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    auto semi = header.find(';');
    auto part = header.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.starts_with(name) && part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    if (semi == std::string_view::npos) break;
    header.remove_prefix(semi + 1);
  }
  return {};
}

// The names of an express pattern's parameters ("/cases/:id(...)" -> {"id"}).
std::vector<std::string> ParamNames(const std::string& pattern) {
  std::vector<std::string> names;
  for (std::size_t i = pattern.find(':'); i != std::string::npos; i = pattern.find(':', i + 1)) {
    std::size_t j = i + 1;
    while (j < pattern.size() &&
           (std::isalnum(static_cast<unsigned char>(pattern[j])) || pattern[j] == '_'))
      ++j;
    names.push_back(pattern.substr(i + 1, j - i - 1));
  }
  return names;
}

class Server {
 public:
  explicit Server(App& app)
      : app_(app),
        routes_(BuildRoutes(app)),
        security_headers_(SecurityHeaders(app.config.SendHsts())),
        pool_(app.config.workers),
        // Password checks yield the CPU to every other request: a flood of log-ins
        // cannot starve the request workers even where hashing could take every core.
        password_pool_(app.config.hash_concurrency, std::size_t(app.config.login_queue), 10) {
    web_.Load(app.config.web_dir);
  }

  std::unique_ptr<Traits::request_handler_t> MakeRouter() {
    auto router = std::make_unique<Traits::request_handler_t>();
    std::map<std::string, restinio::router::dynamic_none_of_methods_matcher_t> others;
    for (const auto& route : routes_) {
      auto method = restinio::http_method_id_t{};
      if (route.method == "GET")
        method = restinio::http_method_get();
      else if (route.method == "POST")
        method = restinio::http_method_post();
      else if (route.method == "PATCH")
        method = restinio::http_method_patch();
      else if (route.method == "PUT")
        method = restinio::http_method_put();
      else if (route.method == "DELETE")
        method = restinio::http_method_delete();
      router->add_handler(method, route.pattern, [this, &route](auto req, auto params) {
        return Accept(route, std::move(req), params);
      });
      others[route.pattern].add(method);
      std::string& allow = allowed_[route.pattern];
      allow += (allow.empty() ? "" : ", ") + route.method;
    }
    // 405 for a known path with another method, built from the same table.
    for (auto& [pattern, matcher] : others) {
      const std::string& allow = allowed_[pattern];
      router->add_handler(std::move(matcher), pattern, [this, &allow](auto req, auto) {
        return SendError(req,
                         MakeError(ErrorKind::kInvalidArgument, "method_not_allowed",
                                   "Metode HTTP ini tidak didukung untuk alamat ini.",
                                   "This HTTP method is not supported on this path."),
                         405, {{"Allow", allow}});
      });
    }
    router->non_matched_request_handler([this](auto req) {
      // The browser UI's files and routes (from memory: cheap enough for the I/O thread).
      if (req->header().method() == restinio::http_method_get()) {
        const auto& h = req->header();
        if (auto r =
                web_.Serve(h.path(), h.get_field_or(restinio::http_field::accept_encoding, ""))) {
          r->headers.emplace_back("X-Request-Id", NewRequestId());
          app_.metrics.ObserveRequest("(web)", "GET", r->status, 0);
          Send(req, *r);
          return restinio::request_accepted();
        }
      }
      return SendError(req, MakeError(ErrorKind::kNotFound, "not_found", "Alamat tidak ditemukan.",
                                      "No such path."));
    });
    return router;
  }

  int Run() {
    const auto& c = app_.config;
    auto settings =
        restinio::server_settings_t<Traits>{}
            .address(c.host)
            .port(std::uint16_t(c.port))
            .request_handler(MakeRouter())
            .read_next_http_message_timelimit(std::chrono::seconds(c.read_timeout_s))
            .write_http_response_timelimit(std::chrono::seconds(c.write_timeout_s))
            .handle_request_timeout(std::chrono::seconds(c.handle_timeout_s))
            .max_pipelined_requests(1)
            // Above this RESTinio drops the connection; below it we answer 413 ourselves.
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(
                std::size_t(c.max_body_bytes) * 4 + 4096));
    auto server = restinio::run_async(restinio::own_io_context(), std::move(settings),
                                      std::size_t(c.io_threads));
    spdlog::info("serving on http://{}:{} (store {}, {} workers)", c.host, c.port,
                 app_.db->Dialect(), c.workers);

    std::thread housekeeping([this] { Housekeeping(); });
    int sig = WaitForStopSignal();
    {
      std::lock_guard lock(flight_mu_);
      stopping_ = true;
    }
    flight_cv_.notify_all();
    housekeeping.join();
    spdlog::info("signal {} received: finishing in-flight requests (up to {} s)", sig,
                 c.shutdown_grace_s);
    draining_ = true;
    {
      std::unique_lock lock(flight_mu_);
      flight_cv_.wait_for(lock, std::chrono::seconds(c.shutdown_grace_s),
                          [&] { return in_flight_ == 0; });
      if (in_flight_ > 0)
        spdlog::warn("{} requests still running after the grace period", in_flight_);
    }
    server->stop();
    server->wait();
    password_pool_.Stop();
    pool_.Stop();
    app_.access_log.Close();  // the reads logged last are written before the store closes
    app_.db->Close();
    spdlog::info("stopped cleanly");
    return 0;
  }

 private:
  static std::string NewRequestId() { return security::RandomToken(9); }

  // Every 10 minutes: expired sessions, day-old idempotency keys and uploads left idle for a
  // day are deleted.
  void Housekeeping() {
    std::unique_lock lock(flight_mu_);
    while (!flight_cv_.wait_for(lock, std::chrono::minutes(10), [&] { return stopping_; })) {
      lock.unlock();
      auto r = app_.auth.PurgeExpired(std::chrono::hours(24));
      if (!r)
        spdlog::warn("housekeeping failed: {}", r.error().message_en);
      else if (*r > 0)
        spdlog::info("housekeeping: removed {} expired sessions and idempotency keys", *r);
      auto u = app_.documents.PurgeStaleUploads(std::chrono::hours(24));
      if (!u)
        spdlog::warn("housekeeping failed: {}", u.error().message_en);
      else if (*u > 0)
        spdlog::info("housekeeping: removed {} uploads idle for a day", *u);
      lock.lock();
    }
  }

  static int WaitForStopSignal() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    int sig = 0;
    sigwait(&set, &sig);
    return sig;
  }

  // Answers an error at once from the I/O thread (the router's 404/405, a bad query
  // string, draining), with its own request id.
  restinio::request_handling_status_t SendError(
      const restinio::request_handle_t& req, const Error& e, int status = 0,
      std::vector<std::pair<std::string, std::string>> headers = {}) {
    std::string id = NewRequestId();
    Response r = ErrorResponse(e, id);
    if (status) r.status = status;
    for (auto& h : headers) r.headers.push_back(std::move(h));
    r.headers.emplace_back("X-Request-Id", id);
    app_.metrics.ObserveRequest("(unrouted)", std::string(req->header().method().c_str()), r.status,
                                0);
    Send(req, r);
    return restinio::request_accepted();
  }

  void Send(const restinio::request_handle_t& req, const Response& r) const {
    auto resp = req->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{std::uint16_t(r.status)}, StatusText(r.status)});
    if (!r.content_type.empty())
      resp.append_header(restinio::http_field::content_type, r.content_type);
    // An answer's own header (the UI's Cache-Control) replaces the default of the same name.
    for (const auto& [k, v] : security_headers_) {
      bool own = std::any_of(r.headers.begin(), r.headers.end(),
                             [&](const auto& h) { return h.first == k; });
      if (!own) resp.append_header(k, v);
    }
    for (const auto& [k, v] : r.headers) resp.append_header(k, v);
    resp.set_body(r.body);
    resp.done();
  }

  static std::string StatusText(int s) {
    switch (s) {
      case 200:
        return "OK";
      case 201:
        return "Created";
      case 204:
        return "No Content";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 409:
        return "Conflict";
      case 413:
        return "Payload Too Large";
      case 415:
        return "Unsupported Media Type";
      case 422:
        return "Unprocessable Entity";
      case 429:
        return "Too Many Requests";
      case 503:
        return "Service Unavailable";
      default:
        return s < 400 ? "OK" : "Error";
    }
  }

  restinio::request_handling_status_t Accept(const Route& route, restinio::request_handle_t req,
                                             const restinio::router::route_params_t& params) {
    auto start = std::chrono::steady_clock::now();
    auto request = std::make_shared<Request>();
    request->method = route.method;
    request->target = route.name;
    for (const auto& name : ParamNames(route.pattern)) {
      if (params.has(name)) request->params.emplace(name, std::string(params[name]));
    }
    try {
      for (const auto& p : restinio::parse_query(req->header().query())) {
        request->query.emplace(std::string(p.first), std::string(p.second));
      }
    } catch (const std::exception&) {
      return SendError(req, MakeError(ErrorKind::kInvalidArgument, "malformed_query",
                                      "Query string tidak sah.", "Malformed query string."));
    }
    const auto& h = req->header();
    request->content_type = h.get_field_or(restinio::http_field::content_type, "");
    request->session_token =
        CookieValue(h.get_field_or(restinio::http_field::cookie, ""), kSessionCookie);
    request->csrf_token = h.get_field_or("X-CSRF-Token", "");
    if (auto k = h.opt_value_of("Idempotency-Key")) request->idempotency_key = std::string(*k);
    request->body = req->body();
    request->request_id = NewRequestId();
    request->client_address = req->remote_endpoint().address().to_string();
    request->purpose = std::string(h.get_field_or("X-Access-Purpose", "")).substr(0, 200);

    if (draining_) {
      return SendError(req, MakeError(ErrorKind::kUnavailable, "shutting_down",
                                      "Server sedang berhenti; coba lagi sebentar lagi.",
                                      "The server is shutting down; try again shortly."));
    }
    {
      std::lock_guard lock(flight_mu_);
      ++in_flight_;
    }
    app_.metrics.AddInFlight(1);
    // A password check waits only for the password workers; when their queue is full the
    // log-in is answered at once, and no request worker is held by it.
    WorkerPool& pool = route.hashes_password ? password_pool_ : pool_;
    bool queued = pool.Post([this, &route, req, request, start] {
      Response r = Dispatch(app_, route, *request);
      r.headers.emplace_back("X-Request-Id", request->request_id);
      // Count before answering, so a client that reads /metrics next sees its request.
      std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
      app_.metrics.ObserveRequest(route.name, route.method, r.status, took.count());
      Send(req, r);
      app_.metrics.AddInFlight(-1);
      // Route pattern, never the path or the body: no personal data in logs.
      spdlog::debug("request_id={} method={} route={} status={} ms={:.2f}", request->request_id,
                    route.method, route.name, r.status, took.count() * 1000);
      {
        std::lock_guard lock(flight_mu_);
        --in_flight_;
      }
      flight_cv_.notify_all();
    });
    if (!queued) {
      {
        std::lock_guard lock(flight_mu_);
        --in_flight_;
      }
      app_.metrics.AddInFlight(-1);
      flight_cv_.notify_all();
      Error e = MakeError(ErrorKind::kUnavailable, "login_busy",
                          "Terlalu banyak percobaan masuk saat ini; coba lagi sebentar lagi.",
                          "Too many log-ins at this moment; try again shortly.");
      e.retry_after_s = 1;
      return SendError(req, e);
    }
    return restinio::request_accepted();
  }

  App& app_;
  std::vector<Route> routes_;
  const std::vector<std::pair<std::string, std::string>> security_headers_;
  std::map<std::string, std::string> allowed_;  // route pattern -> "GET, POST"
  WebAssets web_;
  WorkerPool pool_;
  WorkerPool password_pool_;  // log-ins: hash_concurrency threads, login_queue waiting at most
  std::atomic<bool> draining_{false};
  std::mutex flight_mu_;
  std::condition_variable flight_cv_;
  int in_flight_ = 0;
  bool stopping_ = false;  // guarded by flight_mu_
};

}  // namespace

int Serve(App& app) {
  // Block the stop signals before any thread exists, so only sigwait() sees them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  Server server(app);
  return server.Run();
}

}  // namespace lindungi::http
