// `lindungi`: the one binary. Subcommands set up a data directory, serve the API, manage
// users, verify and rebuild the event log, and back up the store.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <cstdio>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "core/media_type.h"
#include "core/roles.h"
#include "forms/form_loader.h"
#include "forms/form_render.h"
#include "forms/form_validator.h"
#include "http/server.h"
#include "report/letter_pdf.h"
#include "report/sample_letters.h"
#include "security/random.h"
#include "service/app.h"
#include "service/demo_generator.h"
#include "service/graphviz.h"
#include "service/setup.h"
#include "sop/loader.h"
#include "sop/render.h"
#include "sop/validator.h"
#include "store/copy_store.h"
#include "store/event_log.h"
#include "store/queries.h"

namespace fs = std::filesystem;
using namespace lindungi;

namespace {

struct GlobalOptions {
  std::string config_file, data_dir, database, log_level, host, web_dir;
  int port = -1;
  std::map<std::string, std::string> Flags() const {
    std::map<std::string, std::string> f;
    if (!data_dir.empty()) f["data_dir"] = data_dir;
    if (!database.empty()) f["database"] = database;
    if (!log_level.empty()) f["log_level"] = log_level;
    if (!host.empty()) f["host"] = host;
    if (port >= 0) f["port"] = std::to_string(port);
    if (!web_dir.empty()) f["web_dir"] = web_dir;
    return f;
  }
};

[[noreturn]] void Die(const Error& e) {
  std::cerr << "lindungi: " << e.message_en << "\n          " << e.message_id << "\n";
  std::exit(2);
}

Config LoadOrDie(const GlobalOptions& g) {
  auto c = LoadConfig(g.config_file.empty() ? std::nullopt : std::optional(g.config_file),
                      LindungiEnvironment(), g.Flags());
  if (!c) Die(c.error());
  spdlog::set_level(spdlog::level::from_str(c->log_level));
  return *c;
}

// SQLite: the file exists. PostgreSQL (the database itself must exist): it holds events.
bool StoreExists(const Config& c) {
  std::string url = c.DatabaseUrl();
  if (url.starts_with("sqlite:")) return fs::exists(url.substr(7));
  try {
    auto db = store::OpenDatabase(url);
    bool any = false;
    db->Read(
        [&](store::SqlConn& conn) { any = !conn.Query("SELECT 1 FROM events LIMIT 1").empty(); });
    return any;
  } catch (const std::exception& e) {
    std::cerr << "lindungi: cannot open the store: " << e.what() << "\n";
    std::exit(2);
  }
}

std::unique_ptr<App> OpenOrDie(const Config& c) {
  if (c.DatabaseUrl().starts_with("sqlite:") && !StoreExists(c)) {
    std::cerr << "lindungi: no data directory at '" << c.data_dir
              << "': run `lindungi init` first\n"
              << "          belum ada direktori data di '" << c.data_dir
              << "': jalankan `lindungi init` dulu\n";
    std::exit(2);
  }
  try {
    return std::make_unique<App>(c);
  } catch (const std::exception& e) {
    std::cerr << "lindungi: cannot open the store: " << e.what() << "\n";
    std::exit(2);
  }
}

std::string ReadPassword(bool from_stdin, bool* generated) {
  *generated = false;
  if (from_stdin) {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  *generated = true;
  return security::RandomPassword(16);
}

// The browser UI built next to the binary's source tree (build/<preset>/lindungi), or in the
// working directory: web/dist.
std::string FindWebDir() {
  for (fs::path p : {fs::current_path() / "web" / "dist",
                     fs::canonical("/proc/self/exe").parent_path() / "../../web/dist"}) {
    if (fs::is_directory(p)) return fs::weakly_canonical(p).string();
  }
  return {};
}

std::string FindSopsDir() {
  // Next to the binary's source tree (build/<preset>/lindungi) or the working directory.
  for (fs::path p : {fs::current_path() / "sops",
                     fs::canonical("/proc/self/exe").parent_path() / "../../sops"}) {
    if (fs::is_directory(p)) return fs::weakly_canonical(p).string();
  }
  return {};
}

int CmdInit(const GlobalOptions& g, bool demo, bool if_missing, UnitSpec unit) {
  Config c = LoadOrDie(g);
  if (StoreExists(c)) {
    if (if_missing) {
      std::cout << "Data directory " << c.data_dir << " already exists: keeping it.\n";
      return 0;
    }
    std::cerr << "lindungi: a store already exists in " << c.data_dir
              << " (use --if-missing to keep it)\n"
              << "          sudah ada penyimpanan di " << c.data_dir << "\n";
    return 2;
  }
  fs::create_directories(c.data_dir);
  fs::permissions(c.data_dir, fs::perms::owner_all, fs::perm_options::replace);
  if (c.sops_dir.empty()) c.sops_dir = FindSopsDir();
  WriteConfigFile(c, (fs::path(c.data_dir) / "lindungi.yaml").string());
  App app(c);
  if (demo) {
    unit = DemoUnit();
    if (!app.sops.FindPack(unit.sop_pack)) unit.sop_pack.clear();  // no SOP folder found
  }
  if (unit.code.empty()) {
    std::cout << "Initialised " << c.data_dir
              << " (no unit yet: pass --unit-code and --unit-name, or --demo).\n";
    return 0;
  }
  auto u = CreateUnit(app, unit);
  if (!u) Die(u.error());
  std::cout << "Initialised " << c.data_dir << " with unit " << u->code << " (" << u->name
            << ").\n";
  if (demo) {
    if (auto s = SetUnitLetterSettings(*app.db, app.clock, u->code, DemoLetterSettings()); !s)
      Die(s.error());
    auto users = CreateDemoUsers(app, *u);
    if (!users) Die(users.error());
    std::cout << "\nDemo users (passwords are shown only now; change them with `lindungi user "
                 "passwd`):\n";
    for (const auto& du : *users) {
      std::cout << "  " << du.username
                << std::string(14 - std::min<size_t>(13, du.username.size()), ' ') << du.password
                << "  " << du.role << "\n";
    }
  }
  return 0;
}

int CmdUserAdd(const GlobalOptions& g, const std::string& username, const std::string& display,
               const std::string& role, const std::string& unit_code,
               const std::string& partner_code, bool password_stdin) {
  Config c = LoadOrDie(g);
  auto app = OpenOrDie(c);
  NewUser u{username, display.empty() ? username : display, "", {}};
  std::optional<store::UnitRecord> unit;
  std::optional<store::PartnerRecord> partner;
  app->db->Read([&](store::SqlConn& conn) {
    if (!unit_code.empty()) unit = store::FindUnitByCode(conn, unit_code);
    if (!partner_code.empty()) partner = store::FindPartnerByCode(conn, partner_code);
  });
  if (!partner_code.empty()) {
    if (!partner) {
      std::cerr << "lindungi: no partner with code '" << partner_code
                << "' / tidak ada mitra dengan kode itu\n";
      return 2;
    }
    u.partner_id = partner->id;
  } else if (!unit) {
    std::cerr << "lindungi: no unit with code '" << unit_code
              << "' / tidak ada unit dengan kode itu\n";
    return 2;
  } else {
    u.roles = {{unit->id, role}};
  }
  bool generated = false;
  u.password = ReadPassword(password_stdin, &generated);
  auto r = app->auth.CreateUser(u, std::string(kSystemActor));
  if (!r) Die(r.error());
  if (partner)
    std::cout << "User " << username << " created (partner " << partner_code << ").\n";
  else
    std::cout << "User " << username << " created (" << role << " in " << unit_code << ").\n";
  if (generated) std::cout << "Password (shown only now): " << u.password << "\n";
  return 0;
}

int CmdAuditVerify(const GlobalOptions& g) {
  Config c = LoadOrDie(g);
  auto app = OpenOrDie(c);
  std::vector<store::ChainProblem> problems;
  std::int64_t checked = 0;
  app->db->Read([&](store::SqlConn& conn) { problems = store::VerifyChains(conn, &checked); });
  if (problems.empty()) {
    std::cout << "ok: " << checked << " events verified, every hash chain is intact\n";
    return 0;
  }
  for (const auto& p : problems) {
    std::cout << "TAMPERED " << p.stream_id << " seq " << p.seq << ": " << p.problem << "\n";
  }
  std::cout << problems.size() << " problem(s) in " << checked << " events / " << problems.size()
            << " masalah ditemukan\n";
  return 1;
}

int CmdRebuild(const GlobalOptions& g, bool force) {
  Config c = LoadOrDie(g);
  auto app = OpenOrDie(c);
  std::vector<store::ChainProblem> problems;
  app->db->Read([&](store::SqlConn& conn) { problems = store::VerifyChains(conn); });
  if (!problems.empty() && !force) {
    std::cerr << "lindungi: the event log fails verification (run `lindungi audit verify`); not "
                 "rebuilding.\n";
    return 1;
  }
  std::int64_t n = 0;
  auto r = app->db->Write([&](store::SqlConn& conn) -> Status {
    n = store::RebuildProjections(conn);
    return {};
  });
  if (!r) Die(r.error());
  std::cout << "rebuilt the read tables from " << n << " events\n";
  return 0;
}

int CmdBackup(const GlobalOptions& g, const std::string& file) {
  Config c = LoadOrDie(g);
  auto app = OpenOrDie(c);
  try {
    app->db->Backup(file);
  } catch (const std::exception& e) {
    std::cerr << "lindungi: backup failed: " << e.what() << "\n";
    return 1;
  }
  std::cout << "backup written to " << file << "\n";
  return 0;
}

int CmdSopValidate(const std::vector<std::string>& paths) {
  std::vector<std::string> dirs, classifications;
  for (const auto& p : paths) {
    fs::path path(p);
    if (fs::is_regular_file(path)) path = path.parent_path();
    if (fs::exists(path / "unit.yaml")) {
      dirs.push_back(path.string());
    } else if (fs::is_directory(path)) {
      for (const auto& e : fs::directory_iterator(path)) {
        if (fs::exists(e.path() / "unit.yaml")) dirs.push_back(e.path().string());
      }
      // A folder of packs also holds the classification every unit shares.
      if (fs::exists(path / "classification.yaml"))
        classifications.push_back((path / "classification.yaml").string());
    } else {
      std::cerr << "lindungi: no such pack or file: " << p << "\n";
      return 2;
    }
  }
  std::sort(dirs.begin(), dirs.end());
  dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());
  std::vector<sop::Diagnostic> diags;
  std::vector<sop::Pack> packs;
  std::size_t sops = 0;
  for (const auto& d : dirs) {
    packs.push_back(sop::LoadPack(d, diags));
    sops += packs.back().sops.size();
  }
  // Document kinds name forms of the forms/ folder beside sops/ (sops/kalteng -> forms/).
  std::set<std::string> form_ids;
  bool have_forms = false;
  for (const auto& d : dirs) {
    fs::path forms_dir = fs::path(d).parent_path().parent_path() / "forms";
    if (have_forms || !fs::is_directory(forms_dir)) continue;
    std::vector<sop::Diagnostic> ignored;  // `lindungi form validate` reports those
    for (const auto& f : forms::LoadForms(forms_dir.string(), ignored).forms)
      if (!f.id.empty()) form_ids.insert(f.id);
    have_forms = true;
  }
  for (const auto& d : sop::Validate(packs, &form_ids)) diags.push_back(d);
  for (const auto& f : classifications) sop::LoadClassification(f, diags);
  for (const auto& d : diags) std::cout << d.Format() << "\n";
  if (!diags.empty()) {
    std::cout << diags.size() << " problem(s) in " << sops << " SOPs / " << diags.size()
              << " masalah\n";
    return 1;
  }
  std::cout << "ok: " << sops << " SOPs in " << packs.size() << " packs pass every check\n";
  return 0;
}

// The forms/ folder: the given one, else ./forms, else the one of the source tree.
std::string FindFormsDir(const std::string& given) {
  if (!given.empty()) return given;
  for (fs::path p : {fs::current_path() / "forms",
                     fs::canonical("/proc/self/exe").parent_path() / "../../forms"}) {
    if (fs::is_directory(p)) return fs::weakly_canonical(p).string();
  }
  return "forms";
}

int CmdFormValidate(const std::string& dir) {
  if (!fs::is_directory(dir)) {
    std::cerr << "lindungi: no such folder: " << dir << " / folder tidak ditemukan\n";
    return 2;
  }
  std::vector<sop::Diagnostic> diags;
  forms::FormSet set = forms::LoadForms(dir, diags);
  for (const auto& d : forms::ValidateForms(set)) diags.push_back(d);
  for (const auto& d : diags) std::cout << d.Format() << "\n";
  if (!diags.empty()) {
    std::cout << diags.size() << " problem(s) in " << set.forms.size() << " forms / "
              << diags.size() << " masalah\n";
    return 1;
  }
  std::size_t fields = 0;
  for (const auto& f : set.forms)
    for (const auto& s : f.sections) fields += s.fields.size();
  std::cout << "ok: " << set.forms.size() << " forms (" << fields << " fields, "
            << set.option_sets.size() << " option sets) pass every check\n";
  return 0;
}

int CmdFormShow(const std::string& id, const std::string& format, const std::string& dir) {
  std::vector<sop::Diagnostic> diags;
  forms::FormSet set = forms::LoadForms(FindFormsDir(dir), diags);
  std::vector<const forms::Form*> shown;
  for (const auto& f : set.forms)
    if (f.id == id || id == "all") shown.push_back(&f);
  if (shown.empty()) {
    std::cerr << "lindungi: no form '" << id << "' in " << set.dir
              << " / formulir tidak ditemukan\n";
    return 2;
  }
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (i > 0) std::cout << "\n";
    std::cout << (format == "markdown" ? forms::RenderMarkdown(*shown[i])
                                       : forms::RenderOutline(*shown[i]));
  }
  return 0;
}

