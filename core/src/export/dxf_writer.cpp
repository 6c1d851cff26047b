// The DXF writer. Written here rather than with a library: Debian's libdxflib is GPL-2.0, which
// Archipel's licence cannot take in, and the subset needed (a minimal R2000 drawing with CIRCLE and
// LWPOLYLINE entities on one layer, CUT) is small. The skeleton follows what the DXF reference and
// ezdxf's notes ("Minimal DXF Content") require of an R13+ file: HEADER with $ACADVER and
// $HANDSEED, CLASSES, the nine TABLES with their mandatory entries, the two layout BLOCKS, the
// ENTITIES, and OBJECTS with the root dictionary and ACAD_GROUP. The tests read every file back
// with ezdxf (python3-ezdxf) and audit it.
#include "export/dxf_writer.hpp"

#include <cmath>

#include <fmt/format.h>

namespace archipel::core::detail {
namespace {

// Fixed handles of the skeleton (hexadecimal); entities are numbered from first_entity.
constexpr unsigned block_record_table = 0x1, layer_table = 0x2, style_table = 0x3, view_table = 0x4,
                   ltype_table = 0x5, ucs_table = 0x7, vport_table = 0x8, appid_table = 0x9,
                   dimstyle_table = 0xA, root_dict = 0xC, group_dict = 0xD, layer_0 = 0x10,
                   layer_cut = 0x11, style_standard = 0x13, ltype_byblock = 0x14,
                   ltype_bylayer = 0x15, ltype_continuous = 0x16, appid_acad = 0x17,
                   dimstyle_standard = 0x18, paper_record = 0x1B, model_record = 0x1F,
                   model_block = 0x20, model_end = 0x21, paper_block = 0x1C, paper_end = 0x1D,
                   vport_active = 0x29, first_entity = 0x100;

class Dxf {
 public:
  void tag(int code, std::string_view value) { out_ += fmt::format("{:>3}\n{}\n", code, value); }
  void num(int code, double v) {
    if (std::abs(v) < 5e-7) v = 0;  // never "-0.000000"
    tag(code, fmt::format("{:.6f}", v));
  }
  void integer(int code, long v) { tag(code, fmt::format("{}", v)); }
  void handle(int code, unsigned h) { tag(code, fmt::format("{:X}", h)); }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

void section(Dxf& d, std::string_view name) {
  d.tag(0, "SECTION");
  d.tag(2, name);
}

void header(Dxf& d, const std::array<double, 4>& box, unsigned handseed) {
  section(d, "HEADER");
  d.tag(9, "$ACADVER");
  d.tag(1, "AC1015");
  d.tag(9, "$DWGCODEPAGE");
  d.tag(3, "ANSI_1252");
  d.tag(9, "$INSBASE");
  for (int c : {10, 20, 30}) d.num(c, 0);
  d.tag(9, "$EXTMIN");
  d.num(10, box[0]), d.num(20, box[1]), d.num(30, 0);
  d.tag(9, "$EXTMAX");
  d.num(10, box[2]), d.num(20, box[3]), d.num(30, 0);
  d.tag(9, "$HANDSEED");
  d.handle(5, handseed);
  d.tag(9, "$INSUNITS");
  d.integer(70, 4);  // millimetres
  d.tag(9, "$MEASUREMENT");
  d.integer(70, 1);  // metric
  d.tag(0, "ENDSEC");
  section(d, "CLASSES");
  d.tag(0, "ENDSEC");
}

void table(Dxf& d, std::string_view name, unsigned h, int entries) {
  d.tag(0, "TABLE");
  d.tag(2, name);
  d.handle(5, h);
  d.handle(330, 0);
  d.tag(100, "AcDbSymbolTable");
  d.integer(70, entries);
}

void record(Dxf& d, std::string_view type, unsigned h, unsigned owner, std::string_view subclass,
            std::string_view name) {
  d.tag(0, type);
  d.handle(type == "DIMSTYLE" ? 105 : 5, h);
  d.handle(330, owner);
  d.tag(100, "AcDbSymbolTableRecord");
  d.tag(100, subclass);
  d.tag(2, name);
  d.integer(70, 0);
}

void vports(Dxf& d, const std::array<double, 4>& box) {
  table(d, "VPORT", vport_table, 1);
  record(d, "VPORT", vport_active, vport_table, "AcDbViewportTableRecord", "*ACTIVE");
  d.num(10, 0), d.num(20, 0), d.num(11, 1), d.num(21, 1);
  d.num(12, 0.5 * (box[0] + box[2])), d.num(22, 0.5 * (box[1] + box[3]));
  d.num(13, 0), d.num(23, 0), d.num(14, 10), d.num(24, 10), d.num(15, 10), d.num(25, 10);
  d.num(16, 0), d.num(26, 0), d.num(36, 1), d.num(17, 0), d.num(27, 0), d.num(37, 0);
  d.num(40, std::max(1.0, 1.1 * std::max(box[3] - box[1], box[2] - box[0])));
  d.num(41, 1.5), d.num(42, 50), d.num(43, 0), d.num(44, 0), d.num(50, 0), d.num(51, 0);
  d.integer(71, 0), d.integer(72, 100), d.integer(73, 1), d.integer(74, 3), d.integer(75, 0);
  d.integer(76, 0), d.integer(77, 0), d.integer(78, 0);
  d.tag(0, "ENDTAB");
}

void ltypes(Dxf& d) {
  table(d, "LTYPE", ltype_table, 3);
  for (const auto& [h, name, text] : {std::tuple{ltype_byblock, "ByBlock", ""},
                                      std::tuple{ltype_bylayer, "ByLayer", ""},
                                      std::tuple{ltype_continuous, "Continuous", "Solid line"}}) {
    record(d, "LTYPE", h, ltype_table, "AcDbLinetypeTableRecord", name);
    d.tag(3, text);
    d.integer(72, 65);
    d.integer(73, 0);
    d.num(40, 0);
  }
  d.tag(0, "ENDTAB");
}

void layers(Dxf& d) {
  // CUT is red (1), the convention of most laser software. No ENGRAVE layer: a sheet section has
  // nothing to engrave, and an empty layer would only suggest marks that are not there
  // (docs/export.md).
  table(d, "LAYER", layer_table, 2);
  for (const auto& [h, name, colour] : {std::tuple{layer_0, "0", 7}, std::tuple{layer_cut, "CUT", 1}}) {
    record(d, "LAYER", h, layer_table, "AcDbLayerTableRecord", name);
    d.integer(62, colour);
    d.tag(6, "Continuous");
  }
  d.tag(0, "ENDTAB");
}

void other_tables(Dxf& d) {
  table(d, "STYLE", style_table, 1);
  record(d, "STYLE", style_standard, style_table, "AcDbTextStyleTableRecord", "Standard");
  d.num(40, 0), d.num(41, 1), d.num(50, 0), d.integer(71, 0), d.num(42, 2.5);
  d.tag(3, "txt"), d.tag(4, "");
  d.tag(0, "ENDTAB");
  table(d, "VIEW", view_table, 0);
  d.tag(0, "ENDTAB");
  table(d, "UCS", ucs_table, 0);
  d.tag(0, "ENDTAB");
  table(d, "APPID", appid_table, 1);
  record(d, "APPID", appid_acad, appid_table, "AcDbRegAppTableRecord", "ACAD");
  d.tag(0, "ENDTAB");
  table(d, "DIMSTYLE", dimstyle_table, 1);
  d.tag(100, "AcDbDimStyleTable");
  record(d, "DIMSTYLE", dimstyle_standard, dimstyle_table, "AcDbDimStyleTableRecord", "Standard");
  d.tag(0, "ENDTAB");
  table(d, "BLOCK_RECORD", block_record_table, 2);
  record(d, "BLOCK_RECORD", model_record, block_record_table, "AcDbBlockTableRecord", "*Model_Space");
  record(d, "BLOCK_RECORD", paper_record, block_record_table, "AcDbBlockTableRecord", "*Paper_Space");
  d.tag(0, "ENDTAB");
}

void block(Dxf& d, unsigned begin, unsigned end, unsigned owner, std::string_view name, bool paper) {
  d.tag(0, "BLOCK");
  d.handle(5, begin);
  d.handle(330, owner);
  d.tag(100, "AcDbEntity");
  if (paper) d.integer(67, 1);
  d.tag(8, "0");
  d.tag(100, "AcDbBlockBegin");
  d.tag(2, name);
  d.integer(70, 0);
  d.num(10, 0), d.num(20, 0), d.num(30, 0);
  d.tag(3, name);
  d.tag(1, "");
  d.tag(0, "ENDBLK");
  d.handle(5, end);
  d.handle(330, owner);
  d.tag(100, "AcDbEntity");
  if (paper) d.integer(67, 1);
  d.tag(8, "0");
  d.tag(100, "AcDbBlockEnd");
}

void entity(Dxf& d, std::string_view type, unsigned& next, std::string_view subclass) {
  d.tag(0, type);
  d.handle(5, next++);
  d.handle(330, model_record);
  d.tag(100, "AcDbEntity");
  d.tag(8, "CUT");
  d.tag(100, subclass);
}

void contour(Dxf& d, const ProfileContour& c, unsigned& next) {
  if (c.is_circle) {
    entity(d, "CIRCLE", next, "AcDbCircle");
    d.num(10, c.centre[0]), d.num(20, c.centre[1]), d.num(30, 0);
    d.num(40, c.radius);
    return;
  }
  entity(d, "LWPOLYLINE", next, "AcDbPolyline");
  d.integer(90, static_cast<long>(c.segments.size()));
  d.integer(70, 1);  // closed
  for (const auto& s : c.segments) {
    d.num(10, s.start[0]), d.num(20, s.start[1]);
    if (s.bulge != 0) d.tag(42, fmt::format("{:.9f}", s.bulge));
  }
}

void objects(Dxf& d) {
  section(d, "OBJECTS");
  d.tag(0, "DICTIONARY");
  d.handle(5, root_dict);
  d.handle(330, 0);
  d.tag(100, "AcDbDictionary");
  d.integer(281, 1);
  d.tag(3, "ACAD_GROUP");
  d.handle(350, group_dict);
  d.tag(0, "DICTIONARY");
  d.handle(5, group_dict);
  d.handle(330, root_dict);
  d.tag(100, "AcDbDictionary");
  d.integer(281, 1);
  d.tag(0, "ENDSEC");
}

}  // namespace

std::string write_dxf(const SheetProfile& profile) {
  const auto box = profile_box(profile);
  const unsigned handseed = first_entity + static_cast<unsigned>(profile.contours.size());
  Dxf d;
  header(d, box, handseed);
  section(d, "TABLES");
  vports(d, box);
  ltypes(d);
  layers(d);
  other_tables(d);
  d.tag(0, "ENDSEC");
  section(d, "BLOCKS");
  block(d, model_block, model_end, model_record, "*Model_Space", false);
  block(d, paper_block, paper_end, paper_record, "*Paper_Space", true);
  d.tag(0, "ENDSEC");
  section(d, "ENTITIES");
  unsigned next = first_entity;
  for (const auto& c : profile.contours) contour(d, c, next);
  d.tag(0, "ENDSEC");
  objects(d);
  d.tag(0, "EOF");
  return d.take();
}

}  // namespace archipel::core::detail
