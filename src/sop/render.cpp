#include "sop/render.h"

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

constexpr const char* kRoleNames[][2] = {{"reporter", "Pelapor"},
                                         {"client", "Klien"},
                                         {"family", "Keluarga"},
                                         {"partner", "Mitra / lembaga lain"},
                                         {"intake_officer", "Petugas Pengaduan"},
                                         {"admin_officer", "Petugas Administrasi"},
                                         {"case_worker", "Petugas Layanan / Pendamping"},
                                         {"case_manager", "Manajer Kasus"},
                                         {"section_head", "Kepala Seksi"},
                                         {"unit_head", "Kepala UPTD"},
                                         {"department_head", "Kepala Dinas"},
                                         {"psychologist", "Psikolog"},
                                         {"mediator", "Mediator"},
                                         {"lawyer", "Advokat"},
                                         {"social_worker", "Pekerja Sosial"}};

std::string RoleName(const std::string& role) {
  for (const auto& [id, name] : kRoleNames)
    if (role == id) return name;
  return role;
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
         s.time_source.empty() ? s.standard_time_text : s.time_source,
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

std::string RenderDot(const Sop& sop) {
  std::string out = fmt::format(
      "digraph \"{}\" {{\n  graph [label=\"{}\", labelloc=t, fontname=\"DejaVu Sans\", "
      "fontsize=14, "
      "rankdir=TB, newrank=true, nodesep=0.4, ranksep=0.35];\n"
      "  node [fontname=\"DejaVu Sans\", fontsize=10, shape=box, style=\"rounded,filled\", "
      "fillcolor=white];\n"
      "  edge [fontname=\"DejaVu Sans\", fontsize=9];\n",
      Escape(sop.id), Label(sop.title, 80));
  std::map<std::string, std::vector<const Step*>> lanes;
  for (const auto& s : sop.steps) lanes[s.actor].push_back(&s);
  int lane_no = 0;
  for (const auto& role : sop.roles) {
    auto it = lanes.find(role);
    if (it == lanes.end()) continue;
    out += fmt::format(
        "  subgraph cluster_{} {{\n    label=\"{}\"; style=filled; fillcolor=\"{}\"; "
        "color=grey60;\n",
        lane_no, Escape(RoleName(role)), lane_no % 2 ? "#eef3fb" : "#f7f7f2");
    for (const Step* s : it->second) {
      std::string time =
          s->standard_time_text == "none" ? "" : "\\n(" + s->standard_time_text + ")";
      out += fmt::format("    \"{}\" [label=\"{}. {}{}\"{}];\n", Escape(s->id), Escape(s->no),
                         Label(s->activity, 38), time,
                         s->decision.empty() ? "" : ", fillcolor=\"#fff4d6\", penwidth=2");
    }
    out += "  }\n";
    ++lane_no;
  }
  out += "  \"_mulai\" [label=\"Mulai\", shape=circle, fillcolor=\"#d8f0d8\"];\n";
  out += "  \"_selesai\" [label=\"Selesai\", shape=doublecircle, fillcolor=\"#f3d6d6\"];\n";
  out += fmt::format("  \"_mulai\" -> \"{}\";\n", Escape(sop.steps.front().id));
  auto target = [](const std::string& next) {
    return next == "end" ? std::string("_selesai") : next;
  };
  for (std::size_t i = 0; i < sop.steps.size(); ++i) {
    const Step& s = sop.steps[i];
    std::string following = i + 1 < sop.steps.size() ? sop.steps[i + 1].id : "_selesai";
    std::string from = Escape(s.id);
    if (!s.decision.empty()) {
      for (const auto& o : s.decision) {
        std::string to = o.end.empty() ? target(o.next) : "_selesai";
        std::string label = o.label + (o.end.empty() ? "" : " [" + o.end + "]") +
                            (o.start.empty() ? "" : " → " + o.start);
        out +=
            fmt::format("  \"{}\" -> \"{}\" [label=\"{}\"];\n", from, Escape(to), Label(label, 28));
      }
    } else if (!s.parallel.empty()) {
      for (const auto& p : s.parallel)
        out += fmt::format("  \"{}\" -> \"{}\" [style=bold];\n", from, Escape(p));
    } else {
      std::string to = !s.end.empty() ? "_selesai" : (!s.next.empty() ? target(s.next) : following);
      std::string label = !s.end.empty() ? s.end : "";
      if (!s.start.empty()) label += (label.empty() ? "" : " ") + std::string("→ ") + s.start;
      out += fmt::format("  \"{}\" -> \"{}\"{};\n", from, Escape(to),
                         label.empty() ? "" : fmt::format(" [label=\"{}\"]", Label(label, 28)));
    }
    if (!s.alongside.empty()) {
      out += fmt::format("  \"{}\" -> \"{}\" [style=bold, label=\"bersamaan\"];\n",
                         Escape(s.alongside), from);
    }
    if (!s.when.empty()) {
      out +=
          fmt::format("  \"{}\" -> \"{}\" [style=dashed, label=\"bila tidak: {}\"];\n", from,
                      Escape(!s.next.empty() ? target(s.next) : following), Escape(Join(s.when)));
    }
  }
  out += "}\n";
  return out;
}

}  // namespace lindungi::sop