int CmdSopShow(const GlobalOptions& g, const std::string& id, const std::string& format,
               std::string root) {
  if (root.empty()) {
    auto c = LoadConfig(g.config_file.empty() ? std::nullopt : std::optional(g.config_file),
                        LindungiEnvironment(), g.Flags());
    root = c && !c->sops_dir.empty() ? c->sops_dir : FindSopsDir();
  }
  auto slash = id.find('/');
  std::string dir = (fs::path(root) / id.substr(0, slash)).string();
  if (slash == std::string::npos || !fs::exists(fs::path(dir) / "unit.yaml")) {
    std::cerr << "lindungi: no SOP '" << id << "' under " << root << " / SOP tidak ditemukan\n";
    return 2;
  }
  std::vector<sop::Diagnostic> diags;
  sop::Pack pack = sop::LoadPack(dir, diags);
  for (const auto& s : pack.sops) {
    if (s.id != id) continue;
    if (format == "table") {
      std::cout << sop::RenderTable(s);
    } else if (format == "dot") {
      std::cout << sop::RenderDot(s);
    } else {
      std::string svg = DotToSvg(sop::RenderDot(s));
      if (svg.empty()) {
        std::cerr << "lindungi: Graphviz `dot` failed or is missing (apt-get install graphviz)\n";
        return 1;
      }
      std::cout << svg;
    }
    return 0;
  }
  std::cerr << "lindungi: no SOP '" << id << "' in " << dir << " / SOP tidak ditemukan\n";
  return 2;
}

