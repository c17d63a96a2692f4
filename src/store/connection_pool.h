// A bounded pool of database connections shared by the backends: Lease one, use it on the
// calling thread, and it returns on destruction (or is dropped if no longer reusable). Callers
// wait while `max` connections are out. Safe for concurrent use.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace lindungi::store {

template <class Conn>
class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Conn>()>;
  using Check = std::function<bool(const Conn&)>;
  // `reusable`, if given, decides whether a returned connection goes back to the pool.
  ConnectionPool(std::size_t max, Factory open, Check reusable = {})
      : max_(max), open_(std::move(open)), reusable_(std::move(reusable)) {}

  class Lease {
   public:
    explicit Lease(ConnectionPool& pool) : pool_(pool), conn_(pool.Take()) {}
    ~Lease() { pool_.GiveBack(std::move(conn_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Conn& operator*() { return *conn_; }
    Conn* operator->() { return conn_.get(); }

   private:
    ConnectionPool& pool_;
    std::unique_ptr<Conn> conn_;
  };

  // Closes the idle connections; connections out on lease are dropped when they return.
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    idle_.clear();
  }

 private:
  // Throws whatever the factory throws (StoreError).
  std::unique_ptr<Conn> Take() {
    std::unique_lock lock(mu_);
    for (;;) {
      if (!idle_.empty()) {
        auto c = std::move(idle_.back());
        idle_.pop_back();
        return c;
      }
      if (count_ < max_) {
        ++count_;
        lock.unlock();
        try {
          return open_();
        } catch (...) {
          std::lock_guard relock(mu_);
          --count_;
          cv_.notify_one();
          throw;
        }
      }
      cv_.wait(lock);
    }
  }

  void GiveBack(std::unique_ptr<Conn> c) {
    {
      std::lock_guard lock(mu_);
      if (closed_ || (reusable_ && !reusable_(*c)))
        --count_;
      else
        idle_.push_back(std::move(c));
    }
    cv_.notify_one();
  }

  const std::size_t max_;
  const Factory open_;
  const Check reusable_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> idle_;
  std::size_t count_ = 0;
  bool closed_ = false;
};

}  // namespace lindungi::store
