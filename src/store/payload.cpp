#include "store/payload.h"

#include <boost/json/serialize.hpp>

namespace lindungi::store {
namespace json = boost::json;

namespace {

[[noreturn]] void Lacks(std::string_view what, std::string_view key) {
  throw StoreError("event payload lacks the " + std::string(what) + " field " + std::string(key));
}

}  // namespace

std::string Str(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_string()) Lacks("text", key);
  return std::string(v->as_string());
}

SqlValue OptStr(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return nullptr;
  return std::string(v->as_string());
}

std::optional<std::string> OptText(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

bool Bool(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_bool()) Lacks("bool", key);
  return v->as_bool();
}

bool Flag(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_bool() && v->as_bool();
}

std::int64_t Int(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_int64()) Lacks("integer", key);
  return v->as_int64();
}

std::optional<std::int64_t> OptInteger(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_int64()) return std::nullopt;
  return v->as_int64();
}

SqlValue OptInt(const json::object& o, std::string_view key) {
  auto v = OptInteger(o, key);
  if (!v) return nullptr;
  return *v;
}

std::vector<std::string> StrList(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_array()) Lacks("array", key);
  std::vector<std::string> out;
  for (const auto& x : v->as_array()) {
    if (!x.is_string()) Lacks("array of texts", key);
    out.emplace_back(x.as_string());
  }
  return out;
}

std::vector<std::string> StrListOr(const json::object& o, std::string_view key) {
  if (!o.contains(key)) return {};
  return StrList(o, key);
}

std::string StrArray(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_array()) return "[]";
  return json::serialize(*v);
}

const json::object& Obj(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_object()) Lacks("object", key);
  return v->as_object();
}

json::object ObjOr(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (!v || !v->is_object()) return {};
  return v->as_object();
}

json::value TextOrNull(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return json::value(*s);
}

json::value IntOrNull(const std::optional<std::int64_t>& v) {
  if (!v) return nullptr;
  return json::value(*v);
}

json::array ToArray(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

SqlValue ToSql(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return *s;
}

SqlValue ToSql(const std::optional<std::int64_t>& v) {
  if (!v) return nullptr;
  return *v;
}

std::string JsonList(const std::vector<std::string>& v) {
  return json::serialize(ToArray(v));
}

}  // namespace lindungi::store