// A progress bar on a terminal ("\r  what  [####------]  1234/5000  24%"); on a pipe or a
// log, a plain line each time the percentage changes.
class Progress {
 public:
  Progress(std::ostream& out, bool tty) : out_(out), tty_(tty) {}
  ~Progress() { Finish(); }
  void Show(std::string_view what, std::int64_t done, std::int64_t total) {
    if (what != what_) Finish();
    what_ = std::string(what);
    int pct = total ? int(done * 100 / total) : 100;
    if (!tty_ && pct == last_pct_) return;
    last_pct_ = pct;
    constexpr int kWidth = 30;
    int filled = pct * kWidth / 100;
    if (tty_) out_ << "\r";
    out_ << "  " << what << "  ";
    if (tty_) out_ << "[" << std::string(filled, '#') << std::string(kWidth - filled, '-') << "]  ";
    out_ << done << "/" << total << "  " << pct << "%" << (tty_ ? "" : "\n") << std::flush;
    open_ = tty_;
  }
  void Finish() {
    if (open_) out_ << "\n" << std::flush;
    open_ = false;
    last_pct_ = -1;
  }

 private:
  std::ostream& out_;
  bool tty_;
  std::string what_;
  int last_pct_ = -1;
  bool open_ = false;
};

int CmdKeysStatus(const GlobalOptions& g) {
  auto app = OpenOrDie(LoadOrDie(g));
  std::vector<Vault::KeyUse> uses;
  try {
    uses = app->vault->Usage(*app->db);
  } catch (const std::exception& e) {
    std::cerr << "lindungi: " << e.what() << "\n";
    return 2;
  }
  std::cout << "key file " << app->vault->key_file() << "\n";
  std::int64_t older = 0, missing = 0;
  for (const auto& u : uses) {
    std::cout << "  " << u.key_id << "  "
              << (u.current   ? "current"
                  : u.in_file ? "older  "
                              : "MISSING FROM THE KEY FILE")
              << "  person keys " << u.person_keys << "  secrets " << u.secrets << "\n";
    if (!u.current) (u.in_file ? older : missing) += u.person_keys + u.secrets;
  }
  if (missing) {
    std::cout << missing
              << " row(s) are under a key the key file lacks: restore the key file that holds it "
                 "(docs/operations.md \"Keys\")\n          "
              << missing << " baris memakai kunci yang tidak ada di berkas kunci\n";
    return 1;
  }
  if (older) std::cout << older << " row(s) under older keys: run `lindungi keys rewrap`\n";
  return 0;
}

