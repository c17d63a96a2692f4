#include "sop/render.h"

#include "core/roles.h"
#include "sop/standard_time.h"

#include <fmt/format.h>

#include <map>
#include <sstream>
#include <vector>

namespace lindungi::sop {
namespace {

// Words of `text` wrapped to lines of at most `width` bytes (long words are cut).
std::vector<std::string> Wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string word, line;
  while (in >> word) {
    while (word.size() > width) {
      if (!line.empty()) lines.push_back(std::move(line)), line.clear();
      lines.push_back(word.substr(0, width));
      word = word.substr(width);
    }
    if (!line.empty() && line.size() + 1 + word.size() > width)
      lines.push_back(std::move(line)), line.clear();
    line += (line.empty() ? "" : " ") + word;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string Join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// Wraps for a DOT label: lines joined with \n.
std::string Label(const std::string& text, std::size_t width) {
  return Escape(Join(Wrap(text, width), "\n"));
}

// Actors that are not staff roles; a staff role's title comes from core/roles.h.
constexpr const char* kOtherActors[][2] = {{"reporter", "Pelapor"},
                                           {"client", "Klien"},
                                           {"family", "Keluarga"},
                                           {"partner", "Mitra / lembaga lain"}};

std::string RoleName(const std::string& role) {
  if (auto title = StaffRoleTitle(role); !title.empty()) return std::string(title);
  for (const auto& [id, name] : kOtherActors)
    if (role == id) return name;
  return role;
}

std::string TimeWords(const Step& s) {
  return s.standard_time ? StandardTimeWords(*s.standard_time) : std::string();
}

}  // namespace

std::string RenderTable(const Sop& sop, int width) {
  // Column widths: No, Kegiatan, Pelaksana, Kelengkapan, Waktu, Output.
  const int no_w = 5, actor_w = 18, time_w = 14;
  const int rest = std::max(40, width - no_w - actor_w - time_w - 16);
  const int act_w = rest / 2, req_w = rest / 4, out_w = rest - act_w - req_w;
  const int widths[] = {no_w, act_w, actor_w, req_w, time_w, out_w};
  std::string out = fmt::format("{}\n{}\nNomor SOP: {}\n\n", sop.id, sop.title,
                                sop.number.empty() ? "-" : sop.number);
  auto rule = [&] {
    std::string r = "+";
    for (int w : widths) r += std::string(w + 2, '-') + "+";
    out += r + "\n";
  };
  auto row = [&](std::vector<std::string> cells) {
    std::vector<std::vector<std::string>> wrapped;
    std::size_t height = 1;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      wrapped.push_back(Wrap(cells[i], widths[i]));
      height = std::max(height, wrapped.back().size());
    }
    for (std::size_t l = 0; l < height; ++l) {
      out += "|";
      for (std::size_t i = 0; i < cells.size(); ++i) {
        std::string text = l < wrapped[i].size() ? wrapped[i][l] : "";
        // Pad by code points so Indonesian text with accents still lines up.
        std::size_t cps = 0;
        for (unsigned char c : text) cps += (c & 0xC0) != 0x80;
        out += " " + text + std::string(widths[i] > int(cps) ? widths[i] - cps : 0, ' ') + " |";
      }
      out += "\n";
    }
  };
  rule();
  row({"No", "Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output"});
  rule();
  for (const auto& s : sop.steps) {
    std::string activity = s.activity;
    if (!s.when.empty()) activity += " [hanya bila: " + Join(s.when) + "]";
    if (!s.start.empty()) activity += " => lanjut SOP " + s.start;
    if (!s.alongside.empty()) activity += " [bersamaan dengan langkah " + s.alongside + "]";
    std::string actor =
        RoleName(s.actor) +
        (s.recorded_by.empty() ? "" : " (dicatat: " + RoleName(s.recorded_by) + ")");
    auto or_ids = [](const std::string& source, const std::vector<std::string>& ids) {
      return source.empty() ? Join(ids) : source;
    };
    row({s.no, activity, actor, or_ids(s.requires_source, s.requires_),
         !s.time_source.empty() ? s.time_source : (TimeWords(s).empty() ? "-" : TimeWords(s)),
         or_ids(s.output_source, s.produces)});
    for (const auto& o : s.decision) {
      std::string where = !o.end.empty() ? "selesai (" + o.end + ")" : "ke langkah " + o.next;
      if (!o.start.empty()) where += ", mulai SOP " + o.start;
      if (o.has_produces) where += "; keluaran: " + (o.produces.empty() ? "-" : Join(o.produces));
      row({"", "  => " + o.label + ": " + where, "", "", "", ""});
    }
    rule();
  }
  return out;
}

std::string ShortOutcomeLabel(const std::string& label, std::size_t max_bytes) {
  std::string text = label;
  // The clause before the first ':' ';' ',' or '(' says which way; the rest is detail.
  auto cut = text.find_first_of(":;,(");
  if (cut != std::string::npos && cut >= 3) text = text.substr(0, cut);
  while (!text.empty() && (text.back() == ' ' || text.back() == '.')) text.pop_back();
  if (text.size() <= max_bytes) return text;
  // Whole words up to the limit, then an ellipsis.
  std::istringstream in(text);
  std::string word, out;
  while (in >> word) {
    if (out.size() + (out.empty() ? 0 : 1) + word.size() > max_bytes) break;
    out += (out.empty() ? "" : " ") + word;
  }
  if (out.empty()) {
    out = text.substr(0, max_bytes);
    // Never end inside a UTF-8 sequence.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80)) out.pop_back();
  }
  return out + "\u2026";
}

namespace {

// The node a step's edges leave from: a decision is its step's box followed by a diamond the
// outcomes leave from.
std::string ExitOf(const Step& s) {
  return s.decision.empty() ? s.id : s.id + "__keputusan";
}

// The node an edge to `next` goes to ("end": Selesai).
std::string EdgeTarget(const std::string& next) {
  return next == "end" ? std::string("_selesai") : next;
}

// The name of SOP `id` without its folder ("pack/sop" -> "sop").
std::string SopName(const std::string& id) {
  auto slash = id.rfind('/');
  return slash == std::string::npos ? id : id.substr(slash + 1);
}

// Step id -> its row in the SOP.
using StepRows = std::map<std::string, std::size_t>;

// An edge back up the page (a loop to an earlier step) does not move the rows.
bool Backwards(const StepRows& index, std::size_t from, const std::string& to) {
  auto it = index.find(to);
  return it != index.end() && it->second <= from;
}

// The digraph's opening: its name, title and the styles of graph, nodes and edges.
std::string DotHeader(const Sop& sop) {
  return fmt::format(
      "digraph \"{}\" {{\n  graph [label=\"{}\", labelloc=t, fontname=\"DejaVu Sans\", "
      "fontsize=14, rankdir=TB, newrank=true, nodesep=0.35, ranksep=0.3, compound=true];\n"
      "  node [fontname=\"DejaVu Sans\", fontsize=10, shape=box, style=\"rounded,filled\", "
      "fillcolor=white];\n"
      "  edge [fontname=\"DejaVu Sans\", fontsize=9];\n",
      Escape(sop.id), Label(sop.title, 80));
}

// Lane `lane_no` of `role` with invisible head `head`: a cluster of the boxes of its `steps`
// (and the diamond of each decision).
std::string DotLane(const Sop& sop, const std::string& role, int lane_no, const std::string& head,
                    const std::vector<const Step*>& steps) {
  std::string out = fmt::format(
      "  subgraph cluster_{} {{\n    label=\"{}\"; labelloc=t; style=filled; fillcolor=\"{}\"; "
      "color=grey60; margin=10;\n    \"{}\" [label=\"\", shape=point, style=invis, width=0];\n",
      lane_no, Escape(RoleName(role)), lane_no % 2 ? "#eef3fb" : "#f7f7f2", head);
  // Mulai stands in the lane of the first step, above it.
  if (role == sop.steps.front().actor)
    out += "    \"_mulai\" [label=\"Mulai\", shape=circle, fillcolor=\"#d8f0d8\"];\n";
  for (const Step* s : steps) {
    std::string time = TimeWords(*s);
    out += fmt::format("    \"{}\" [label=\"{}. {}{}\"];\n", Escape(s->id), Escape(s->no),
                       Label(s->activity, 34), time.empty() ? "" : "\\n(" + Escape(time) + ")");
    if (!s->decision.empty()) {
      out += fmt::format(
          "    \"{}\" [label=\"?\", shape=diamond, style=filled, fillcolor=\"#fff4d6\", "
          "penwidth=1.5, width=0.45, height=0.45, fixedsize=true];\n"
          "    \"{}\" -> \"{}\" [arrowsize=0.6];\n",
          Escape(ExitOf(*s)), Escape(s->id), Escape(ExitOf(*s)));
    }
  }
  // The head sits above the lane's first step.
  out +=
      fmt::format("    \"{}\" -> \"{}\" [style=invis];\n  }}\n", head, Escape(steps.front()->id));
  return out;
}

// The lanes, one per actor of the steps.
std::string DotLanes(const Sop& sop) {
  std::string out;
  std::map<std::string, std::vector<const Step*>> lanes;
  for (const auto& s : sop.steps) lanes[s.actor].push_back(&s);
  // Lanes side by side in the order of the SOP's roles, as in the printed table's columns:
  // an invisible head per lane, all on the top row, chained left to right.
  std::vector<std::string> heads;
  int lane_no = 0;
  for (const auto& role : sop.roles) {
    auto it = lanes.find(role);
    if (it == lanes.end()) continue;
    std::string head = fmt::format("_lajur{}", lane_no);
    out += DotLane(sop, role, lane_no, head, it->second);
    heads.push_back(head);
    ++lane_no;
  }
  out += "  { rank=min;";
  for (const auto& h : heads) out += " \"" + h + "\";";
  out += " }\n";
  for (std::size_t i = 0; i + 1 < heads.size(); ++i)
    out += fmt::format("  \"{}\" -> \"{}\" [style=invis];\n", heads[i], heads[i + 1]);
  return out;
}

// The rows, Selesai at the bottom, and the edge from Mulai to the first step.
std::string DotRows(const Sop& sop) {
  std::string out;
  // One row per step in the SOP's order, whatever lane it is in (the table's rows).
  for (std::size_t i = 0; i + 1 < sop.steps.size(); ++i) {
    out += fmt::format("  \"{}\" -> \"{}\" [style=invis, weight=4];\n",
                       Escape(ExitOf(sop.steps[i])), Escape(sop.steps[i + 1].id));
  }
  out += "  \"_selesai\" [label=\"Selesai\", shape=doublecircle, fillcolor=\"#f3d6d6\"];\n";
  out += "  { rank=max; \"_selesai\"; }\n";
  out += fmt::format("  \"_mulai\" -> \"{}\";\n", Escape(sop.steps.front().id));
  return out;
}

// The edges leaving step `i`: its outcomes, its parallel steps or its next step, the step it
// runs alongside, and the skip of a step that applies only when.
std::string DotStepEdges(const Sop& sop, std::size_t i, const StepRows& index) {
  std::string out;
  const Step& s = sop.steps[i];
  std::string following = i + 1 < sop.steps.size() ? sop.steps[i + 1].id : "_selesai";
  std::string from = Escape(ExitOf(s));
  if (!s.decision.empty()) {
    for (const auto& o : s.decision) {
      std::string to = o.end.empty() ? EdgeTarget(o.next) : "_selesai";
      std::string label = ShortOutcomeLabel(o.label);
      if (!o.start.empty()) label += " \u2192 SOP " + SopName(o.start);
      out += fmt::format("  \"{}\" -> \"{}\" [label=\"{}\", tooltip=\"{}\"{}];\n", from, Escape(to),
                         Label(label, 22), Escape(o.label),
                         Backwards(index, i, to) ? ", constraint=false" : "");
    }
  } else if (!s.parallel.empty()) {
    for (const auto& p : s.parallel)
      out += fmt::format("  \"{}\" -> \"{}\" [style=bold];\n", from, Escape(p));
  } else {
    std::string to =
        !s.end.empty() ? "_selesai" : (!s.next.empty() ? EdgeTarget(s.next) : following);
    std::string label;
    if (!s.start.empty()) label = "\u2192 SOP " + SopName(s.start);
    out += fmt::format("  \"{}\" -> \"{}\"{}{};\n", from, Escape(to),
                       label.empty() ? "" : fmt::format(" [label=\"{}\"]", Label(label, 22)),
                       Backwards(index, i, to) ? " [constraint=false]" : "");
  }
  if (!s.alongside.empty()) {
    out += fmt::format("  \"{}\" -> \"{}\" [style=bold, label=\"bersamaan\"];\n",
                       Escape(s.alongside), Escape(s.id));
  }
  if (!s.when.empty()) {
    std::string to = !s.next.empty() ? EdgeTarget(s.next) : following;
    out +=
        fmt::format("  \"{}\" -> \"{}\" [style=dashed, label=\"bila tidak berlaku\"{}];\n",
                    Escape(s.id), Escape(to), Backwards(index, i, to) ? ", constraint=false" : "");
  }
  return out;
}

}  // namespace

std::string RenderDot(const Sop& sop) {
  std::string out = DotHeader(sop);
  if (sop.steps.empty()) return out + "}\n";
  StepRows index;  // step id -> its row
  for (std::size_t i = 0; i < sop.steps.size(); ++i) index[sop.steps[i].id] = i;
  out += DotLanes(sop);
  out += DotRows(sop);
  for (std::size_t i = 0; i < sop.steps.size(); ++i) out += DotStepEdges(sop, i, index);
  out += "}\n";
  return out;
}

}  // namespace lindungi::sop
