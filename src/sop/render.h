// An SOP printed as people read it: a table like the signed document, or a Graphviz DOT
// swimlane flowchart with one lane per role (Graphviz does the layout). Pure.
#pragma once

#include <string>

#include "sop/pack.h"

namespace lindungi::sop {

// Header (number, title, unit) and one row per step: No, Kegiatan, Pelaksana, Kelengkapan,
// Waktu, Output; decisions listed under their step. `width` is the line width to wrap to.
std::string RenderTable(const Sop& sop, int width = 120);

// DOT source: a cluster per role (lane), a box per step (yellow, bold for decisions),
// edges for next / outcomes (labelled) / parallel branches, and Mulai / Selesai nodes.
std::string RenderDot(const Sop& sop);

}  // namespace lindungi::sop
