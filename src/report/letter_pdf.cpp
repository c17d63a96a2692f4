#include "report/letter_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>

#include <fmt/format.h>

#include "core/text.h"
#include "report/indonesian_date.h"

namespace lindungi::report {

namespace {

// "Kota Contoh, 23 November 2026"; the date alone for a unit that has not set its city.
std::string PlaceAndDate(const Letter& letter) {
  if (letter.place.empty()) return FormatIndonesianDate(letter.date);
  return fmt::format("{}, {}", letter.place, FormatIndonesianDate(letter.date));
}

// A4 in points; margins as the tata naskah dinas sets them (left wider for binding).
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kCm = 28.3465;
constexpr double kMarginLeft = 3.0 * kCm;
constexpr double kMarginRight = 2.0 * kCm;
constexpr double kMarginTop = 1.5 * kCm;
constexpr double kMarginBottom = 2.5 * kCm;
constexpr double kContentWidth = kPageWidth - kMarginLeft - kMarginRight;
constexpr double kIndentStep = 1.0 * kCm;
constexpr double kFirstLineIndent = 1.25 * kCm;
constexpr double kBlockGap = 3.0;
constexpr double kSignatureSpace = 56.0;  // room to sign (and for the duty stamp)

constexpr const char* kFontFamily = "Liberation Serif,DejaVu Serif,serif";
constexpr double kBodySize = 12.0;
constexpr double kSmallSize = 10.0;

struct CairoDeleter {
  void operator()(cairo_t* p) const { cairo_destroy(p); }
  void operator()(cairo_surface_t* p) const { cairo_surface_destroy(p); }
};
struct GObjectDeleter {
  void operator()(void* p) const { g_object_unref(p); }
};
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoDeleter>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectDeleter>;

struct Style {
  double size = kBodySize;
  bool bold = false;
  bool underline = false;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool justify = false;
  double first_indent = 0;

  Style& Size(double s) { return size = s, *this; }
  Style& Bold(bool b = true) { return bold = b, *this; }
  Style& Underline() { return underline = true, *this; }
  Style& Centre() { return align = PANGO_ALIGN_CENTER, *this; }
  Style& Justify() { return justify = true, *this; }
  Style& FirstIndent(double i) { return first_indent = i, *this; }
};

Style Centred(double size = kBodySize, bool bold = false) {
  return Style().Size(size).Bold(bold).Centre();
}

// Case and letter numbers (PPA-DEMO/2026/00042, 400.2.8/0042/UPTD-PPA/XI/2026) are read as
// one word: no line break inside a run of non-spaces holding a '/'.
void KeepIdentifiersWhole(PangoAttrList* attrs, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = text.find_first_of(" \n\t", i);
    if (end == std::string_view::npos) end = text.size();
    if (text.substr(i, end - i).find('/') != std::string_view::npos) {
      PangoAttribute* a = pango_attr_allow_breaks_new(FALSE);
      a->start_index = unsigned(i);
      a->end_index = unsigned(end);
      pango_attr_list_insert(attrs, a);
    }
    i = end + 1;
  }
}

// The emblem as an image surface, or null if `png` is not a PNG.
SurfacePtr DecodePng(const std::string& png) {
  struct Reader {
    std::string_view rest;
  } reader{png};
  auto read = [](void* closure, unsigned char* data, unsigned int length) {
    auto* r = static_cast<Reader*>(closure);
    if (r->rest.size() < length) return CAIRO_STATUS_READ_ERROR;
    std::memcpy(data, r->rest.data(), length);
    r->rest.remove_prefix(length);
    return CAIRO_STATUS_SUCCESS;
  };
  SurfacePtr s(cairo_image_surface_create_from_png_stream(read, &reader));
  if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) return nullptr;
  return s;
}

// How one pass lays a letter out. Pagination is decided while drawing, so a letter is laid
// out without drawing first: to count its pages for the footers, and to see whether the
// signatures would be split from the text or from each other by a page break (then the
// closing paragraph, with its heading, goes over to a new page with them: a signature page
// must carry some of the letter's text).
struct Pass {
  bool draw = false;
  int total_pages = 0;
  bool closing_on_new_page = false;
};
struct PassResult {
  int pages = 1;
  bool signatures_split = false;
};

