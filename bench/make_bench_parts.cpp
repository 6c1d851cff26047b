// Writes the benchmark parts into OUTDIR: square plates with n × n Ø5.5 holes on a 20 mm pitch
// (n = 5, 10, 20, 30: up to 900 holes) as STEP, and the 900-hole plate finely meshed as a binary
// STL of about 500k triangles.
#include <filesystem>
#include <iostream>
#include <string>

#include <BRepMesh_IncrementalMesh.hxx>
#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_PrinterOStream.hxx>
#include <STEPControl_Writer.hxx>
#include <StlAPI_Writer.hxx>

#include "example_parts.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: archipel_make_bench_parts OUTDIR\n";
    return 2;
  }
  Message::DefaultMessenger()->RemovePrinters(STANDARD_TYPE(Message_PrinterOStream));
  const std::filesystem::path out = argv[1];
  std::filesystem::create_directories(out);
  for (int n : {5, 10, 20, 30}) {
    std::vector<std::pair<double, double>> centres;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) centres.emplace_back(10 + 20 * i, 10 + 20 * j);
    const TopoDS_Shape plate = archipel::examples::drilled_plate(20 * n, 20 * n, 3, 5.5, centres);
    const std::string name = "plate-" + std::to_string(n * n) + "-holes";
    STEPControl_Writer writer;
    writer.Transfer(plate, STEPControl_AsIs);
    writer.Write((out / (name + ".step")).c_str());
    std::cout << (out / (name + ".step")).string() << "\n";
    if (n == 30) {
      BRepMesh_IncrementalMesh mesh(plate, 0.01, false, 0.07, false);
      StlAPI_Writer stl;
      stl.ASCIIMode() = false;
      stl.Write(plate, (out / (name + ".stl")).c_str());
      std::cout << (out / (name + ".stl")).string() << "\n";
    }
  }
  return 0;
}
