// `lindungi keys`: the data keys of the key file, their status and rotation (docs/operations.md
// "Keys").
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "cli/commands.h"

namespace lindungi::cli {
namespace {

int KeysStatus(const GlobalOptions& g) {
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

// Removes the older keys no row uses from the key file (`--retire`), or says they stay.
void RetireOlderKeys(App& app, const KeyFileLock& lock, bool retire) {
  if (!retire) {
    std::cout << "The older keys stay in the key file (older database backups need them); "
                 "`lindungi keys rewrap --retire` removes those no row uses.\n";
    return;
  }
  auto gone = app.vault->Retire(*app.db, lock);
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
}

// Re-wraps every row still under an older key, with a progress bar; 1 if it stopped.
int Rewrap(App& app, const RotateOptions& o) {
  Progress progress(std::cout, ::isatty(STDOUT_FILENO));
  Vault::RewrapOptions ro;
  ro.batch_size = o.batch_size;
  ro.pause = std::chrono::milliseconds(o.pause_ms);
  ro.progress = [&](std::string_view what, std::int64_t done, std::int64_t total) {
    progress.Show(what, done, total);
  };
  auto r = app.vault->Rewrap(*app.db, ro);
  progress.Finish();
  if (!r) {
    std::cerr << "lindungi: " << r.error().message_en << "\n          " << r.error().message_id
              << "\nEvery row is still readable with the key file; run `lindungi keys rewrap` "
                 "to finish.\n";
    return 1;
  }
  std::cout << "Re-wrapped " << r->person_keys << " person key(s) and " << r->secrets
            << " secret(s): every row is under " << app.vault->current_key_id() << ".\n";
  return 0;
}

// Under the key file's lock: a new current key (rotate), then the re-wrap and retirement.
int RotateLocked(App& app, const KeyFileLock& lock, const RotateOptions& o) {
  Vault& vault = *app.vault;
  if (o.new_key) {
    std::string old = vault.current_key_id();
    std::string id = vault.AddKey(lock);
    std::cout << "New data key " << id << " is current; " << old << " and any older keys stay in "
              << vault.key_file() << " to open rows not yet re-wrapped.\n"
              << "Kunci data baru " << id << " sekarang dipakai; kunci lama tetap disimpan.\n";
    if (o.no_rewrap) {
      std::cout << "Copy the key file to every server (they pick it up without a restart), "
                   "then run `lindungi keys rewrap`.\n";
      return 0;
    }
  }
  if (int code = Rewrap(app, o); code != 0) return code;
  RetireOlderKeys(app, lock, o.retire);
  std::cout << "Back up the key file now, apart from the database backups (docs/operations.md "
               "\"Keys\").\n";
  return 0;
}

int KeysRotate(const GlobalOptions& g, const RotateOptions& o) {
  auto app = OpenOrDie(LoadOrDie(g));
  auto lock = KeyFileLock::Acquire(app->vault->key_file());
  if (!lock) Die(lock.error());
  try {
    return RotateLocked(*app, *lock, o);
  } catch (const std::exception& e) {
    std::cerr << "lindungi: key rotation stopped: " << e.what()
              << "\n          rotasi kunci berhenti; setiap baris masih dapat dibaca, jalankan "
                 "`lindungi keys rewrap` untuk menyelesaikan\n";
    return 1;
  }
}

void AddRotateOptions(CLI::App& k, RotateOptions& rotate) {
  k.add_flag("--retire", rotate.retire,
             "Then remove from the key file the older keys no row uses (older database "
             "backups need the previous key file)");
  k.add_option("--batch-size", rotate.batch_size, "Rows per write transaction (default 500)")
      ->check(CLI::Range(1, 100000));
  k.add_option("--pause-ms", rotate.pause_ms,
               "Wait this long between batches, to leave room for a busy server (default 0)")
      ->check(CLI::Range(0, 60000));
}

}  // namespace

void AddKeysCommands(CLI::App& cli, GlobalOptions& g) {
  auto* keys = cli.add_subcommand("keys", "The data keys of the key file: status and rotation");
  keys->require_subcommand(1);
  OnRun(keys->add_subcommand("status", "Which data key is current, and how many rows each wraps"),
        [&g] { return KeysStatus(g); });
  auto rotate = std::make_shared<RotateOptions>();
  auto* keys_rotate = keys->add_subcommand(
      "rotate",
      "Make a new data key current and re-wrap every person key under it (safe while "
      "serving)");
  auto* keys_rewrap = keys->add_subcommand(
      "rewrap", "Re-wrap the rows still under an older key (finishes an interrupted rotation)");
  AddRotateOptions(*keys_rotate, *rotate);
  AddRotateOptions(*keys_rewrap, *rotate);
  keys_rotate->add_flag("--no-rewrap", rotate->no_rewrap,
                        "Only add the new key: with servers on several hosts, copy the key file "
                        "to each, then run `lindungi keys rewrap`");
  OnRun(keys_rotate, [&g, rotate] { return KeysRotate(g, *rotate); });
  OnRun(keys_rewrap, [&g, rotate] {
    rotate->new_key = false;
    return KeysRotate(g, *rotate);
  });
}

}  // namespace lindungi::cli
