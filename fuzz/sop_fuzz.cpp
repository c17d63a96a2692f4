// Fuzzes the SOP pack loader and validator: any text as an SOP file must give an SOP or
// diagnostics with a place, never a crash, a hang or undefined behaviour.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sop/loader.h"
#include "sop/validator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lindungi::sop;
  std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<Diagnostic> diags;
  Pack pack;
  pack.dir = "fuzz";
  pack.unit.id = "fuzz";
  DocumentKind form;
  form.id = "formulir";
  form.name = "Formulir";
  pack.documents.emplace("formulir", form);
  pack.sops.push_back(ParseSop(text, "fuzz/sop.yaml", diags));
  for (auto& d : Validate({pack})) diags.push_back(d);
  for (const auto& d : diags) {
    if (d.at.line < 1 || d.message.empty()) __builtin_trap();
  }
  return 0;
}
