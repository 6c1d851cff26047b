// archipel_make_examples OUTDIR: writes every example part as STEP, binary STL and part.json into
// OUTDIR/<name>/. The output is byte-identical from run to run (fixed STEP header, serial meshing).
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <APIHeaderSection_MakeHeader.hxx>
#include <BRepMesh_IncrementalMesh.hxx>
#include <Interface_Static.hxx>
#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_PrinterOStream.hxx>
#include <STEPControl_Controller.hxx>
#include <STEPControl_Writer.hxx>
#include <StlAPI_Writer.hxx>
#include <TCollection_HAsciiString.hxx>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "example_parts.hpp"

namespace fs = std::filesystem;
using archipel::examples::ExamplePart;

namespace {

std::string sha256_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string data = bytes.str();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  char buf[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", digest[i]);
    hex += buf;
  }
  return hex;
}

bool write_step(const TopoDS_Shape& shape, const std::string& name, const fs::path& path) {
  STEPControl_Controller::Init();
  STEPControl_Writer writer;
  Interface_Static::SetCVal("write.step.unit", "MM");
  Interface_Static::SetCVal("write.step.schema", "AP214IS");
  if (writer.Transfer(shape, STEPControl_AsIs) != IFSelect_RetDone) return false;
  APIHeaderSection_MakeHeader header(writer.Model());
  header.SetName(new TCollection_HAsciiString(name.c_str()));
  header.SetTimeStamp(new TCollection_HAsciiString("2026-01-01T00:00:00"));
  header.SetOriginatingSystem(new TCollection_HAsciiString("archipel_make_examples"));
  header.SetAuthorValue(1, new TCollection_HAsciiString("Archipel examples"));
  header.SetOrganizationValue(1, new TCollection_HAsciiString("Archipel"));
  return writer.Write(path.c_str()) == IFSelect_RetDone;
}

bool write_stl(const TopoDS_Shape& shape, const fs::path& path) {
  BRepMesh_IncrementalMesh mesh(shape, 0.01, false, 0.1, false);
  StlAPI_Writer writer;
  writer.ASCIIMode() = false;
  return writer.Write(shape, path.c_str());
}

// Whole millimetres are written as integers (120, not 120.0), as archipel writes manifests back.
nlohmann::ordered_json mm(double value) {
  const double whole = std::round(value);
  if (std::abs(value - whole) < 1e-9) return static_cast<long long>(whole);
  return value;
}

nlohmann::ordered_json manifest(const ExamplePart& part, const std::string& serial, const fs::path& dir) {
  using nlohmann::ordered_json;
  const std::string step = part.name + ".step", stl = part.name + ".stl";
  ordered_json files = ordered_json::array();
  files.push_back({{"path", step}, {"role", "geometry"}, {"format", "step"},
                   {"sha256", sha256_of(dir / step)}});
  files.push_back({{"path", stl}, {"role", "geometry"}, {"format", "stl"},
                   {"sha256", sha256_of(dir / stl)}, {"unit", "mm"}});
  ordered_json material{{"name", part.material}, {"form", part.form}};
  if (part.thickness) material["thickness_mm"] = mm(*part.thickness);
  const auto& d = part.dimensions;
  return {{"schema", 1},
          {"kind", "part"},
          {"name", part.name},
          {"version", "1.0.0"},
          {"serial", serial},
          {"designer", {{"name", "Archipel examples"}, {"email", "examples@archipel.example"}}},
          {"licence", "CERN-OHL-P-2.0"},
          {"materials", ordered_json::array({material})},
          {"dimensions", {{"width_mm", mm(d.at(0))}, {"depth_mm", mm(d.at(1))}, {"height_mm", mm(d.at(2))}}},
          {"grid", {{"standard", part.grid}, {"size", part.grid_size}}},
          {"files", files},
          {"fabrication", ordered_json::array({{{"process", part.process}, {"file", step}}})},
          {"description", part.description},
          {"tags", part.tags}};
}

bool write_part(const ExamplePart& part, const std::string& serial, const fs::path& root) {
  const fs::path dir = root / part.name;
  fs::create_directories(dir);
  if (!write_step(part.shape, part.name, dir / (part.name + ".step")) ||
      !write_stl(part.shape, dir / (part.name + ".stl")))
    return false;
  std::ofstream(dir / "part.json") << manifest(part, serial, dir).dump(2) << "\n";
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: archipel_make_examples OUTDIR\n";
    return 2;
  }
  Message::DefaultMessenger()->RemovePrinters(STANDARD_TYPE(Message_PrinterOStream));
  // Fixed serials in the EXA namespace, so example objects can name their members.
  int number = 0;
  for (const ExamplePart& part : archipel::examples::example_parts()) {
    char serial[16];
    std::snprintf(serial, sizeof serial, "EXA-P%04d", ++number);
    if (!write_part(part, serial, argv[1])) {
      std::cerr << "archipel_make_examples: cannot write " << part.name << "\n";
      return 3;
    }
    std::cout << (fs::path(argv[1]) / part.name).string() << "\n";
  }
  return 0;
}