struct RotateOptions {
  bool new_key = true;  // rotate (else rewrap only)
  bool retire = false, no_rewrap = false;
  std::int64_t batch_size = 500;
  int pause_ms = 0;
};

int CmdKeysRotate(const GlobalOptions& g, const RotateOptions& o) {
  auto app = OpenOrDie(LoadOrDie(g));
  Vault& vault = *app->vault;
  auto lock = KeyFileLock::Acquire(vault.key_file());
  if (!lock) Die(lock.error());
  try {
    if (o.new_key) {
      std::string old = vault.current_key_id();
      std::string id = vault.AddKey(*lock);
      std::cout << "New data key " << id << " is current; " << old << " and any older keys stay in "
                << vault.key_file() << " to open rows not yet re-wrapped.\n"
                << "Kunci data baru " << id << " sekarang dipakai; kunci lama tetap disimpan.\n";
      if (o.no_rewrap) {
        std::cout << "Copy the key file to every server (they pick it up without a restart), "
                     "then run `lindungi keys rewrap`.\n";
        return 0;
      }
    }
    Progress progress(std::cout, ::isatty(STDOUT_FILENO));
    Vault::RewrapOptions ro;
    ro.batch_size = o.batch_size;
    ro.pause = std::chrono::milliseconds(o.pause_ms);
    ro.progress = [&](std::string_view what, std::int64_t done, std::int64_t total) {
      progress.Show(what, done, total);
    };
    auto r = vault.Rewrap(*app->db, ro);
    progress.Finish();
    if (!r) {
      std::cerr << "lindungi: " << r.error().message_en << "\n          " << r.error().message_id
                << "\nEvery row is still readable with the key file; run `lindungi keys rewrap` "
                   "to finish.\n";
      return 1;
    }
    std::cout << "Re-wrapped " << r->person_keys << " person key(s) and " << r->secrets
              << " secret(s): every row is under " << vault.current_key_id() << ".\n";
    if (o.retire) {
      auto gone = vault.Retire(*app->db, *lock);
      if (!gone) Die(gone.error());
      for (const auto& id : *gone) {
        std::cout << "Retired " << id
                  << ": removed from the key file. Database backups made "
                     "before now need the previous key file: keep a copy of it for as long as you "
                     "keep those backups.\n"
                  << "Kunci " << id
                  << " dihapus dari berkas kunci; cadangan basis data yang "
                     "lebih lama memerlukan berkas kunci sebelumnya.\n";
      }
    } else {
      std::cout << "The older keys stay in the key file (older database backups need them); "
                   "`lindungi keys rewrap --retire` removes those no row uses.\n";
    }
    std::cout << "Back up the key file now, apart from the database backups (docs/operations.md "
                 "\"Keys\").\n";
  } catch (const std::exception& e) {
    std::cerr << "lindungi: key rotation stopped: " << e.what()
              << "\n          rotasi kunci berhenti; setiap baris masih dapat dibaca, jalankan "
                 "`lindungi keys rewrap` untuk menyelesaikan\n";
    return 1;
  }
  return 0;
}

int CmdMigrateStore(const std::string& from_url, const std::string& to_url) {
  std::unique_ptr<store::Database> from, to;
  try {
    from = store::OpenDatabase(from_url);
    to = store::OpenDatabase(to_url);
  } catch (const std::exception& e) {
    std::cerr << "lindungi: cannot open a store: " << e.what() << "\n";
    return 2;
  }
  auto started = std::chrono::steady_clock::now();
  Progress progress(std::cerr, ::isatty(STDERR_FILENO));
  auto r = store::CopyStore(*from, *to, [&](std::int64_t done, std::int64_t total) {
    progress.Show("events", done, total);
  });
  progress.Finish();
  if (!r) Die(r.error());
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::cout << "moved " << r->events << " events in " << r->streams << " streams, verified, in "
            << took.count() << " s; sessions were not moved (users log in again)\n";
  return 0;
}

// A sample letter with demo data (no store): for operators to see the layout.
int CmdLetterSample(const std::string& kind_id, std::string out) {
  auto kind = report::LetterKindFromId(kind_id);
  if (!kind) {
    std::cerr << "lindungi: unknown letter kind / jenis surat tidak dikenal\n";
    return 2;
  }
  auto pdf = report::RenderLetterPdf(report::SampleLetter(*kind));
  if (!pdf) Die(pdf.error());
  if (out.empty()) out = kind_id + ".pdf";
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  f.write(pdf->data(), std::streamsize(pdf->size()));
  f.close();
  if (!f) {
    std::cerr << "lindungi: cannot write " << out << "\n";
    return 1;
  }
  std::cout << "Wrote " << out << " (" << pdf->size() << " bytes, demo data).\n";
  return 0;
}

