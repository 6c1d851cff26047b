// Reading STEP, IGES and BREP through OpenCASCADE. OCCT converts STEP and IGES lengths to the
// unit named by the static parameter `xstep.cascade.unit`, set here to millimetres.
#include "occt/occt_read.hpp"

#include <exception>
#include <iostream>
#include <map>

#include <BRepBuilderAPI_MakeSolid.hxx>
#include <BRepBuilderAPI_Sewing.hxx>
#include <BRepBuilderAPI_Transform.hxx>
#include <BRep_Builder.hxx>
#include <BRepTools.hxx>
#include <IFSelect_ReturnStatus.hxx>
#include <IGESControl_Controller.hxx>
#include <IGESControl_Reader.hxx>
#include <IGESData_GlobalSection.hxx>
#include <IGESData_IGESModel.hxx>
#include <Interface_Static.hxx>
#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_PrinterOStream.hxx>
#include <Message_ProgressIndicator.hxx>
#include <Message_ProgressRange.hxx>
#include <Message_ProgressScope.hxx>
#include <OSD.hxx>
#include <Standard_ErrorHandler.hxx>
#include <STEPControl_Controller.hxx>
#include <STEPControl_Reader.hxx>
#include <Standard_Failure.hxx>
#include <TColStd_SequenceOfAsciiString.hxx>
#include <TopExp_Explorer.hxx>
#include <TopoDS.hxx>
#include <TopoDS_Shell.hxx>
#include <gp_Trsf.hxx>

namespace archipel::core::detail {
namespace {

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// STEP names its length unit in words ("INCH", "MILLIMETRE"); map them to ours.
std::string step_unit_name(const std::string& raw) {
  static const std::map<std::string, std::string> names{
      {"millimetre", "mm"}, {"millimeter", "mm"}, {"mm", "mm"},       {"centimetre", "cm"},
      {"centimeter", "cm"}, {"cm", "cm"},         {"metre", "m"},      {"meter", "m"},
      {"m", "m"},           {"inch", "inch"},     {"in", "inch"},      {"foot", "ft"},
      {"feet", "ft"},       {"ft", "ft"},         {"micrometre", "um"}, {"micron", "um"},
      {"kilometre", "km"},  {"mile", "mile"}};
  const auto it = names.find(lower_ascii(raw));
  return it == names.end() ? lower_ascii(raw) : it->second;
}

// IGES global section, parameter 14: the unit flag.
std::string iges_unit_name(int flag) {
  switch (flag) {
    case 1: return "inch";
    case 2: return "mm";
    case 4: return "ft";
    case 5: return "mile";
    case 6: return "m";
    case 7: return "km";
    case 8: return "mil";
    case 9: return "um";
    case 10: return "cm";
    case 11: return "microinch";
    default: return "mm";
  }
}

// Relays OpenCASCADE's transfer progress to the caller.
class RelayProgress : public Message_ProgressIndicator {
 public:
  explicit RelayProgress(const MeasureProgress& progress) : progress_(progress) {}
  void Show(const Message_ProgressScope&, const Standard_Boolean) override {
    if (progress_) progress_("transferring the shapes", GetPosition());
  }

