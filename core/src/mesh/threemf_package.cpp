// The 3MF package: libzip for the archive (it reads ZIP64, which Debian's minizip 1.1 cannot on
// 64-bit systems), expat for the XML, and every size checked before it is inflated.
#include "mesh/threemf_package.hpp"

#include <cstring>
#include <vector>

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

namespace archipel::core::detail {
namespace {

constexpr std::uint64_t ratio_floor = 1u << 20;  // smaller parts may compress as they like
constexpr int max_xml_depth = 64;
constexpr char ns_separator = '|';
constexpr std::string_view core_ns = "http://schemas.microsoft.com/3dmanufacturing/core/2015/02";
const std::string stop_reading = "\x01";  // a sink's answer: enough read, no error

std::string part_name(std::string_view name) {
  while (!name.empty() && name.front() == '/') name.remove_prefix(1);
  return std::string(name);
}

// The local name of an element of the core namespace (or of none); empty for other namespaces.
std::string_view core_local(std::string_view qualified) {
  const auto bar = qualified.rfind(ns_separator);
  if (bar == std::string_view::npos) return qualified;
  return qualified.substr(0, bar) == core_ns ? qualified.substr(bar + 1) : std::string_view{};
}

struct XmlState {
  XML_Parser parser;
  XmlHandler& handler;
  std::string error;
  int depth = 0;

  void stop(std::string why) {
    if (error.empty()) error = std::move(why);
    XML_StopParser(parser, XML_FALSE);
  }
};

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto& s = *static_cast<XmlState*>(data);
  if (++s.depth > max_xml_depth) return s.stop(fmt::format("XML nested deeper than {} levels", max_xml_depth));
  std::string why = s.handler.start(XmlElement{core_local(name), attributes});
  if (!why.empty()) s.stop(std::move(why));
  else if (s.handler.finished()) XML_StopParser(s.parser, XML_FALSE);
}

void XMLCALL on_end(void* data, const XML_Char* name) {
  auto& s = *static_cast<XmlState*>(data);
  --s.depth;
  s.handler.end(core_local(name));
}

void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<XmlState*>(data)->stop("a DTD (<!DOCTYPE>) is not allowed in a 3MF part");
}

void XMLCALL on_entity(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                       const XML_Char*, const XML_Char*, const XML_Char*) {
  static_cast<XmlState*>(data)->stop("an entity declaration is not allowed in a 3MF part");
}

// The relationships part: the target of the 3D model relationship.
class RelsHandler : public XmlHandler {
 public:
  std::string target;
  std::string start(const XmlElement& e) override {
    // Relationships live in the OPC namespace, not the 3MF core one: match by suffix.
    if (!target.empty() || e.attributes == nullptr) return {};
    const char* type = e.attribute("Type");
    const char* to = e.attribute("Target");
    if (type && to && std::string_view(type).ends_with("/3dmodel") && *to) target = to;
    return {};
  }
};

}  // namespace

const char* XmlElement::attribute(std::string_view qualified) const {
  for (const char** a = attributes; a != nullptr && *a != nullptr; a += 2)
    if (qualified == a[0]) return a[1];
  return nullptr;
}

struct Package::Zip {
  zip_t* handle = nullptr;
  ~Zip() {
    if (handle) zip_discard(handle);
  }
};

Package::Package(std::unique_ptr<Zip> zip, std::string origin, PackageLimits limits)
    : zip_(std::move(zip)), origin_(std::move(origin)), limits_(limits) {}
Package::Package(Package&&) noexcept = default;
Package& Package::operator=(Package&&) noexcept = default;
Package::~Package() = default;

Result<Package> Package::open(const std::filesystem::path& path, const PackageLimits& limits) {
  int error = 0;
  auto zip = std::make_unique<Zip>();
  zip->handle = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (zip->handle == nullptr) {
    zip_error_t e;
    zip_error_init_with_code(&e, error);
    const std::string why = zip_error_strerror(&e);
    zip_error_fini(&e);
    return fail(Errc::io, "not a readable 3MF package (ZIP archive): " + why, path.string());
  }
  const zip_int64_t entries = zip_get_num_entries(zip->handle, 0);
  if (entries < 0 || static_cast<std::uint64_t>(entries) > limits.max_entries)
    return fail(Errc::io, fmt::format("3MF package with {} members (the limit is {})", entries, limits.max_entries),
                path.string());
  return Package(std::move(zip), path.string(), limits);
}

bool Package::has_part(std::string_view name) const {
  return zip_name_locate(zip_->handle, part_name(name).c_str(), ZIP_FL_NOCASE) >= 0;
}