// Synthetic cases for a demo or a benchmark, with a progress bar on stderr.
int CmdDemoGenerate(const GlobalOptions& g, const DemoOptions& o) {
  Config c = LoadOrDie(g);
  auto app = OpenOrDie(c);
  Progress bar(std::cerr, ::isatty(STDERR_FILENO));
  auto progress = [&](std::int64_t done, std::int64_t total) { bar.Show("kasus", done, total); };
  auto r = GenerateDemo(*app, o, progress);
  bar.Finish();
  if (!r) Die(r.error());
  std::cout << "Generated " << r->cases << " synthetic cases in unit " << o.unit_code << " ("
            << r->sops_started << " SOPs started, " << r->tasks_completed << " tasks done, "
            << r->terminated << " terminated) in " << fmt::format("{:.1f}", r->seconds) << " s.\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_logger_mt("lindungi"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z level=%l %v");

  CLI::App cli{
      "Lindungi: case management for women and child protection units (UPTD PPA).\n"
      "Settings come from <data-dir>/lindungi.yaml, then LINDUNGI_* environment variables, then "
      "flags."};
  cli.require_subcommand(1);
  GlobalOptions g;
  cli.add_option("--config", g.config_file, "Settings file (default: <data-dir>/lindungi.yaml)");
  cli.add_option("--data-dir", g.data_dir,
                 "Data directory (default: ./data; env LINDUNGI_DATA_DIR)");
  cli.add_option("--database,--db", g.database,
                 "Store URL: sqlite:/var/lib/lindungi/lindungi.db or postgres://user@host:5432/db");
  cli.add_option("--log-level", g.log_level, "trace, debug, info, warn or error");

  auto* init = cli.add_subcommand(
      "init", "Create a data directory: settings, store, a unit, and demo users");
  bool demo = false, if_missing = false;
  UnitSpec unit;
  unit.code.clear();
  init->add_flag("--demo", demo,
                 "Add the demo unit and one user per role (passwords printed once)");
  init->add_flag("--if-missing", if_missing,
                 "Do nothing if the data directory already has a store");
  init->add_option("--unit-code", unit.code, "Code of the first unit (appears in case numbers)");
  init->add_option("--unit-name", unit.name, "Name of the first unit");
  init->add_option("--unit-level", unit.level, "kabupaten_kota, provinsi or nasional");
  init->add_option("--province", unit.province, "Province of the unit");
  init->add_option("--time-zone", unit.time_zone, "Asia/Jakarta, Asia/Makassar or Asia/Jayapura");
  init->add_option("--unit-sop-pack", unit.sop_pack,
                   "SOP pack the unit's cases run (a folder of sops/, e.g. kalteng)");

  auto* unit_cmd = cli.add_subcommand("unit", "Manage units");
  unit_cmd->require_subcommand(1);
  UnitSpec new_unit;
  auto* unit_add = unit_cmd->add_subcommand("add", "Add a unit");
  unit_add->add_option("--code", new_unit.code, "Unit code (appears in case numbers)")->required();
  unit_add->add_option("--name", new_unit.name, "Unit name")->required();
  unit_add->add_option("--level", new_unit.level, "kabupaten_kota, provinsi or nasional");
  unit_add->add_option("--province", new_unit.province, "Province");
  unit_add->add_option("--time-zone", new_unit.time_zone,
                       "Asia/Jakarta, Asia/Makassar or Asia/Jayapura");
  unit_add->add_option("--sop-pack", new_unit.sop_pack,
                       "SOP pack the unit's cases run (a folder of sops/, e.g. kalteng)");
  auto* unit_list = unit_cmd->add_subcommand("list", "List units");
  std::string pack_unit, pack_id;
  auto* unit_set_pack = unit_cmd->add_subcommand("set-pack", "Set the SOP pack a unit's cases run");
  unit_set_pack->add_option("code", pack_unit, "Unit code")->required();
  unit_set_pack->add_option("pack", pack_id, "SOP pack id (a folder of sops/)")->required();
  std::string two_factor_unit, two_factor_value;
  auto* unit_set_2fa = unit_cmd->add_subcommand(
      "set-2fa",
      "Make two-step log-in mandatory (on) or optional (off) for a unit's heads and "
      "administrators, from their next log-in");
  unit_set_2fa->add_option("code", two_factor_unit, "Unit code")->required();
  unit_set_2fa->add_option("value", two_factor_value, "on or off")
      ->required()
      ->check(CLI::IsMember({"on", "off"}));

  std::string letterhead_unit;
  LetterSettings letterhead;
  std::string letterhead_pattern;
  auto* unit_set_letterhead = unit_cmd->add_subcommand(
      "set-letterhead",
      "Set a unit's letter settings: letterhead (kop surat), the city letters are dated in, "
      "its head, and its agenda number format (docs/letters.md)");
  unit_set_letterhead->add_option("code", letterhead_unit, "Unit code")->required();
  unit_set_letterhead
      ->add_option("--authority", letterhead.authority,
                   "An authority line of the kop, e.g. \"PEMERINTAH KOTA CONTOH\" (repeat, 1-4)")
      ->required();
  unit_set_letterhead->add_option("--name", letterhead.name, "The unit's name on the kop")
      ->required();
  unit_set_letterhead->add_option("--address", letterhead.address, "Address line")->required();
  unit_set_letterhead->add_option("--phone", letterhead.phone, "Telephone");
  unit_set_letterhead->add_option("--email", letterhead.email, "E-mail (pos-el)");
  unit_set_letterhead->add_option("--city", letterhead.city, "City letters are dated in")
      ->required();
  unit_set_letterhead->add_option("--head-name", letterhead.head.name, "The head's name")
      ->required();
  unit_set_letterhead->add_option("--head-nip", letterhead.head.nip, "The head's NIP")->required();
  unit_set_letterhead->add_option("--head-rank", letterhead.head.rank,
                                  "The head's pangkat / golongan");
  unit_set_letterhead->add_option("--head-position", letterhead.head.position,
                                  "The head's position (jabatan)");
  unit_set_letterhead->add_option(
      "--agenda-pattern", letterhead_pattern,
      "Agenda number pattern, default {classification}/{seq:04}/{unit}/{month_roman}/{year}");
  unit_set_letterhead->add_option("--classification", letterhead.agenda.classification,
                                  "Archive classification code, e.g. 400.2.8");
  unit_set_letterhead->add_option("--unit-code", letterhead.agenda.unit_code,
                                  "The unit's code in agenda numbers, e.g. UPTD-PPA");

  auto* serve = cli.add_subcommand("serve", "Serve the API (stop with Ctrl-C or SIGTERM)");
  serve->add_option("--host", g.host, "Listen address (default 127.0.0.1)");
  serve->add_option("--port", g.port, "Listen port (default 8080)");
  serve->add_option("--web-dir", g.web_dir,
                    "The browser UI's built files (default: the install's web/dist; 'none': API "
                    "only)");

  auto* partner = cli.add_subcommand("partner", "Manage partner organisations (mitra)");
  partner->require_subcommand(1);
  PartnerSpec new_partner;
  auto* partner_add = partner->add_subcommand("add", "Register a partner organisation");
  partner_add->add_option("--code", new_partner.code, "Partner code (upper-case, digits, '-')")
      ->required();
  partner_add->add_option("--name", new_partner.name, "Name, e.g. Polres Kota Contoh")->required();
  partner_add
      ->add_option("--kind", new_partner.kind,
                   "police, health, social, community, school, legal_aid, community_leader, "
                   "task_force or other")
      ->required();
  partner_add->add_option("--unit", new_partner.unit_code,
                          "The unit whose partner directory holds it (default: every unit's)");
  partner_add->add_option("--area", new_partner.area,
                          "Where it serves, e.g. \"Kota Palangka Raya\"");
  auto* partner_list = partner->add_subcommand(
      "list",
      "List partner organisations: id (a referral's partner_id), code, kind, unit, area, name");

  auto* user = cli.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  std::string username, display, role, unit_code;
  bool password_stdin = false;
  std::string partner_code;
  auto* user_add = user->add_subcommand(
      "add", "Add a user with a role in a unit, or a partner organisation's user");
  user_add->add_option("username", username, "Login name (a-z, 0-9, . _ -)")->required();
  auto* role_opt = user_add
                       ->add_option("--role", role,
                                    "Role: intake_officer, case_worker, case_manager, "
                                    "section_head, unit_head, admin, ...")
                       ->check([](const std::string& r) {
                         return IsKnownRole(r) ? std::string() : "unknown role " + r;
                       });
  auto* unit_opt = user_add->add_option("--unit", unit_code, "Unit code");
  role_opt->needs(unit_opt);
  unit_opt->needs(role_opt);
  user_add
      ->add_option("--partner", partner_code,
                   "Partner organisation code: a user of that partner (no unit role; sees only "
                   "what is referred to it)")
      ->excludes(role_opt)
      ->excludes(unit_opt);
  user_add->add_option("--display-name", display, "Name shown in the UI");
  user_add->add_flag("--password-stdin", password_stdin,
                     "Read the password from standard input (else one is generated)");
  auto* user_list = user->add_subcommand("list", "List users and their roles");
  auto* user_passwd = user->add_subcommand("passwd", "Set a user's password (ends their sessions)");
  user_passwd->add_option("username", username)->required();
  user_passwd->add_flag("--password-stdin", password_stdin,
                        "Read the password from standard input");
  auto* user_disable = user->add_subcommand("disable", "Disable a user (ends their sessions)");
  user_disable->add_option("username", username)->required();

  auto* audit = cli.add_subcommand("audit", "Check the event log");
  audit->require_subcommand(1);
  auto* audit_verify =
      audit->add_subcommand("verify", "Verify every hash chain; exit 1 naming each tampered event");

  auto* rebuild = cli.add_subcommand("rebuild", "Recreate the read tables from the event log");
  bool force = false;
  rebuild->add_flag("--force", force, "Rebuild even if the log fails verification");

  auto* backup =
      cli.add_subcommand("backup", "Write a consistent copy of the store (safe while serving)");
  std::string backup_file;
  backup->add_option("file", backup_file, "Destination file")->required();

  auto* migrate = cli.add_subcommand(
      "migrate-store",
      "Move a store to another backend (e.g. SQLite to PostgreSQL), verifying every event");
  std::string from_url, to_url;
  migrate->add_option("--from", from_url, "Source store, e.g. sqlite:/var/lib/lindungi/lindungi.db")
      ->required();
  migrate
      ->add_option("--to", to_url, "Empty target store, e.g. postgres://lindungi@db:5432/lindungi")
      ->required();

  auto* sop_cmd = cli.add_subcommand("sop", "SOP packs");
  sop_cmd->require_subcommand(1);
  std::vector<std::string> sop_paths;
  auto* sop_validate = sop_cmd->add_subcommand(
      "validate", "Check SOP packs; print file:line:column: message for each problem");
  sop_validate
      ->add_option("paths", sop_paths,
                   "Pack folders (sops/kalteng), a folder of packs (sops/) or SOP files")
      ->required();

  auto* sop_show = sop_cmd->add_subcommand(
      "show", "Print an SOP as a table, or draw it (dot, svg) as a swimlane flowchart");
  std::string sop_id, sop_format = "table", sops_root;
  sop_show->add_option("id", sop_id, "SOP id, e.g. kalteng/pengaduan-tidak-langsung")->required();
  sop_show->add_option("--format", sop_format, "table (default), dot or svg")
      ->check(CLI::IsMember({"table", "dot", "svg"}));
  sop_show->add_option("--sops", sops_root,
                       "Folder of packs (default: the configured sops_dir, else ./sops)");

  auto* form_cmd = cli.add_subcommand("form", "Form definitions (forms/)");
  form_cmd->require_subcommand(1);
  std::string forms_dir, form_id, form_format = "outline";
  auto* form_validate = form_cmd->add_subcommand(
      "validate", "Check form definitions; print file:line:column: message for each problem");
  form_validate->add_option("dir", forms_dir, "The forms folder (forms/)")->required();
  auto* form_show = form_cmd->add_subcommand(
      "show", "Print a form as an outline: sections, fields, types, required, options");
  form_show->add_option("id", form_id, "Form id, e.g. asesmen-anak (or all)")->required();
  form_show->add_option("--format", form_format, "outline (default) or markdown")
      ->check(CLI::IsMember({"outline", "markdown"}));
  form_show->add_option("--forms", forms_dir, "The forms folder (default: ./forms)");

  auto* person = cli.add_subcommand("person", "People on cases");
  person->require_subcommand(1);
  std::string person_id;
  auto* person_erase = person->add_subcommand(
      "erase", "Erase a person where the law requires it: destroys their key (crypto-shredding)");
  person_erase->add_option("person_id", person_id, "The person's id (client.person_id)")
      ->required();

  std::string export_id, export_out;
  auto* export_person = cli.add_subcommand("export-person",
                                           "A person's own data, decrypted, for a lawful access "
                                           "request (JSON; their files beside --out)");
  export_person->add_option("person_id", export_id, "The person's id (client.person_id)")
      ->required();
  export_person->add_option("--out", export_out, "Write to this file (0600) instead of stdout");

  auto* keys = cli.add_subcommand("keys", "The data keys of the key file: status and rotation");
  keys->require_subcommand(1);
  auto* keys_status =
      keys->add_subcommand("status", "Which data key is current, and how many rows each wraps");
  RotateOptions rotate;
  auto* keys_rotate = keys->add_subcommand(
      "rotate",
      "Make a new data key current and re-wrap every person key under it (safe while "
      "serving)");
  auto* keys_rewrap = keys->add_subcommand(
      "rewrap", "Re-wrap the rows still under an older key (finishes an interrupted rotation)");
  for (auto* k : {keys_rotate, keys_rewrap}) {
    k->add_flag("--retire", rotate.retire,
                "Then remove from the key file the older keys no row uses (older database "
                "backups need the previous key file)");
    k->add_option("--batch-size", rotate.batch_size, "Rows per write transaction (default 500)")
        ->check(CLI::Range(1, 100000));
    k->add_option("--pause-ms", rotate.pause_ms,
                  "Wait this long between batches, to leave room for a busy server (default 0)")
        ->check(CLI::Range(0, 60000));
  }
  keys_rotate->add_flag("--no-rewrap", rotate.no_rewrap,
                        "Only add the new key: with servers on several hosts, copy the key file "
                        "to each, then run `lindungi keys rewrap`");

  auto* letter = cli.add_subcommand("letter", "Letters as PDF (Surat Tugas, Surat Rujukan, ...)");
  letter->require_subcommand(1);
  std::string letter_kind, letter_out;
  auto* letter_sample = letter->add_subcommand(
      "sample", "Write a sample letter of a kind with demo data, to see its layout");
  std::vector<std::string> letter_kinds;
  for (auto k : report::kLetterKinds) letter_kinds.emplace_back(report::LetterKindId(k));
  letter_sample->add_option("kind", letter_kind, "Letter kind")
      ->required()
      ->check(CLI::IsMember(letter_kinds));
  letter_sample->add_option("--out", letter_out, "PDF file to write (default: KIND.pdf)");

  auto* demo_cmd = cli.add_subcommand("demo", "Demo data");
  demo_cmd->require_subcommand(1);
  DemoOptions demo_options;
  auto* demo_generate = demo_cmd->add_subcommand(
      "generate", "Synthetic cases run through the unit's SOPs (refused where real cases are)");
  demo_generate->add_option("--unit", demo_options.unit_code, "Unit code")->required();
  demo_generate->add_option("--cases", demo_options.cases, "How many cases")->required();
  demo_generate->add_option("--seed", demo_options.seed, "Random seed (same seed, same data)");
  demo_generate->add_option("--jobs", demo_options.jobs, "Cases made at once (default 8)");

  cli.add_subcommand("version", "Print the version");

  CLI11_PARSE(cli, argc, argv);

  if (*init) return CmdInit(g, demo, if_missing, unit);
  if (*serve) {
    Config c = LoadOrDie(g);
    if (c.web_dir.empty()) c.web_dir = FindWebDir();
    if (c.web_dir == "none") c.web_dir.clear();
    auto app = OpenOrDie(c);
    return http::Serve(*app);
  }
  if (*unit_add) {
    auto app = OpenOrDie(LoadOrDie(g));
    auto u = CreateUnit(*app, new_unit);
    if (!u) Die(u.error());
    std::cout << "Unit " << u->code << " created.\n";
    return 0;
  }
  if (*export_person) {
    auto app = OpenOrDie(LoadOrDie(g));
    auto data = app->cases.ExportPerson(export_id);
    if (!data) Die(data.error());
    // Their files (scans, photos, recordings, letters): listed here, written beside the
    // export as <out>.files/<document id><ext> when --out is given.
    auto files = app->documents.PersonFiles(export_id);
    boost::json::array listed;
    fs::path dir = export_out + ".files";
    if (!export_out.empty() && !files.empty()) {
      fs::create_directories(dir);
      fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
    }
    for (const auto& f : files) {
      std::string name = DownloadName(f.content.document_id, f.content.media_type);
      listed.push_back(boost::json::object{{"document_id", f.content.document_id},
                                           {"title", f.title},
                                           {"media_type", f.content.media_type},
                                           {"size", f.content.bytes.size()},
                                           {"sha256", f.digest},
                                           {"filed_at", f.created_at},
                                           {"file", export_out.empty() ? "" : name}});
      if (export_out.empty()) continue;
      {
        std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
        out << f.content.bytes;
      }
      fs::permissions(dir / name, fs::perms::owner_read | fs::perms::owner_write,
                      fs::perm_options::replace);
    }
    data->as_object()["files"] = std::move(listed);
    std::string text = boost::json::serialize(*data);
    if (export_out.empty()) {
      std::cout << text << "\n";
    } else {
      {
        std::ofstream f(export_out, std::ios::trunc);
        f << text << "\n";
      }
      fs::permissions(export_out, fs::perms::owner_read | fs::perms::owner_write,
                      fs::perm_options::replace);
      std::cerr << "Wrote " << export_out << " (personal data: hand it over securely).\n";
    }
    return 0;
  }
  if (*person_erase) {
    auto app = OpenOrDie(LoadOrDie(g));
    if (auto s = app->cases.ErasePerson(person_id, std::string(kSystemActor)); !s) Die(s.error());
    std::cout << "Person " << person_id
              << " erased: their fields can no longer be read; the history stays verifiable.\n";
    return 0;
  }
  if (*unit_set_pack) {
    auto app = OpenOrDie(LoadOrDie(g));
    if (auto s = SetUnitSopPack(*app, pack_unit, pack_id); !s) Die(s.error());
    std::cout << "Unit " << pack_unit << " now runs SOP pack " << pack_id << ".\n";
    return 0;
  }
  if (*unit_set_2fa) {
    auto app = OpenOrDie(LoadOrDie(g));
    bool on = two_factor_value == "on";
    if (auto s = SetUnitTwoFactorRequired(*app, two_factor_unit, on); !s) Die(s.error());
    std::cout << "Unit " << two_factor_unit << ": two-step log-in is "
              << (on ? "mandatory" : "optional")
              << " for its heads and administrators from their next log-in.\n";
    return 0;
  }
  if (*unit_set_letterhead) {
    auto app = OpenOrDie(LoadOrDie(g));
    if (!letterhead_pattern.empty()) letterhead.agenda.pattern = letterhead_pattern;
    if (auto s = SetUnitLetterSettings(*app->db, app->clock, letterhead_unit, letterhead); !s)
      Die(s.error());
    std::cout << "Unit " << letterhead_unit << ": letter settings saved.\n";
    return 0;
  }
  if (*unit_list) {
    auto app = OpenOrDie(LoadOrDie(g));
    app->db->Read([&](store::SqlConn& c) {
      for (const auto& u : store::ListUnits(c)) {
        std::cout << u.code << "  " << u.name << "  " << u.level << "  " << u.time_zone << "  "
                  << (u.sop_pack.empty() ? "-" : u.sop_pack)
                  << (u.two_factor_required ? "  2fa-required" : "") << "\n";
      }
    });
    return 0;
  }
  if (*user_add) {
    if (partner_code.empty() && role.empty()) {
      std::cerr << "lindungi: give --role and --unit, or --partner / beri --role dan --unit, atau "
                   "--partner\n";
      return 2;
    }
    return CmdUserAdd(g, username, display, role, unit_code, partner_code, password_stdin);
  }
  if (*partner_add) {
    auto app = OpenOrDie(LoadOrDie(g));
    auto r = CreatePartner(*app, new_partner);
    if (!r) Die(r.error());
    std::cout << "Partner " << r->code << " (" << r->kind << ") added: " << r->name << ", id "
              << r->id << ".\n";
    return 0;
  }
  if (*partner_list) {
    auto app = OpenOrDie(LoadOrDie(g));
    app->db->Read([&](store::SqlConn& c) {
      std::map<std::string, std::string> unit_codes;
      for (const auto& u : store::ListUnits(c)) unit_codes[u.id] = u.code;
      for (const auto& p : store::ListPartners(c)) {
        std::string unit = p.unit_id.empty() ? "*" : unit_codes[p.unit_id];
        std::cout << p.id << "  " << p.code << "  " << p.kind << "  " << unit << "  "
                  << (p.area.empty() ? "-" : p.area) << "  " << p.name << "\n";
      }
    });
    return 0;
  }
  if (*user_list) {
    auto app = OpenOrDie(LoadOrDie(g));
    std::map<std::string, std::string> unit_codes, partner_codes;
    app->db->Read([&](store::SqlConn& c) {
      for (const auto& u : store::ListUnits(c)) unit_codes[u.id] = u.code;
      for (const auto& p : store::ListPartners(c)) partner_codes[p.id] = p.code;
    });
    for (const auto& u : app->auth.ListUsers()) {
      std::cout << u.username << (u.disabled ? " (disabled)" : "");
      for (const auto& r : u.roles) std::cout << "  " << r.role << "@" << unit_codes[r.unit_id];
      if (!u.partner_id.empty()) std::cout << "  partner@" << partner_codes[u.partner_id];
      std::cout << "\n";
    }
    return 0;
  }
  if (*user_passwd) {
    auto app = OpenOrDie(LoadOrDie(g));
    if (!password_stdin) {
      // Generated by the service, as an administrator's reset through the API is.
      auto password = app->auth.ResetPassword(username, std::string(kSystemActor));
      if (!password) Die(password.error());
      std::cout << "Password of " << username << " changed; their sessions ended.\n";
      std::cout << "New password (shown only now): " << *password << "\n";
      return 0;
    }
    bool generated = false;
    std::string password = ReadPassword(password_stdin, &generated);
    if (auto s = app->auth.ChangePassword(username, password, std::string(kSystemActor)); !s)
      Die(s.error());
    std::cout << "Password of " << username << " changed; their sessions ended.\n";
    return 0;
  }
  if (*user_disable) {
    auto app = OpenOrDie(LoadOrDie(g));
    if (auto s = app->auth.DisableUser(username, std::string(kSystemActor)); !s) Die(s.error());
    std::cout << "User " << username << " disabled.\n";
    return 0;
  }
  if (*keys_status) return CmdKeysStatus(g);
  if (*keys_rotate) return CmdKeysRotate(g, rotate);
  if (*keys_rewrap) {
    rotate.new_key = false;
    return CmdKeysRotate(g, rotate);
  }
  if (*migrate) return CmdMigrateStore(from_url, to_url);
  if (*sop_validate) return CmdSopValidate(sop_paths);
  if (*sop_show) return CmdSopShow(g, sop_id, sop_format, sops_root);
  if (*form_validate) return CmdFormValidate(forms_dir);
  if (*form_show) return CmdFormShow(form_id, form_format, forms_dir);
  if (*audit_verify) return CmdAuditVerify(g);
  if (*rebuild) return CmdRebuild(g, force);
  if (*backup) return CmdBackup(g, backup_file);
  if (*letter_sample) return CmdLetterSample(letter_kind, letter_out);
  if (*demo_generate) return CmdDemoGenerate(g, demo_options);
  std::cout << "lindungi " << LINDUNGI_VERSION << "\n";
  return 0;
}
