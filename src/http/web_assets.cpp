#include "http/web_assets.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace lindungi::http {
namespace fs = std::filesystem;
namespace {

std::string ReadWhole(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool AcceptsGzip(std::string_view accept_encoding) {
  // Enough for browsers ("gzip, deflate, br"); a "gzip;q=0" refusal is honoured.
  auto at = accept_encoding.find("gzip");
  if (at == std::string_view::npos) return false;
  auto rest = accept_encoding.substr(at + 4);
  auto comma = rest.find(',');
  auto params = rest.substr(0, comma);
  return params.find("q=0") == std::string_view::npos ||
         params.find("q=0.") != std::string_view::npos;
}

}  // namespace

std::string MediaTypeOfFile(std::string_view name) {
  auto dot = name.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "webmanifest") return "application/manifest+json";
  return "application/octet-stream";
}

void WebAssets::Load(const std::string& dir) {
  files_.clear();
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::string name = fs::relative(it->path(), dir).generic_string();
    if (name.ends_with(".gz")) continue;  // taken with the file it compresses
    File f{MediaTypeOfFile(name), ReadWhole(it->path()), ""};
    fs::path gz = it->path();
    gz += ".gz";
    if (fs::is_regular_file(gz)) f.gzip = ReadWhole(gz);
    files_.emplace(std::move(name), std::move(f));
  }
  if (!files_.contains("index.html")) {
    spdlog::warn("web UI folder {} has no index.html: the UI is not served", dir);
    files_.clear();
    return;
  }
  spdlog::info("web UI: {} files from {}", files_.size(), dir);
}

Response WebAssets::Answer(const std::string& name, const File& f, bool gzip_ok) const {
  Response r;
  r.content_type = f.content_type;
  bool gz = gzip_ok && !f.gzip.empty();
  r.body = gz ? f.gzip : f.body;
  if (gz) r.headers.emplace_back("Content-Encoding", "gzip");
  if (!f.gzip.empty()) r.headers.emplace_back("Vary", "Accept-Encoding");
  // Vite names every file under assets/ by its content's hash: it never changes.
  r.headers.emplace_back("Cache-Control", name.starts_with("assets/")
                                              ? "public, max-age=31536000, immutable"
                                              : "no-cache");
  return r;
}

std::optional<Response> WebAssets::Serve(std::string_view path,
                                         std::string_view accept_encoding) const {
  if (files_.empty()) return std::nullopt;
  if (path.starts_with("/api/") || path == "/api") return std::nullopt;
  while (path.starts_with("/")) path.remove_prefix(1);
  bool gzip_ok = AcceptsGzip(accept_encoding);
  if (path.empty()) path = "index.html";
  // Only names that are exactly a loaded file: no "..", no absolute paths, no disk access.
  if (auto it = files_.find(path); it != files_.end())
    return Answer(it->first, it->second, gzip_ok);
  auto last = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
  if (last.find('.') != std::string_view::npos) return std::nullopt;  // a missing file: 404
  const auto& index = *files_.find("index.html");
  return Answer(index.first, index.second, gzip_ok);
}

}  // namespace lindungi::http