Result<void> Package::stream(std::string_view name, std::uint64_t max_bytes,
                             const std::function<std::string(std::string_view)>& sink) {
  const std::string part = part_name(name);
  const zip_int64_t index = zip_name_locate(zip_->handle, part.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return fail(Errc::io, "3MF package without the part " + part, origin_);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip_->handle, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
      !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
    return fail(Errc::io, "3MF package part " + part + " has no readable size", origin_);
  const std::uint64_t to_read = std::min<std::uint64_t>(st.size, max_bytes);
  if (to_read > limits_.max_total_bytes - std::min(inflated_, limits_.max_total_bytes))
    return fail(Errc::io, fmt::format("3MF package part {} declares {} bytes, over the limit of {} bytes "
                                      "inflated in all (zip bomb?)", part, st.size, limits_.max_total_bytes),
                origin_);
  if (st.size > ratio_floor && st.size / std::max<std::uint64_t>(st.comp_size, 1) > limits_.max_ratio)
    return fail(Errc::io, fmt::format("3MF package part {} declares a compression ratio of {}:1, over "
                                      "the limit of {}:1 (zip bomb?)", part,
                                      st.size / std::max<std::uint64_t>(st.comp_size, 1), limits_.max_ratio),
                origin_);
  zip_file_t* file = zip_fopen_index(zip_->handle, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) return fail(Errc::io, "3MF package part " + part + " cannot be opened: " + zip_strerror(zip_->handle), origin_);
  std::vector<char> buffer(1 << 16);
  std::uint64_t seen = 0;
  std::string why;
  // Asking for one byte more than the declared size tells a lying header from a true one.
  while (why.empty() && seen < to_read) {
    const std::uint64_t want = std::min<std::uint64_t>(buffer.size(), to_read - seen + (to_read == st.size));
    const zip_int64_t n = zip_fread(file, buffer.data(), want);
    if (n < 0) why = std::string("it is corrupt: ") + zip_file_strerror(file);
    if (n <= 0) break;
    const auto got = static_cast<std::uint64_t>(n);
    if (seen + got > st.size) why = "it inflates beyond its declared size (zip bomb?)";
    else why = sink(std::string_view(buffer.data(), static_cast<std::size_t>(std::min(got, to_read - seen))));
    seen += got;
  }
  zip_fclose(file);
  inflated_ += seen;
  if (why == stop_reading) return {};
  if (!why.empty()) return fail(Errc::io, "3MF package part " + part + ": " + why, origin_);
  if (seen < to_read) return fail(Errc::io, "3MF package part " + part + " is truncated", origin_);
  return {};
}

Result<void> Package::parse(std::string_view name, XmlHandler& handler, std::uint64_t max_bytes) {
  const std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(
      XML_ParserCreateNS(nullptr, ns_separator), &XML_ParserFree);
  if (!parser) return fail(Errc::io, "cannot create an XML parser", origin_);
  XmlState state{parser.get(), handler, {}, 0};
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
  XML_SetEntityDeclHandler(parser.get(), on_entity);
  bool stopped = false;
  auto r = stream(name, max_bytes, [&](std::string_view chunk) -> std::string {
    if (XML_Parse(parser.get(), chunk.data(), static_cast<int>(chunk.size()), XML_FALSE) != XML_STATUS_ERROR)
      return {};
    stopped = true;
    if (state.error.empty() && handler.finished()) return stop_reading;
    return state.error.empty() ? fmt::format("not well-formed XML ({}, line {})",
                                             XML_ErrorString(XML_GetErrorCode(parser.get())),
                                             XML_GetCurrentLineNumber(parser.get()))
                               : state.error;
  });
  if (!r) return r;
  if (!stopped && max_bytes == UINT64_MAX && XML_Parse(parser.get(), nullptr, 0, XML_TRUE) == XML_STATUS_ERROR)
    return fail(Errc::io, fmt::format("3MF package part {}: {}", part_name(name),
                                      state.error.empty() ? std::string("not well-formed XML (") +
                                                                XML_ErrorString(XML_GetErrorCode(parser.get())) + ")"
                                                          : state.error),
                origin_);
  return {};
}

Result<std::string> Package::root_model() {
  const std::string fallback = "3D/3dmodel.model";
  if (!has_part("_rels/.rels")) return fallback;
  RelsHandler rels;
  if (auto r = parse("_rels/.rels", rels, 1u << 20); !r) return std::unexpected(r.error());
  return rels.target.empty() ? fallback : part_name(rels.target);
}

}  // namespace archipel::core::detail
