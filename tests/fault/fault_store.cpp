#include "fault/fault_store.h"

#include <fmt/format.h>

#include <cctype>
#include <vector>

namespace lindungi::testing {
namespace {

using store::SqlConn;
using store::SqlRow;
using store::SqlValue;
using store::StoreError;

bool Writes(std::string_view sql) {
  while (!sql.empty() && std::isspace(static_cast<unsigned char>(sql.front())))
    sql.remove_prefix(1);
  std::string head;
  for (char ch : sql.substr(0, 8)) head += char(std::toupper(static_cast<unsigned char>(ch)));
  return head.starts_with("INSERT") || head.starts_with("UPDATE") || head.starts_with("DELETE") ||
         head.starts_with("REPLACE");
}

// The caller's connection, failing where the injector says.
class FaultyConn final : public SqlConn {
 public:
  FaultyConn(SqlConn& inner, FaultInjector& injector, bool counted)
      : inner_(inner), injector_(injector), counted_(counted) {}

  void ExecScript(const std::string& sql) override {
    Check(sql);
    inner_.ExecScript(sql);
  }
  std::int64_t Changes() override { return inner_.Changes(); }
  std::string_view Dialect() const override { return inner_.Dialect(); }

 protected:
  void DoExec(std::string_view sql, std::span<const SqlValue> params) override {
    Check(sql);
    inner_.Exec(sql, std::vector<SqlValue>(params.begin(), params.end()));
  }
  std::vector<SqlRow> DoQuery(std::string_view sql, std::span<const SqlValue> params) override {
    Check(sql);
    return inner_.Query(sql, std::vector<SqlValue>(params.begin(), params.end()));
  }

 private:
  void Check(std::string_view sql) {
    if (counted_ && injector_.FailStatement(sql))
      throw StoreError(fmt::format("injected fault at statement {}", injector_.statements()));
  }

  SqlConn& inner_;
  FaultInjector& injector_;
  bool counted_;
};

class FaultyDb final : public store::Database {
 public:
  FaultyDb(std::unique_ptr<store::Database> inner, FaultInjector& injector)
      : inner_(std::move(inner)), injector_(injector) {}

  Status Execute(WriteFn fn) override {
    bool counted = injector_.Counted();
    return inner_->Execute([&, counted](SqlConn& c) -> Status {
      FaultyConn faulty(c, injector_, counted);
      auto r = fn(faulty);
      // A failed commit: the driver rolls the transaction back, as it does when COMMIT fails.
      if (r && counted && injector_.FailCommit())
        throw StoreError(
            fmt::format("injected fault: the commit of write {} failed", injector_.writes()));
      return r;
    });
  }
  void Read(const ReadFn& fn) override {
    bool counted = injector_.Counted();
    inner_->Read([&](SqlConn& c) {
      FaultyConn faulty(c, injector_, counted);
      fn(faulty);
    });
  }
  void ReadOne(const ReadFn& fn) override {
    bool counted = injector_.Counted();
    inner_->ReadOne([&](SqlConn& c) {
      FaultyConn faulty(c, injector_, counted);
      fn(faulty);
    });
  }
  bool Ping() override { return inner_->Ping(); }
  void Backup(const std::string& path) override { inner_->Backup(path); }
  void Close() override { inner_->Close(); }
  void SetCommitObserver(CommitObserver observer) override {
    inner_->SetCommitObserver(std::move(observer));
  }
  std::string_view Dialect() const override { return inner_->Dialect(); }

 private:
  std::unique_ptr<store::Database> inner_;
  FaultInjector& injector_;
};

}  // namespace

void FaultInjector::Arm(Mode mode, int n) {
  statements_ = 0;
  writes_ = 0;
  fired_ = false;
  n_ = n;
  thread_ = std::this_thread::get_id();
  mode_ = mode;
}

void FaultInjector::Disarm() {
  mode_ = Mode::kOff;
  thread_ = std::thread::id();
}

bool FaultInjector::Counted() const {
  return mode_ != Mode::kOff && thread_.load() == std::this_thread::get_id();
}

bool FaultInjector::FailStatement(std::string_view sql) {
  int k = ++statements_;
  Mode m = mode_;
  bool fail =
      (m == Mode::kStatement && k == n_) || (m == Mode::kDiskFull && k >= n_ && Writes(sql));
  if (fail) fired_ = true;
  return fail;
}

bool FaultInjector::FailCommit() {
  int k = ++writes_;
  bool fail = mode_ == Mode::kCommit && k == n_;
  if (fail) fired_ = true;
  return fail;
}

}  // namespace lindungi::testing

namespace lindungi::testing {

std::unique_ptr<store::Database> FaultyDatabase(std::unique_ptr<store::Database> inner,
                                                FaultInjector& injector) {
  return std::make_unique<FaultyDb>(std::move(inner), injector);
}

}  // namespace lindungi::testing
