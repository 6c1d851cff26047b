// STEP through OpenCASCADE's writer with a fixed header, so that the same part gives the same
// bytes on every run (OCCT 7.6 writes STEP only to a file: through a private temporary folder).
#include "make/writers.hpp"

#include "archipel/core/safe_fs.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <APIHeaderSection_MakeHeader.hxx>
#include <Interface_Static.hxx>
#include <STEPControl_Controller.hxx>
#include <STEPControl_Writer.hxx>
#include <TCollection_HAsciiString.hxx>

namespace archipel::core::detail {
namespace {

std::optional<std::string> read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in) return std::nullopt;
  return bytes.str();
}

}  // namespace

std::optional<std::string> step_bytes(const TopoDS_Shape& shape, const std::string& name) {
  STEPControl_Controller::Init();
  STEPControl_Writer writer;
  Interface_Static::SetCVal("write.step.unit", "MM");
  Interface_Static::SetCVal("write.step.schema", "AP214IS");
  if (writer.Transfer(shape, STEPControl_AsIs) != IFSelect_RetDone) return std::nullopt;
  APIHeaderSection_MakeHeader header(writer.Model());
  header.SetName(new TCollection_HAsciiString(name.c_str()));
  header.SetTimeStamp(new TCollection_HAsciiString("2000-01-01T00:00:00"));
  header.SetOriginatingSystem(new TCollection_HAsciiString("Archipel make"));
  header.SetAuthorValue(1, new TCollection_HAsciiString("Archipel generic parts"));
  header.SetOrganizationValue(1, new TCollection_HAsciiString("Archipel"));
  ScratchDir temp("archipel-make");
  if (temp.path().empty()) return std::nullopt;
  const auto file = temp.path() / "part.step";
  if (writer.Write(file.c_str()) != IFSelect_RetDone) return std::nullopt;
  return read_all(file);
}

}  // namespace archipel::core::detail
