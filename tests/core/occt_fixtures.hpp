#pragma once
// Test helpers: geometry fixtures built in code from OpenCASCADE primitives, written to a
// fresh temporary folder.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include <BRepBuilderAPI_Transform.hxx>
#include <BRepTools.hxx>
#include <IGESControl_Controller.hxx>
#include <IGESControl_Writer.hxx>
#include <Interface_Static.hxx>
#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_PrinterOStream.hxx>
#include <STEPControl_Controller.hxx>
#include <STEPControl_Writer.hxx>
#include <TopoDS_Shape.hxx>
#include <gp_Trsf.hxx>
#include <unistd.h>

namespace archipel::test {

/// A temporary folder removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("archipel-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline void quiet_occt() {
  Message::DefaultMessenger()->RemovePrinters(STANDARD_TYPE(Message_PrinterOStream));
}

/// Writes `shape` (millimetres) as STEP in `unit` ("MM", "INCH", "M").
inline std::filesystem::path write_step(const TopoDS_Shape& shape, const std::filesystem::path& path,
                                        const char* unit = "MM") {
  quiet_occt();
  STEPControl_Controller::Init();
  STEPControl_Writer writer;
  Interface_Static::SetCVal("write.step.unit", unit);
  writer.Transfer(shape, STEPControl_AsIs);
  writer.Write(path.c_str());
  Interface_Static::SetCVal("write.step.unit", "MM");
  return path;
}

/// Writes `shape` as IGES in millimetres, as solids (brep_mode 1) or trimmed surfaces (0).
inline std::filesystem::path write_iges(const TopoDS_Shape& shape, const std::filesystem::path& path,
                                        int brep_mode, const char* unit = "MM") {
  quiet_occt();
  IGESControl_Controller::Init();
  IGESControl_Writer writer(unit, brep_mode);
  writer.AddShape(shape);
  writer.ComputeModel();
  writer.Write(path.c_str());
  return path;
}

/// Writes `shape` as an OpenCASCADE BREP file.
inline std::filesystem::path write_brep(const TopoDS_Shape& shape, const std::filesystem::path& path) {
  BRepTools::Write(shape, path.c_str());
  return path;
}

/// Writes `text` to `path` as bytes.
inline std::filesystem::path write_bytes(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

/// `shape` moved by `trsf` (a new shape, geometry copied).
inline TopoDS_Shape moved(const TopoDS_Shape& shape, const gp_Trsf& trsf) {
  return BRepBuilderAPI_Transform(shape, trsf, true).Shape();
}

}  // namespace archipel::test