 private:
  const MeasureProgress& progress_;
};

// The transfer of a STEP or IGES reader's roots, reporting its progress.
template <class Reader>
void transfer(Reader& reader, const MeasureOptions& options) {
  if (!options.progress) {
    reader.TransferRoots(Message_ProgressRange());
    return;
  }
  const Handle(RelayProgress) indicator = new RelayProgress(options.progress);
  reader.TransferRoots(indicator->Start());
}

Result<LoadedShape> read_step(const std::filesystem::path& path, const MeasureOptions& options) {
  STEPControl_Controller::Init();
  STEPControl_Reader reader;
  Interface_Static::SetCVal("xstep.cascade.unit", "MM");
  if (reader.ReadFile(path.c_str()) != IFSelect_RetDone)
    return fail(Errc::io, "not a readable STEP file (the STEP parser rejected it)", path.string());
  LoadedShape out;
  TColStd_SequenceOfAsciiString lengths, angles, solid_angles;
  reader.FileUnits(lengths, angles, solid_angles);
  out.source_unit = lengths.IsEmpty() ? "mm" : step_unit_name(lengths.First().ToCString());
  if (reader.NbRootsForTransfer() == 0)
    return fail(Errc::io, "the STEP file holds no shape", path.string());
  transfer(reader, options);
  out.shape = reader.OneShape();
  return out;
}

Result<LoadedShape> read_iges(const std::filesystem::path& path, const MeasureOptions& options) {
  IGESControl_Controller::Init();
  IGESControl_Reader reader;
  Interface_Static::SetCVal("xstep.cascade.unit", "MM");
  if (reader.ReadFile(path.c_str()) != IFSelect_RetDone)
    return fail(Errc::io, "not a readable IGES file (the IGES parser rejected it)", path.string());
  LoadedShape out;
  const IGESData_GlobalSection& global = reader.IGESModel()->GlobalSection();
  // Flag 3: the unit is named in parameter 15 instead.
  out.source_unit = global.UnitFlag() == 3 && !global.UnitName().IsNull()
                        ? step_unit_name(global.UnitName()->ToCString())
                        : iges_unit_name(global.UnitFlag());
  if (reader.NbRootsForTransfer() == 0)
    return fail(Errc::io, "the IGES file holds no shape", path.string());
  transfer(reader, options);
  out.shape = reader.OneShape();
  return out;
}

Result<LoadedShape> read_brep(const std::filesystem::path& path, const MeasureOptions& options) {
  LoadedShape out;
  BRep_Builder builder;
  if (!BRepTools::Read(out.shape, path.c_str(), builder) || out.shape.IsNull())
    return fail(Errc::io, "not a readable BREP file", path.string());
  const LengthUnit unit = options.unit.value_or(LengthUnit::mm);
  out.source_unit = std::string(unit_name(unit));
  if (!options.unit) out.warnings.push_back({"units.assumed", "BREP has no unit; millimetres assumed"});
  if (unit != LengthUnit::mm) {
    gp_Trsf scale;
    scale.SetScaleFactor(unit_to_mm(unit));
    out.shape = BRepBuilderAPI_Transform(out.shape, scale, true).Shape();
  }
  return out;
}

bool has(const TopoDS_Shape& shape, TopAbs_ShapeEnum kind) {
  return TopExp_Explorer(shape, kind).More();
}

// IGES often carries trimmed surfaces rather than solids: sew them, and close them into a solid
// when the sewing gives closed shells, so volumes and hole classification still work.
TopoDS_Shape solidify(const TopoDS_Shape& shape, double tolerance, std::vector<Warning>& warnings) {
  if (has(shape, TopAbs_SOLID) || !has(shape, TopAbs_FACE)) return shape;
  BRepBuilderAPI_Sewing sewing(tolerance);
  sewing.Add(shape);
  sewing.Perform();
  const TopoDS_Shape sewn = sewing.SewedShape();
  BRepBuilderAPI_MakeSolid maker;
  int shells = 0;
  for (TopExp_Explorer it(sewn, TopAbs_SHELL); it.More(); it.Next()) {
    const TopoDS_Shell& shell = TopoDS::Shell(it.Current());
    if (!shell.Closed()) {
      warnings.push_back({"brep.open", "the surfaces do not close into a solid; volume and holes are unreliable"});
      return sewn;
    }
    maker.Add(shell);
    ++shells;
  }
  if (shells == 0 || !maker.IsDone()) return sewn;
  warnings.push_back({"brep.sewn", "the file holds surfaces, not solids; they were sewn into a solid"});
  return maker.Solid();
}

Result<LoadedShape> read_any(const std::filesystem::path& path, GeometryFormat format,
                             const MeasureOptions& options) {
  switch (format) {
    case GeometryFormat::step: return read_step(path, options);
    case GeometryFormat::iges: return read_iges(path, options);
    case GeometryFormat::brep: return read_brep(path, options);
    default: return fail(Errc::io, "not an OpenCASCADE format", path.string());
  }
}

// Some OpenCASCADE readers (BRepTools::Read, the STEP parser) write to std::cout directly;
// their standard streams are muted while they run.
class MutedStreams {
 public:
  MutedStreams() : out_(std::cout.rdbuf(nullptr)), err_(std::cerr.rdbuf(nullptr)) {}
  ~MutedStreams() {
    std::cout.clear();
    std::cerr.clear();
    std::cout.rdbuf(out_);
    std::cerr.rdbuf(err_);
  }
  MutedStreams(const MutedStreams&) = delete;
  MutedStreams& operator=(const MutedStreams&) = delete;

 private:
  std::streambuf* out_;
  std::streambuf* err_;
};

}  // namespace

void silence_occt() {
  static const bool done = [] {
    const Handle(Message_Messenger)& messenger = Message::DefaultMessenger();
    messenger->RemovePrinters(STANDARD_TYPE(Message_PrinterOStream));
    // Turn access violations inside OpenCASCADE (a corrupt STEP entity dereferenced as null)
    // into Standard_Failure, which its translators and our adapters catch. Floating-point
    // traps stay off.
    OSD::SetSignal(Standard_False);
    return true;
  }();
  (void)done;
}

Result<LoadedShape> read_occt_shape(const std::filesystem::path& path, GeometryFormat format,
                                    const MeasureOptions& options) {
  silence_occt();
  try {
    OCC_CATCH_SIGNALS
    MutedStreams muted;
    auto loaded = read_any(path, format, options);
    if (!loaded) return loaded;
    if (loaded->shape.IsNull() || !has(loaded->shape, TopAbs_FACE))
      return fail(Errc::io, "the file holds no surface or solid", path.string());
    loaded->shape = solidify(loaded->shape, options.tolerances.linear_mm * 10, loaded->warnings);
    if (options.unit && format != GeometryFormat::brep)
      loaded->warnings.push_back({"units.ignored", std::string(format_name(format)) +
                                    " carries its own unit; the declared unit is ignored"});
    return loaded;
  } catch (const Standard_Failure& e) {
    return fail(Errc::io, std::string("OpenCASCADE could not read the file: ") +
                              (e.GetMessageString() ? e.GetMessageString() : "unknown failure"),
                path.string());
  } catch (const std::exception& e) {
    return fail(Errc::io, std::string("could not read the file: ") + e.what(), path.string());
  }
}

}  // namespace archipel::core::detail
