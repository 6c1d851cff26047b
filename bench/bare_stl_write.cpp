// The baseline of bench_export.sh: OpenCASCADE's own STEP-to-STL path and nothing else:
// STEPControl_Reader, BRepMesh_IncrementalMesh with the tolerances `archipel export` uses by
// default (0.01 mm chordal, 0.5 rad angular, one thread), StlAPI_Writer in binary.
#include <cstdlib>
#include <iostream>

#include <BRepMesh_IncrementalMesh.hxx>
#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_PrinterOStream.hxx>
#include <STEPControl_Reader.hxx>
#include <StlAPI_Writer.hxx>

int main(int argc, char** argv) {
  if (argc != 3 && argc != 5) {
    std::cerr << "usage: archipel_bare_stl_write IN.step OUT.stl [LINEAR_MM ANGULAR_RAD]\n";
    return 2;
  }
  const double linear = argc == 5 ? std::atof(argv[3]) : 0.01;
  const double angular = argc == 5 ? std::atof(argv[4]) : 0.5;
  Message::DefaultMessenger()->RemovePrinters(STANDARD_TYPE(Message_PrinterOStream));
  STEPControl_Reader reader;
  if (reader.ReadFile(argv[1]) != IFSelect_RetDone) return 3;
  reader.TransferRoots();
  const TopoDS_Shape shape = reader.OneShape();
  BRepMesh_IncrementalMesh mesh(shape, linear, false, angular, false);
  StlAPI_Writer writer;
  writer.ASCIIMode() = false;
  return writer.Write(shape, argv[2]) ? 0 : 3;
}