// Lays out and draws one letter.
class Renderer {
 public:
  Renderer(cairo_t* cr, PangoFontMap* fonts, const Pass& pass)
      : cr_(cr), draw_(pass.draw), total_pages_(pass.total_pages), pass_(pass) {
    context_.reset(pango_font_map_create_context(fonts));
    pango_cairo_update_context(cr_, context_.get());
    // Points as the unit, and unhinted metrics, so the layout is the same on any machine.
    pango_cairo_context_set_resolution(context_.get(), 72.0);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context_.get(), options);
    cairo_font_options_destroy(options);
    line_height_ = Height(Layout("Ag", kContentWidth, {}).get());
  }

  void Render(const Letter& letter) {
    y_ = kMarginTop;
    DrawLetterhead(letter.letterhead);
    if (letter.layout == LetterLayout::kOfficialLetter) {
      DrawOfficialHeader(letter);
    } else {
      DrawTitledHeader(letter);
    }
    label_width_ = 0;
    field_label_width_ = 0;
    for (const Block& b : letter.body) {
      if (b.label) label_width_ = std::max(label_width_, TextWidth(*b.label, {}));
      // One column for every field table's labels, so all colons line up as typed.
      if (const auto* t = std::get_if<FieldTable>(&b.content)) {
        for (const auto& r : t->rows)
          field_label_width_ = std::max(field_label_width_, TextWidth(r.label, {}));
      }
    }
    // The closing: the last block and the headings just above it.
    std::size_t closing = letter.body.empty() ? 0 : letter.body.size() - 1;
    while (closing > 0 && std::holds_alternative<Heading>(letter.body[closing - 1].content))
      --closing;
    for (std::size_t i = 0; i < letter.body.size(); ++i) {
      if (pass_.closing_on_new_page && i == closing && i > 0) NewPage();
      DrawBlock(letter.body[i]);
    }
    const int page_before_signatures = page_;
    DrawSignatures(letter);
    signatures_split_ = page_ != page_before_signatures;
    DrawCopies(letter.copies_to);
    DrawFooter();
    if (draw_) cairo_show_page(cr_);
  }

  PassResult result() const { return {page_, signatures_split_}; }

 private:
  LayoutPtr Layout(std::string_view text, double width, const Style& style) const {
    LayoutPtr layout(pango_layout_new(context_.get()));
    PangoFontDescription* font = pango_font_description_from_string(kFontFamily);
    pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    pango_layout_set_width(layout.get(), int(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), style.align);
    pango_layout_set_justify(layout.get(), style.justify);
    pango_layout_set_indent(layout.get(), int(style.first_indent * PANGO_SCALE));
    pango_layout_set_line_spacing(layout.get(), 1.0f);
    pango_layout_set_text(layout.get(), text.data(), int(text.size()));
    PangoAttrList* attrs = pango_attr_list_new();
    if (style.underline) {
      pango_attr_list_insert(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE));
    }
    KeepIdentifiersWhole(attrs, text);
    pango_layout_set_attributes(layout.get(), attrs);
    pango_attr_list_unref(attrs);
    return layout;
  }

  static double Height(PangoLayout* layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return double(h) / PANGO_SCALE;
  }

  double TextWidth(std::string_view text, const Style& style) const {
    LayoutPtr layout = Layout(text, kContentWidth, style);
    PangoRectangle logical;
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    return double(logical.width) / PANGO_SCALE;
  }

  // Draws a whole layout with its top at (x, y), without page breaks.
  void DrawAt(PangoLayout* layout, double x, double y) {
    if (!draw_) return;
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout);
  }

  // Draws a layout from the cursor down, line by line, starting a new page where a line
  // would cross the bottom margin.
  void Flow(PangoLayout* layout, double x) {
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    double offset = 0;
    bool first = true;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      double top = double(logical.y) / PANGO_SCALE;
      double height = double(logical.height) / PANGO_SCALE;
      if (first) offset = y_ - top;
      if (offset + top + height > Bottom()) {
        NewPage();
        offset = y_ - top;
      }
      first = false;
      if (draw_) {
        double baseline = double(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
        cairo_move_to(cr_, x + double(logical.x) / PANGO_SCALE, offset + baseline);
        pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      }
      y_ = offset + top + height;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  static double Bottom() { return kPageHeight - kMarginBottom; }

  void EnsureSpace(double height) {
    // A block taller than a page starts where it is and flows on.
    if (y_ + height > Bottom() && height <= Bottom() - kMarginTop) NewPage();
  }

  void NewPage() {
    DrawFooter();
    if (draw_) cairo_show_page(cr_);
    ++page_;
    y_ = kMarginTop;
  }

  void DrawFooter() {
    if (total_pages_ < 2) return;
    LayoutPtr footer = Layout(fmt::format("Halaman {} dari {}", page_, total_pages_), kContentWidth,
                              Centred(kSmallSize));
    DrawAt(footer.get(), kMarginLeft, kPageHeight - kMarginBottom + 0.8 * kCm);
  }

  void DrawLetterhead(const Letterhead& head) {
    double text_x = kMarginLeft;
    double text_width = kContentWidth;
    double emblem_bottom = y_;
    if (!head.emblem_png.empty()) {
      SurfacePtr emblem = DecodePng(head.emblem_png);
      if (emblem) {
        constexpr double kEmblemHeight = 2.6 * kCm;
        double scale = kEmblemHeight / cairo_image_surface_get_height(emblem.get());
        double emblem_width = cairo_image_surface_get_width(emblem.get()) * scale;
        if (draw_) {
          cairo_save(cr_);
          cairo_translate(cr_, kMarginLeft, y_);
          cairo_scale(cr_, scale, scale);
          cairo_set_source_surface(cr_, emblem.get(), 0, 0);
          cairo_paint(cr_);
          cairo_restore(cr_);
        }
        text_x += emblem_width + 0.3 * kCm;
        text_width -= emblem_width + 0.3 * kCm;
        emblem_bottom = y_ + kEmblemHeight;
      }
    }
    auto line = [&](std::string_view text, const Style& style) {
      LayoutPtr layout = Layout(text, text_width, style);
      DrawAt(layout.get(), text_x, y_);
      y_ += Height(layout.get());
    };
    for (const auto& a : head.authority_lines) line(a, Centred(13.0));
    if (!head.unit_name.empty()) line(head.unit_name, Centred(15.0, true));
    for (const auto& c : head.contact_lines) line(c, Centred(9.5));
    y_ = std::max(y_, emblem_bottom) + 4.0;
    // The double rule of a kop surat: thick over thin.
    if (draw_) {
      cairo_set_source_rgb(cr_, 0, 0, 0);
      cairo_set_line_width(cr_, 2.2);
      cairo_move_to(cr_, kMarginLeft, y_);
      cairo_line_to(cr_, kMarginLeft + kContentWidth, y_);
      cairo_stroke(cr_);
      cairo_set_line_width(cr_, 0.7);
      cairo_move_to(cr_, kMarginLeft, y_ + 2.8);
      cairo_line_to(cr_, kMarginLeft + kContentWidth, y_ + 2.8);
      cairo_stroke(cr_);
    }
    y_ += 16.0;
  }

  // Label : value rows at x, the labels in a column of `label_width`.
  void DrawRows(const std::vector<FieldRow>& rows, double x, double label_width, double width) {
    double colon_width = TextWidth(":", {});
    double value_x = x + label_width + 6.0 + colon_width + 6.0;
    double value_width = std::max(width - (value_x - x), 4 * kCm);
    for (const FieldRow& row : rows) {
      LayoutPtr label = Layout(row.label, label_width, {});
      LayoutPtr value = Layout(row.value.empty() ? "-" : row.value, value_width, {});
      EnsureSpace(std::max(Height(label.get()), Height(value.get())));
      double top = y_;
      int page = page_;
      DrawAt(label.get(), x, top);
      LayoutPtr colon = Layout(":", colon_width + 1, {});
      DrawAt(colon.get(), x + label_width + 6.0, top);
      Flow(value.get(), value_x);
      if (page_ == page) y_ = std::max(y_, top + Height(label.get()));
    }
  }

  // Date on the right; Nomor, Sifat, Lampiran, Perihal on the left with the recipient
  // ("Kepada Yth. ... di - ...") beside them on the right.
  void DrawOfficialHeader(const Letter& letter) {
    const double right_x = kMarginLeft + 0.58 * kContentWidth;
    const double right_width = kMarginLeft + kContentWidth - right_x;
    LayoutPtr date = Layout(PlaceAndDate(letter), right_width, {});
    DrawAt(date.get(), right_x, y_);
    y_ += Height(date.get()) + 10.0;
    const double top = y_;

    double right_y = top;
    if (!letter.recipient.empty()) {
      auto line = [&](std::string_view text, double indent) {
        LayoutPtr l = Layout(text, right_width - indent, {});
        DrawAt(l.get(), right_x + indent, right_y);
        right_y += Height(l.get());
      };
      line("Kepada", 0);
      double yth_width = TextWidth("Yth. ", {});
      LayoutPtr yth = Layout("Yth.", yth_width + 1, {});
      DrawAt(yth.get(), right_x, right_y);
      for (const auto& r : letter.recipient) line(r, yth_width);
      if (!letter.recipient_place.empty()) {
        line("di -", 0);
        line(letter.recipient_place, 1.0 * kCm);
      }
    }

    std::vector<FieldRow> rows{{"Nomor", letter.agenda_number}};
    if (!letter.nature.empty()) rows.push_back({"Sifat", letter.nature});
    rows.push_back({"Lampiran", letter.attachment});
    rows.push_back({"Perihal", letter.subject});
    double label_width = 0;
    for (const auto& r : rows) label_width = std::max(label_width, TextWidth(r.label, {}));
    DrawRows(rows, kMarginLeft, label_width, right_x - kMarginLeft - 0.4 * kCm);
    y_ = std::max(y_, right_y) + 18.0;
  }

  void DrawTitledHeader(const Letter& letter) {
    for (std::size_t i = 0; i < letter.title_lines.size(); ++i) {
      Style style = Centred(13.0, true);
      style.underline = i + 1 == letter.title_lines.size();
      LayoutPtr title = Layout(letter.title_lines[i], kContentWidth, style);
      DrawAt(title.get(), kMarginLeft, y_);
      y_ += Height(title.get());
    }
    if (!letter.agenda_number.empty()) {
      LayoutPtr number =
          Layout(fmt::format("Nomor : {}", letter.agenda_number), kContentWidth, Centred());
      DrawAt(number.get(), kMarginLeft, y_);
      y_ += Height(number.get());
    }
    if (!letter.subject.empty()) {
      LayoutPtr subject = Layout(letter.subject, kContentWidth, Centred());
      DrawAt(subject.get(), kMarginLeft, y_);
      y_ += Height(subject.get());
    }
    y_ += 18.0;
  }

  static std::string ListMarker(ListStyle style, std::size_t i) {
    switch (style) {
      case ListStyle::kNumbers:
        return fmt::format("{}.", i + 1);
      case ListStyle::kLetters:
        return fmt::format("{}.", char('a' + i % 26));
      case ListStyle::kDashes:
        return "-";
    }
    return "-";
  }

  void DrawBlock(const Block& block) {
    double x = kMarginLeft + block.indent * kIndentStep;
    // Keep the first two lines together, and a heading with what follows it.
    EnsureSpace(std::holds_alternative<Heading>(block.content) ? 3 * line_height_
                                                               : 2 * line_height_);
    if (block.label) {
      if (!block.label->empty()) {
        LayoutPtr label = Layout(*block.label, label_width_ + 1, {});
        DrawAt(label.get(), x, y_);
        LayoutPtr colon = Layout(":", kCm, {});
        DrawAt(colon.get(), x + label_width_ + 6.0, y_);
      }
      x += label_width_ + 6.0 + TextWidth(":", {}) + 6.0;
    }
    const double marker_width = std::max(TextWidth("00.", {}), 0.75 * kCm);
    if (!block.marker.empty()) {
      LayoutPtr marker = Layout(block.marker, marker_width, {});
      DrawAt(marker.get(), x, y_);
      x += marker_width;
    }
    const double width = kMarginLeft + kContentWidth - x;

    if (const auto* p = std::get_if<Paragraph>(&block.content)) {
      Style style = Style().Justify().FirstIndent(p->indent_first_line ? kFirstLineIndent : 0);
      LayoutPtr layout = Layout(p->text, width, style);
      Flow(layout.get(), x);
    } else if (const auto* h = std::get_if<Heading>(&block.content)) {
      Style style = Style().Bold();
      if (h->centred) style.Centre();
      LayoutPtr layout = Layout(h->text, width, style);
      Flow(layout.get(), x);
    } else if (const auto* t = std::get_if<FieldTable>(&block.content)) {
      DrawRows(t->rows, x, std::min(field_label_width_, 0.4 * width), width);
    } else if (const auto* l = std::get_if<ListBlock>(&block.content)) {
      for (std::size_t i = 0; i < l->items.size(); ++i) {
        LayoutPtr item = Layout(l->items[i], width - marker_width, Style().Justify());
        EnsureSpace(line_height_);
        LayoutPtr marker = Layout(ListMarker(l->style, i), marker_width, {});
        DrawAt(marker.get(), x, y_);
        Flow(item.get(), x + marker_width);
      }
    }
    y_ += kBlockGap;
  }

  // One signature in a column: what is above the space to sign, and the name under it.
  struct Column {
    const Signatory* who = nullptr;
    double x = 0;
    double width = 0;
    std::string top_text;
    LayoutPtr top;
    LayoutPtr name, rank, nip;
    double BottomHeight() const {
      return Height(name.get()) + (rank ? Height(rank.get()) : 0) + (nip ? Height(nip.get()) : 0);
    }
  };

  Column MakeColumn(const Signatory& s, double x, double width, std::string date_line) {
    Column c;
    c.who = &s;
    c.x = x;
    c.width = width;
    std::vector<std::string_view> parts;
    if (!date_line.empty()) parts.push_back(date_line);
    if (!s.heading.empty()) parts.push_back(s.heading);
    if (!s.position.empty()) parts.push_back(s.position);
    for (std::string_view p : parts) {
      if (!c.top_text.empty()) c.top_text += '\n';
      c.top_text += p;
    }
    c.top = Layout(c.top_text, width, Centred());
    Style name_style = Centred(kBodySize, true);
    name_style.underline = true;
    c.name = Layout(s.name, width, name_style);
    if (!s.rank.empty()) c.rank = Layout(s.rank, width, Centred());
    if (!s.nip.empty()) c.nip = Layout("NIP. " + s.nip, width, Centred());
    return c;
  }

  void DrawDutyStamp(double centre_x, double top) {
    if (!draw_) return;
    constexpr double kWidth = 2.4 * kCm, kHeight = 1.5 * kCm;
    // On the left of the signature's place: the signature goes partly over the stamp.
    double x = centre_x - kWidth - 0.2 * kCm;
    double y = top + (kSignatureSpace - kHeight) / 2;
    cairo_save(cr_);
    cairo_set_line_width(cr_, 0.6);
    const double dashes[] = {3.0, 2.0};
    cairo_set_dash(cr_, dashes, 2, 0);
    cairo_rectangle(cr_, x, y, kWidth, kHeight);
    cairo_stroke(cr_);
    cairo_restore(cr_);
    LayoutPtr text = Layout("Meterai 10.000", kWidth, Centred(7.5));
    DrawAt(text.get(), x, y + (kHeight - Height(text.get())) / 2);
  }

  // A row of one or two signatures, kept on one page, names on one line.
  void DrawSignatureRow(std::vector<Column>& row) {
    double top_height = 0, bottom_height = 0;
    for (const auto& c : row) {
      top_height = std::max(top_height, c.top_text.empty() ? 0.0 : Height(c.top.get()));
      bottom_height = std::max(bottom_height, c.BottomHeight());
    }
    EnsureSpace(top_height + kSignatureSpace + bottom_height);
    const double row_top = y_;
    for (auto& c : row) {
      double h = c.top_text.empty() ? 0.0 : Height(c.top.get());
      if (!c.top_text.empty()) DrawAt(c.top.get(), c.x, row_top + top_height - h);
      double space_top = row_top + top_height;
      if (c.who->duty_stamp) DrawDutyStamp(c.x + c.width / 2, space_top);
      double y = space_top + kSignatureSpace;
      DrawAt(c.name.get(), c.x, y);
      y += Height(c.name.get());
      if (c.rank) {
        DrawAt(c.rank.get(), c.x, y);
        y += Height(c.rank.get());
      }
      if (c.nip) DrawAt(c.nip.get(), c.x, y);
    }
    y_ = row_top + top_height + kSignatureSpace + bottom_height + 8.0;
  }

  void DrawSignatures(const Letter& letter) {
    const double half = kContentWidth / 2;
    const double left_x = kMarginLeft, right_x = kMarginLeft + half;
    const double centre_x = kMarginLeft + half / 2;
    std::string date_line;
    if (letter.layout == LetterLayout::kTitledDocument && letter.dated_signature)
      date_line = PlaceAndDate(letter);
    y_ += 10.0;
    for (const SignatureGroup& group : letter.signatures) {
      if (&group != &letter.signatures.front()) y_ += 6.0;  // groups apart from each other
      if (!group.caption.empty()) {
        LayoutPtr caption = Layout(group.caption, kContentWidth, Centred());
        EnsureSpace(Height(caption.get()) + kSignatureSpace + 3 * line_height_);
        DrawAt(caption.get(), kMarginLeft, y_);
        y_ += Height(caption.get()) + 4.0;
      }
      const auto& s = group.signatories;
      for (std::size_t i = 0; i < s.size();) {
        std::vector<Column> row;
        if (group.placement == SignaturePlacement::kCentre) {
          row.push_back(MakeColumn(s[i], centre_x, half, std::exchange(date_line, {})));
          i += 1;
        } else if (s.size() == 1) {
          row.push_back(MakeColumn(s[i], right_x, half, std::exchange(date_line, {})));
          i += 1;
        } else if (i + 1 < s.size()) {
          row.push_back(MakeColumn(s[i], left_x, half - 6.0, {}));
          row.push_back(MakeColumn(s[i + 1], right_x, half, std::exchange(date_line, {})));
          i += 2;
        } else {  // the odd one of several: centred under the others
          row.push_back(MakeColumn(s[i], centre_x, half, std::exchange(date_line, {})));
          i += 1;
        }
        DrawSignatureRow(row);
      }
    }
  }

  void DrawCopies(const std::vector<std::string>& copies) {
    if (copies.empty()) return;
    Style small = Style().Size(kSmallSize);
    LayoutPtr caption = Layout("Tembusan:", kContentWidth, small);
    EnsureSpace(Height(caption.get()) * (1 + double(copies.size())));
    Flow(caption.get(), kMarginLeft);
    const double marker_width = 0.6 * kCm;
    for (std::size_t i = 0; i < copies.size(); ++i) {
      LayoutPtr item = Layout(copies[i], kContentWidth - marker_width, small);
      LayoutPtr marker = Layout(fmt::format("{}.", i + 1), marker_width, small);
      EnsureSpace(Height(item.get()));
      DrawAt(marker.get(), kMarginLeft, y_);
      Flow(item.get(), kMarginLeft + marker_width);
    }
  }

  cairo_t* cr_;
  bool draw_;
  int total_pages_;
  Pass pass_;
  bool signatures_split_ = false;
  ContextPtr context_;
  int page_ = 1;
  double y_ = kMarginTop;
  double line_height_ = 0;
  double label_width_ = 0;
  double field_label_width_ = 0;
};

// Every text of the letter, for the checks before rendering.
template <class F>
void ForEachText(const Letter& l, F&& f) {
  for (const auto& s : l.letterhead.authority_lines) f(s);
  f(l.letterhead.unit_name);
  for (const auto& s : l.letterhead.contact_lines) f(s);
  for (const auto& s : l.title_lines) f(s);
  for (const auto* s :
       {&l.agenda_number, &l.place, &l.nature, &l.attachment, &l.subject, &l.recipient_place})
    f(*s);
  for (const auto& s : l.recipient) f(s);
  for (const Block& b : l.body) {
    if (b.label) f(*b.label);
    f(b.marker);
    if (const auto* p = std::get_if<Paragraph>(&b.content)) f(p->text);
    if (const auto* h = std::get_if<Heading>(&b.content)) f(h->text);
    if (const auto* t = std::get_if<FieldTable>(&b.content)) {
      for (const auto& r : t->rows) {
        f(r.label);
        f(r.value);
      }
    }
    if (const auto* li = std::get_if<ListBlock>(&b.content)) {
      for (const auto& s : li->items) f(s);
    }
  }
  for (const auto& g : l.signatures) {
    f(g.caption);
    for (const auto& s : g.signatories) {
      for (const auto* t : {&s.heading, &s.position, &s.name, &s.rank, &s.nip}) f(*t);
    }
  }
  for (const auto& s : l.copies_to) f(s);
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Lays the letter out once; `out` receives the PDF when the pass draws.
Result<PassResult> RenderOnce(const Letter& letter, const Pass& pass, std::string* out) {
  std::string sink;
  SurfacePtr surface(cairo_pdf_surface_create_for_stream(AppendToString, pass.draw ? out : &sink,
                                                         kPageWidth, kPageHeight));
  // Metadata names the kind only (never a person), and fixes the creation date so the same
  // letter gives the same bytes.
  std::string title(LetterKindTitle(letter.kind));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Lindungi");
  std::string date = fmt::format("{:04}-{:02}-{:02}T00:00:00", int(letter.date.year()),
                                 unsigned(letter.date.month()), unsigned(letter.date.day()));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  PassResult result;
  bool ok = true;
  {
    // A font map of its own: Pango's font maps are not thread-safe, and the thread-default
    // one would keep its caches for the life of the thread.
    std::unique_ptr<PangoFontMap, GObjectDeleter> fonts(pango_cairo_font_map_new());
    CairoPtr cr(cairo_create(surface.get()));
    Renderer renderer(cr.get(), fonts.get(), pass);
    renderer.Render(letter);
    result = renderer.result();
    ok = cairo_status(cr.get()) == CAIRO_STATUS_SUCCESS;
  }
  cairo_surface_finish(surface.get());
  if (!ok || cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Fail(MakeError(ErrorKind::kInternal, "pdf_failed", "PDF surat gagal dibuat",
                          "Could not render the letter's PDF"));
  }
  return result;
}

}  // namespace

Result<std::string> RenderLetterPdf(const Letter& letter) {
  bool valid = letter.date.ok();
  ForEachText(letter, [&valid](const std::string& s) {
    if (!IsValidUtf8(s) || HasControlChars(s)) valid = false;
  });
  if (!valid) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "letter_invalid",
                          "Teks atau tanggal surat tidak sah",
                          "A text of the letter is not valid UTF-8 text, or its date is invalid"));
  }
  if (!letter.letterhead.emblem_png.empty() && !DecodePng(letter.letterhead.emblem_png)) {
    return Fail(MakeError(ErrorKind::kInvalidArgument, "letter_emblem_invalid",
                          "Lambang pada kop surat bukan gambar PNG",
                          "The letterhead's emblem is not a PNG image"));
  }
  Pass pass;
  auto first = RenderOnce(letter, pass, nullptr);
  if (!first) return Fail(first.error());
  pass.total_pages = first->pages;
  if (first->signatures_split && letter.body.size() > 1) {
    pass.closing_on_new_page = true;
    auto again = RenderOnce(letter, pass, nullptr);
    if (!again) return Fail(again.error());
    pass.total_pages = again->pages;
  }
  pass.draw = true;
  std::string pdf;
  if (auto drawn = RenderOnce(letter, pass, &pdf); !drawn) return Fail(drawn.error());
  return pdf;
}

}  // namespace lindungi::report
