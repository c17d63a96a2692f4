// A person's data where the law gives them rights over it: `lindungi person erase` and
// `lindungi export-person`.
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "core/media_type.h"

namespace fs = std::filesystem;

namespace lindungi::cli {
namespace {

// Their files (scans, photos, recordings, letters): listed, and written beside the export
// as <out>.files/<document id><ext> when there is an `out` file.
boost::json::array ExportFiles(App& app, const std::string& person_id, const std::string& out) {
  auto files = app.documents.PersonFiles(person_id);
  boost::json::array listed;
  fs::path dir = out + ".files";
  if (!out.empty() && !files.empty()) {
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
                                         {"file", out.empty() ? "" : name}});
    if (out.empty()) continue;
    {
      std::ofstream file(dir / name, std::ios::binary | std::ios::trunc);
      file << f.content.bytes;
    }
    fs::permissions(dir / name, fs::perms::owner_read | fs::perms::owner_write,
                    fs::perm_options::replace);
  }
  return listed;
}

int ExportPerson(const GlobalOptions& g, const std::string& person_id, const std::string& out) {
  auto app = OpenOrDie(LoadOrDie(g));
  auto data = app->people.ExportPerson(person_id);
  if (!data) Die(data.error());
  data->as_object()["files"] = ExportFiles(*app, person_id, out);
  std::string text = boost::json::serialize(*data);
  if (out.empty()) {
    std::cout << text << "\n";
    return 0;
  }
  {
    std::ofstream f(out, std::ios::trunc);
    f << text << "\n";
  }
  fs::permissions(out, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  std::cerr << "Wrote " << out << " (personal data: hand it over securely).\n";
  return 0;
}

}  // namespace

void AddPersonCommands(CLI::App& cli, GlobalOptions& g) {
  auto* person = cli.add_subcommand("person", "People on cases");
  person->require_subcommand(1);
  auto person_id = std::make_shared<std::string>();
  auto* erase = person->add_subcommand(
      "erase", "Erase a person where the law requires it: destroys their key (crypto-shredding)");
  erase->add_option("person_id", *person_id, "The person's id (client.person_id)")->required();
  OnRun(erase, [&g, person_id] {
    auto app = OpenOrDie(LoadOrDie(g));
    if (auto s = app->people.ErasePerson(*person_id, std::string(kSystemActor)); !s) Die(s.error());
    std::cout << "Person " << *person_id
              << " erased: their fields can no longer be read; the history stays verifiable.\n";
    return 0;
  });

  struct ExportOptions {
    std::string person_id, out;
  };
  auto o = std::make_shared<ExportOptions>();
  auto* export_person = cli.add_subcommand("export-person",
                                           "A person's own data, decrypted, for a lawful access "
                                           "request (JSON; their files beside --out)");
  export_person->add_option("person_id", o->person_id, "The person's id (client.person_id)")
      ->required();
  export_person->add_option("--out", o->out, "Write to this file (0600) instead of stdout");
  OnRun(export_person, [&g, o] { return ExportPerson(g, o->person_id, o->out); });
}

}  // namespace lindungi::cli
