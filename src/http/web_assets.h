// The browser UI's files (web/dist, built by Vite), served from the same origin as the API:
// read into memory once at start (a few hundred KB), so an answer never touches the disk.
// Hashed files under assets/ are immutable and cached for a year; index.html is revalidated
// every time, so a new release is seen at the next page load. A path that names no file and
// does not look like a file (no extension) is a route of the single-page app and gets
// index.html; /api/... never comes here (its unknown paths keep their JSON 404s).
// Immutable after Load; safe for concurrent reads. No RESTinio here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "http/api.h"

namespace lindungi::http {

class WebAssets {
 public:
  // Reads every file under `dir` (a missing or empty `dir`: no UI; Serve answers nullopt).
  // A file `X.gz` beside `X` is X precompressed and is sent to clients that accept gzip.
  void Load(const std::string& dir);
  bool empty() const { return files_.empty(); }
  std::size_t size() const { return files_.size(); }

  // The answer for a GET or HEAD of `path` (the request path without its query), or
  // nullopt when the UI does not serve it (an unknown file, an API path, no UI loaded).
  // `accept_encoding` is the request's Accept-Encoding header.
  std::optional<Response> Serve(std::string_view path, std::string_view accept_encoding) const;

 private:
  struct File {
    std::string content_type, body, gzip;  // gzip: empty if no .gz beside it
  };
  Response Answer(const std::string& name, const File& f, bool gzip_ok) const;
  std::map<std::string, File, std::less<>> files_;  // "index.html", "assets/app-1a2b.js"
};

// The media type of a file name by its extension (text types with charset=utf-8).
std::string MediaTypeOfFile(std::string_view name);

}  // namespace lindungi::http
