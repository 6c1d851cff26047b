// The baseline of bench_geometry.sh: OpenCASCADE's STEPControl_Reader read + transfer alone,
// nothing else. Prints the number of faces so the work cannot be skipped.
#include <iostream>

#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_PrinterOStream.hxx>
#include <STEPControl_Reader.hxx>
#include <TopExp.hxx>
#include <TopTools_IndexedMapOfShape.hxx>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: archipel_bare_step_read FILE.step\n";
    return 2;
  }
  Message::DefaultMessenger()->RemovePrinters(STANDARD_TYPE(Message_PrinterOStream));
  STEPControl_Reader reader;
  if (reader.ReadFile(argv[1]) != IFSelect_RetDone) return 3;
  reader.TransferRoots();
  TopTools_IndexedMapOfShape faces;
  TopExp::MapShapes(reader.OneShape(), TopAbs_FACE, faces);
  std::cout << faces.Extent() << " faces\n";
  return 0;
}
