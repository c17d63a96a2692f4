// An SOP printed as people read it: a table like the signed document, or a Graphviz DOT
// swimlane flowchart with one lane per role (Graphviz does the layout). Pure.
#pragma once

#include <string>

#include "sop/pack.h"

namespace lindungi::sop {

// Header (number, title, unit) and one row per step: No, Kegiatan, Pelaksana, Kelengkapan,
// Waktu, Output; decisions listed under their step. `width` is the line width to wrap to.
std::string RenderTable(const Sop& sop, int width = 120);

// DOT source of the swimlane flowchart, read like the printed SOP: one lane per actor side by
// side (in the order of the SOP's roles), one row per step in the SOP's order, a box per step
// with its standard time in words ("5 hari kerja"), a diamond after each decision step with
// its outcomes' short labels on the edges leaving it (the whole label as the edge's tooltip),
// parallel branches in bold, and Mulai / Selesai nodes.
std::string RenderDot(const Sop& sop);

// An outcome's label short enough to read on an edge: the clause before the first ':', ';',
// ',' or '(' (the rest is detail), cut to whole words within `max_bytes` with an ellipsis.
std::string ShortOutcomeLabel(const std::string& label, std::size_t max_bytes = 40);

}  // namespace lindungi::sop
