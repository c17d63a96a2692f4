#include "http/json_body.h"

#include <fmt/format.h>
#include <boost/json/parser.hpp>

#include "core/text.h"

namespace lindungi::http {
namespace json = boost::json;

namespace {
Error Bad(std::string code, std::string id, std::string en, std::string field = {}) {
  return MakeError(ErrorKind::kInvalidArgument, std::move(code), std::move(id), std::move(en),
                   std::move(field));
}
}  // namespace

Result<json::object> ParseJsonObject(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Fail(Bad("empty_body", "Isi permintaan kosong; kirim objek JSON.",
                    "The request body is empty; send a JSON object."));
  }
  if (!IsValidUtf8(body)) {
    return Fail(Bad("invalid_utf8", "Isi permintaan bukan UTF-8 yang sah.",
                    "The request body is not valid UTF-8."));
  }
  json::parse_options opt;
  opt.max_depth = 32;
  json::parser p(json::storage_ptr(), opt);
  boost::system::error_code ec;
  std::size_t n = p.write(body.data(), body.size(), ec);  // also rejects trailing data
  if (ec) {
    if (ec == json::error::too_deep) {
      return Fail(Bad("too_deep", "JSON terlalu bertingkat (maksimal 32).",
                      "The JSON nests too deeply (at most 32)."));
    }
    return Fail(Bad("malformed_json", fmt::format("JSON tidak sah dekat byte {}.", n),
                    fmt::format("Malformed JSON near byte {}.", n)));
  }
  json::value v = p.release();
  if (!v.is_object()) {
    return Fail(Bad("not_an_object", "Isi permintaan harus objek JSON ({...}).",
                    "The request body must be a JSON object ({...})."));
  }
  return std::move(v.as_object());
}

ObjectReader::ObjectReader(const json::object& o, std::string path)
    : o_(o), path_(std::move(path)) {}

std::string ObjectReader::FieldPath(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const json::value* ObjectReader::Find(std::string_view key, bool required) {
  seen_.emplace(key);
  const json::value* v = o_.if_contains(key);
  if (v && v->is_null()) v = nullptr;
  if (!v && required && !error_) {
    auto f = FieldPath(key);
    error_ = Bad("required", fmt::format("Kolom {} wajib diisi.", f),
                 fmt::format("Field {} is required.", f), f);
  }
  return v;
}

void ObjectReader::WrongType(std::string_view key, const char* type_id, const char* type_en) {
  if (error_) return;
  auto f = FieldPath(key);
  error_ = Bad("wrong_type", fmt::format("Kolom {} harus {}.", f, type_id),
               fmt::format("Field {} must be {}.", f, type_en), f);
}

std::optional<std::string> ObjectReader::OptString(std::string_view key) {
  const json::value* v = Find(key, false);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    WrongType(key, "teks", "a string");
    return std::nullopt;
  }
  return std::string(v->as_string());
}

std::string ObjectReader::String(std::string_view key) {
  const json::value* v = Find(key, true);
  if (!v) return {};
  if (!v->is_string()) {
    WrongType(key, "teks", "a string");
    return {};
  }
  return std::string(v->as_string());
}

std::optional<bool> ObjectReader::OptBool(std::string_view key) {
  const json::value* v = Find(key, false);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    WrongType(key, "true atau false", "true or false");
    return std::nullopt;
  }
  return v->as_bool();
}

bool ObjectReader::Bool(std::string_view key, bool fallback) {
  return OptBool(key).value_or(fallback);
}

std::optional<std::int64_t> ObjectReader::OptInt(std::string_view key) {
  const json::value* v = Find(key, false);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= std::uint64_t(INT64_MAX))
    return std::int64_t(v->as_uint64());
  WrongType(key, "bilangan bulat", "a whole number");
  return std::nullopt;
}

std::int64_t ObjectReader::Int(std::string_view key) {
  if (!Find(key, true)) return 0;
  return OptInt(key).value_or(0);
}

std::vector<std::string> ObjectReader::Strings(std::string_view key, std::size_t max_items) {
  const json::value* v = Find(key, false);
  if (!v) return {};
  if (!v->is_array() || v->as_array().size() > max_items) {
    WrongType(key, "daftar teks", "an array of strings");
    return {};
  }
  std::vector<std::string> out;
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) {
      WrongType(key, "daftar teks", "an array of strings");
      return {};
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

const json::object* ObjectReader::Object(std::string_view key, bool required) {
  const json::value* v = Find(key, required);
  if (!v) return nullptr;
  if (!v->is_object()) {
    WrongType(key, "objek", "an object");
    return nullptr;
  }
  return &v->as_object();
}

Status ObjectReader::Finish() const {
  if (error_) return Fail(*error_);
  for (const auto& [k, v] : o_) {
    if (!seen_.contains(std::string_view(k))) {
      // The key came from the client: named only if it looks like a field name.
      auto f = FieldPath(EchoSafe(k));
      return Fail(Bad("unknown_field", fmt::format("Kolom {} tidak dikenal.", f),
                      fmt::format("Unknown field {}.", f), f));
    }
  }
  return {};
}

}  // namespace lindungi::http
