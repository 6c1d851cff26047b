// The geometry worker: measure_file (through archipel-geometry) gives exactly what
// measure_file_in_process gives, on every example part and every kind of fixture, for results and
// for errors; an open descriptor is measured as it is; limits and crashes are one io error.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "archipel/core/geometry.hpp"
#include "archipel/core/geometry_in_process.hpp"
#include "example_parts.hpp"
#include "measurement_compare.hpp"
#include "mesh_fixtures.hpp"
#include "occt_fixtures.hpp"
#include "worker/protocol.hpp"

using namespace archipel::core;
using namespace archipel::test;
namespace fs = std::filesystem;

namespace {

const fs::path examples_dir = fs::path(ARCHIPEL_SOURCE_DIR) / "examples" / "parts";

// Measures `path` both ways and checks the two agree exactly, results or errors.
void check_same_both_ways(const fs::path& path, const MeasureOptions& options = {}) {
  INFO(path.string());
  const auto here = measure_file_in_process(path, options);
  const auto worker = measure_file(path, options);
  REQUIRE(here.has_value() == worker.has_value());
  if (here) {
    check_identical(*worker, *here);
    return;
  }
  INFO(here.error().to_string());
  CHECK(worker.error().code == here.error().code);
  CHECK(worker.error().message == here.error().message);
  CHECK(worker.error().origin == here.error().origin);
  CHECK(worker.error().pointer == here.error().pointer);
}

std::vector<fs::path> example_files() {
  std::vector<fs::path> files;
  for (const auto& part : fs::directory_iterator(examples_dir))
    for (const auto& f : fs::directory_iterator(part.path()))
      if (f.path().extension() != ".json") files.push_back(f.path());
  std::ranges::sort(files);
  return files;
}

// Names `value` in the environment for one test, restoring what was there.
class EnvOverride {
 public:
  EnvOverride(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~EnvOverride() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  EnvOverride(const EnvOverride&) = delete;
  EnvOverride& operator=(const EnvOverride&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// A stand-in worker: a shell script, to play every way a worker can misbehave.
fs::path fake_worker(const fs::path& dir, const std::string& name, const std::string& body) {
  const fs::path path = dir / name;
  std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
  fs::permissions(path, fs::perms::owner_all);
  return path;
}

// The error measure_file gives on the example plate with `worker` standing in (30 s by default).
Error error_with_worker(const fs::path& worker, MeasureOptions options = {}) {
  if (!options.limits.seconds) options.limits.seconds = 30;
  EnvOverride env("ARCHIPEL_GEOMETRY_WORKER", worker.string());
  const auto m = measure_file(examples_dir / "os-plate-120x40" / "os-plate-120x40.step", options);
  REQUIRE_FALSE(m.has_value());
  CHECK(m.error().code == Errc::io);
  CHECK(m.error().origin == (examples_dir / "os-plate-120x40" / "os-plate-120x40.step").string());
  return m.error();
}

// A STEP file whose one entity holds a list nested `depth` deep.
fs::path nested_step(const fs::path& path, int depth) {
  std::string text = "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\n"
                     "FILE_NAME('','',(''),(''),'','','');\nFILE_SCHEMA(('AUTOMOTIVE_DESIGN'));\n"
                     "ENDSEC;\nDATA;\n#1=CARTESIAN_POINT('',";
  text += std::string(depth, '(') + "0." + std::string(depth, ')') + ");\nENDSEC;\nEND-ISO-10303-21;\n";
  return write_bytes(path, text);
}

}  // namespace

TEST_CASE("worker and in-process measurements are identical on every example part") {
  const auto files = example_files();
  CHECK(files.size() == 10);
  MeasureOptions steel;
  steel.material = "steel";
  for (const auto& f : files) {
    check_same_both_ways(f);
    check_same_both_ways(f, steel);
  }
}

TEST_CASE("worker and in-process measurements are identical on every mesh format") {
  const auto dir = fresh_dir("worker-mesh");
  const Placement turned{{1, 2, 3}, 37, {5, -7, 11}};
  const Soup plate = tessellated(Part::plate, turned);
  const Soup washer_soup = tessellated(Part::washer, {});
  check_same_both_ways(write_binary_stl(plate, dir / "plate.stl"));
  check_same_both_ways(write_ascii_stl(washer_soup, dir / "washer.stl"));
  check_same_both_ways(write_obj(tessellated(Part::pin, turned), dir / "pin.obj"));
  check_same_both_ways(write_ply(plate, dir / "plate.ply"));
  check_same_both_ways(write_3mf(scaled(plate, 1 / 25.4), dir / "plate.3mf", "inch"));
  check_same_both_ways(write_gltf(scaled(washer_soup, 0.001), dir / "washer.gltf"));
  check_same_both_ways(write_glb(scaled(plate, 0.001), dir / "plate.glb"));
  MeasureOptions inch;
  inch.unit = LengthUnit::inch;
  inch.material = "unobtainium";  // a warning
  check_same_both_ways(write_binary_stl(scaled(plate, 1 / 25.4), dir / "inch.stl"), inch);
  Soup open = box(30, 20, 10);
  open.pop_back();
  check_same_both_ways(write_binary_stl(open, dir / "open.stl"));
}

TEST_CASE("worker and in-process measurements are identical on B-rep fixtures") {
  const TempDir dir;
  const auto plate = archipel::examples::drilled_plate(80, 40, 3, 5.5, {{10, 10}, {70, 30}});
  check_same_both_ways(write_step(plate, dir / "plate.step"));
  check_same_both_ways(write_step(plate, dir / "plate-inch.step", "INCH"));
  check_same_both_ways(write_iges(plate, dir / "solids.igs", 1));
  check_same_both_ways(write_iges(plate, dir / "surfaces.igs", 0));
  check_same_both_ways(write_brep(Part::washer, {{0, 0, 1}, 30, {1, 2, 3}}, dir / "washer.brep"));
  MeasureOptions cm;
  cm.unit = LengthUnit::cm;
  cm.max_bytes = 1u << 30;
  check_same_both_ways(write_brep(Part::pin, {}, dir / "pin.brep"), cm);
}

TEST_CASE("worker and in-process errors are identical") {
  const auto dir = fresh_dir("worker-errors");
  std::mt19937 rng(7);
  std::string noise(3000, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  check_same_both_ways(write_bytes(dir / "empty.step", ""));
  check_same_both_ways(write_bytes(dir / "noise.bin", noise));
  check_same_both_ways(write_bytes(dir / "noise.stl", noise));
  check_same_both_ways(dir / "missing.step");
  check_same_both_ways(write_bytes(dir / "index.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n"));
  check_same_both_ways(write_bytes(dir / "flat.obj", "v 0 0 0\nv 1 0 0\nv 2 0 0\nf 1 2 3\n"));
  const fs::path plate = examples_dir / "os-plate-120x40" / "os-plate-120x40.step";
  std::ifstream in(plate, std::ios::binary);
  std::string head(4000, '\0');
  in.read(head.data(), 4000);
  check_same_both_ways(write_bytes(dir / "truncated.step", head));
  MeasureOptions small;
  small.max_bytes = 1000;
  check_same_both_ways(plate, small);
}

TEST_CASE("an open descriptor is measured as it is, whatever its name now points to") {
  const auto dir = fresh_dir("worker-fd");
  const auto plate = write_binary_stl(tessellated(Part::plate, {}), dir / "part.stl");
  const auto want = measure_file_in_process(plate);
  REQUIRE(want);
  const int fd = ::open(plate.c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  // The name now holds another file: the descriptor still reads the plate.
  write_binary_stl(box(30, 20, 10), dir / "other.stl");
  fs::rename(dir / "other.stl", plate);
  const auto got = measure_file(fd, "shown/part.stl");
  REQUIRE(got);
  check_identical(*got, *want);
  CHECK(::lseek(fd, 0, SEEK_CUR) == 0);  // neither moved nor closed
  CHECK(::fcntl(fd, F_GETFD) >= 0);
  // Errors name the file as the caller does; the extension is the caller's.
  const int empty = ::open(write_bytes(dir / "empty.obj", "").c_str(), O_RDONLY | O_CLOEXEC);
  const auto e = measure_file(empty, "shown/empty.obj");
  REQUIRE_FALSE(e);
  CHECK(e.error().to_string() == "shown/empty.obj: the file is empty");
  const int obj = ::open(write_obj(box(3, 2, 1), dir / "box.obj").c_str(), O_RDONLY | O_CLOEXEC);
  const auto by_name = measure_file(obj, "box.obj");
  REQUIRE(by_name);  // an OBJ is recognised by its extension, here the caller's name's
  CHECK(by_name->format == GeometryFormat::obj);
  CHECK(measure_file(-1, "x.stl").error().to_string() == "x.stl: not an open file");
  ::close(fd);
  ::close(empty);
  ::close(obj);
}

TEST_CASE("a STEP list nested 100 000 deep crashes the reader, not the caller") {
  const auto dir = fresh_dir("worker-nested");
  const auto path = nested_step(dir / "nested.step", 100000);
  const auto m = measure_file(path);
  REQUIRE_FALSE(m);
  CHECK(m.error().code == Errc::io);
  CHECK(m.error().to_string() ==
        path.string() + ": the geometry reader crashed (signal 11, SIGSEGV): corrupt or hostile file");
}

TEST_CASE("the limits cover the whole measurement and name themselves") {
  const fs::path plate = examples_dir / "os-plate-120x40" / "os-plate-120x40.step";
  MeasureOptions quick;
  quick.limits.seconds = 0.001;  // less than starting any process takes
  CHECK(measure_file(plate, quick).error().message ==
        "the geometry reader took more than 0.001 s and was stopped (corrupt or hostile file? "
        "ARCHIPEL_GEOMETRY_TIME_LIMIT raises the limit)");
  MeasureOptions tight;
  tight.limits.memory_bytes = 32u << 20;  // less than the libraries' own mappings
  CHECK(measure_file(plate, tight).error().message ==
        "the geometry reader needed more than 32 MiB of memory and was stopped (corrupt or hostile "
        "file? ARCHIPEL_GEOMETRY_MEMORY_LIMIT raises the limit)");
  {
    EnvOverride env("ARCHIPEL_GEOMETRY_TIME_LIMIT", "0.001");
    CHECK(measure_file(plate).error().message.starts_with("the geometry reader took more than 0.001 s"));
  }
  {
    EnvOverride env("ARCHIPEL_GEOMETRY_MEMORY_LIMIT", "32");
    CHECK(measure_file(plate).error().message.starts_with("the geometry reader needed more than 32 MiB"));
  }
  EnvOverride env("ARCHIPEL_GEOMETRY_TIME_LIMIT", "soon");
  const auto e = measure_file(plate);
  CHECK(e.error().code == Errc::usage);
  CHECK(e.error().message == "ARCHIPEL_GEOMETRY_TIME_LIMIT must be a positive number of seconds, not \"soon\"");
}

TEST_CASE("a worker that crashes, exits, stalls or answers garbage is one io error") {
  const auto dir = fresh_dir("worker-fake");
  const auto message = [&](const std::string& name, const std::string& body) {
    return error_with_worker(fake_worker(dir, name, body)).message;
  };
  CHECK(message("segv", "kill -SEGV $$") == "the geometry reader crashed (signal 11, SIGSEGV): corrupt or hostile file");
  CHECK(message("abort", "kill -ABRT $$") == "the geometry reader crashed (signal 6, SIGABRT): corrupt or hostile file");
  CHECK(message("cpu", "kill -XCPU $$") ==
        "the geometry reader used more than 60 s of processor time and was stopped (corrupt or hostile "
        "file? ARCHIPEL_GEOMETRY_TIME_LIMIT raises the limit)");
  CHECK(message("exit7", "exit 7") == "the geometry reader stopped with exit status 7 and no answer");
  CHECK(message("silent", "exit 0") == "the geometry reader stopped without an answer");
  CHECK(message("words", "echo hello >&3") ==
        "the geometry reader gave an answer that cannot be read (not one JSON object with one key a line)");
  CHECK(message("cut", "printf '{\"progress\": \"x\"}\\n{\"measure' >&3") ==
        "the geometry reader gave an answer that cannot be read (cut short)");
  CHECK(message("deep", "head -c 100000 /dev/zero | tr '\\0' '[' >&3; echo >&3") ==
        "the geometry reader gave an answer that cannot be read (nested too deeply)");
  CHECK(message("twice", "echo '{\"error\": 1}' >&3; echo '{\"error\": 1}' >&3") ==
        "the geometry reader gave an answer that cannot be read (more after its final answer)");
  CHECK(message("badcode", "echo '{\"error\": {\"code\": 9, \"message\": \"m\", \"origin\": \"\", \"pointer\": \"\"}}' >&3") ==
        "the geometry reader gave an answer that cannot be read (a malformed error)");
  CHECK(message("partial", "echo '{\"measurement\": {\"format\": \"step\"}}' >&3") ==
        "the geometry reader gave an answer that cannot be read (measurement: missing key \"kind\")");
  CHECK(message("huge", "head -c 70000000 /dev/zero >&3") ==
        "the geometry reader's answer was too large; it was stopped");
}

TEST_CASE("a stalled worker is killed at the deadline, even after closing its answer") {
  const auto dir = fresh_dir("worker-stall");
  MeasureOptions soon;
  soon.limits.seconds = 0.5;
  for (const char* body : {"exec sleep 30", "exec 3>&-; exec sleep 30"}) {
    const auto start = std::chrono::steady_clock::now();
    CHECK(error_with_worker(fake_worker(dir, "stall", body), soon).message ==
          "the geometry reader took more than 0.5 s and was stopped (corrupt or hostile file? "
          "ARCHIPEL_GEOMETRY_TIME_LIMIT raises the limit)");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  }
}

TEST_CASE("the worker inherits no descriptor but its answer and the measured file") {
  const auto dir = fresh_dir("worker-fds");
  const int leak = ::open("/dev/null", O_RDONLY);  // not close-on-exec
  REQUIRE(leak >= 0);
  REQUIRE(::dup2(leak, 50) == 50);
  CHECK(error_with_worker(fake_worker(dir, "fds", "[ -e /proc/$$/fd/50 ] && echo leaked >&3; "
                                                  "[ -e /proc/$$/fd/4 ] && echo file >&3; exit 9"))
            .message == "the geometry reader stopped with exit status 9 and no answer");
  ::close(50);
  ::close(leak);
}

TEST_CASE("progress lines reach the caller's function, without control characters") {
  const auto dir = fresh_dir("worker-progress");
  std::vector<std::string> seen;
  MeasureOptions options;
  options.progress = [&](std::string_view line, double fraction) {
    seen.push_back(std::string(line) + " " + std::to_string(static_cast<int>(fraction * 100)) + "%");
  };
  const auto m = measure_file(examples_dir / "os-plate-120x40" / "os-plate-120x40.step", options);
  REQUIRE(m);
  // OpenCASCADE's transfer may report any number of steps in between.
  std::erase_if(seen, [](const std::string& s) { return s.starts_with("transferring the shapes "); });
  CHECK(seen == std::vector<std::string>{"reading the STEP file 0%",
                                         "finding the natural frame and the holes 0%",
                                         "finding the natural frame and the holes 50%",
                                         "finding the natural frame and the holes 100%"});
  seen.clear();
  error_with_worker(fake_worker(dir, "ansi", "printf '{\"progress\": \"\\\\u001b[2Jgone\"}\\n' >&3; exit 3"), options);
  CHECK(seen == std::vector<std::string>{"[2Jgone 0%"});
}

TEST_CASE("a missing worker is named") {
  EnvOverride env("ARCHIPEL_GEOMETRY_WORKER", "/nonexistent/archipel-geometry");
  const auto m = measure_file(examples_dir / "os-plate-120x40" / "os-plate-120x40.step");
  REQUIRE_FALSE(m);
  CHECK(m.error().code == Errc::io);
  CHECK(m.error().message ==
        "ARCHIPEL_GEOMETRY_WORKER names \"/nonexistent/archipel-geometry\", which is not an executable file");
}

TEST_CASE("every option and tolerance reaches the worker unchanged") {
  detail::WorkerRequest request;
  request.name = "dir/part.stl";
  request.inherited_fd = true;
  request.progress = true;
  request.options.unit = LengthUnit::ft;
  request.options.material = "pla";
  request.options.max_bytes = 123456789012;
  request.options.part_folder = "some/part";
  request.options.path_in_folder = "parts/plate.gltf";
  // A distinct odd value for every tolerance, whatever fields it has.
  auto* field = reinterpret_cast<double*>(&request.options.tolerances);
  for (std::size_t i = 0; i < sizeof(Tolerances) / sizeof(double); ++i) field[i] = 0.1 + 1.0 / (3 + i);
  const auto back = detail::request_from_json(nlohmann::json::parse(detail::request_to_json(request).dump()));
  REQUIRE(back);
  CHECK(back->name == request.name);
  CHECK(back->inherited_fd);
  CHECK(back->progress);
  CHECK(back->options.unit == LengthUnit::ft);
  CHECK(back->options.material == "pla");
  CHECK(back->options.max_bytes == 123456789012u);
  CHECK(back->options.part_folder == "some/part");
  CHECK(back->options.path_in_folder == "parts/plate.gltf");
  CHECK(std::memcmp(&back->options.tolerances, &request.options.tolerances, sizeof(Tolerances)) == 0);
  request.options.unit.reset();
  request.options.material.reset();
  const auto plain = detail::request_from_json(nlohmann::json::parse(detail::request_to_json(request).dump()));
  REQUIRE(plain);
  CHECK_FALSE(plain->options.unit);
  CHECK_FALSE(plain->options.material);
}
