// Graphviz as an external program (Debian's `dot`): DOT in, SVG out.
#pragma once

#include <string>

namespace lindungi {

// Runs `dot -Tsvg` on `dot_source`; the SVG, or "" if dot is missing or fails.
std::string DotToSvg(const std::string& dot_source);

}  // namespace lindungi
