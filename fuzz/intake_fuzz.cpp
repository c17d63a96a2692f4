// Fuzzes request-body parsing and validation: any byte string must give a value or a
// named Error, never a crash, a hang, a leak or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/case_json.h"
#include "http/json_body.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lindungi;
  std::string_view body(reinterpret_cast<const char*>(data), size);
  static const Instant now = *ParseInstant("2026-11-23T10:00:00+07:00");
  auto intake = http::ParseAndValidateIntake(body, now);
  if (!intake && (intake.error().code.empty() || intake.error().message_en.empty()))
    __builtin_trap();
  if (auto o = http::ParseJsonObject(body)) {
    if (auto u = http::ReadCaseUpdate(*o)) (void)ValidateCaseUpdate(u->update, now);
    (void)http::ReadLogin(*o);
  }
  return 0;
}
