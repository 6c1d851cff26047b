#pragma once
// Private: a 3MF package (an OPC ZIP archive) read through libzip, and its XML parts through
// expat, with every inflated byte counted against PackageLimits.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "archipel/core/result.hpp"
#include "mesh/threemf.hpp"

namespace archipel::core::detail {

/// One XML element as the model reader sees it: its local name when it is in the 3MF core
/// namespace (or in none), its attributes as expat gives them (`name, value, ..., nullptr`;
/// names of namespaced attributes are `uri|local`).
struct XmlElement {
  std::string_view name;       ///< local name; empty for elements of other namespaces
  const char** attributes;
  /// The value of an attribute (`local` for plain attributes, `uri|local` for namespaced ones).
  [[nodiscard]] const char* attribute(std::string_view qualified) const;
};

/// Receives the elements of one part; returns an error message to stop the parse.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual std::string start(const XmlElement& element) = 0;
  virtual void end(std::string_view name) { (void)name; }
  /// True once the handler has all it wants: the rest of the part is not read.
  [[nodiscard]] virtual bool finished() const { return false; }
};

/// An open package. Reading a part checks its declared size against the limits first (the
/// whole package's inflated total, the compression ratio), then counts the bytes inflated.
class Package {
 public:
  /// Opens `path`; errors (io) when it is not a readable ZIP archive or has too many members.
  static Result<Package> open(const std::filesystem::path& path, const PackageLimits& limits);

  Package(Package&&) noexcept;
  Package& operator=(Package&&) noexcept;
  ~Package();

  /// Whether a member of that name exists (OPC part names are case-insensitive; a leading '/'
  /// is ignored).
  [[nodiscard]] bool has_part(std::string_view name) const;

  /// Parses the XML part `name` with `handler`, reading at most `max_bytes` of it (the rest is
  /// never inflated). DTDs are refused, nesting is limited to 64 levels.
  Result<void> parse(std::string_view name, XmlHandler& handler, std::uint64_t max_bytes = UINT64_MAX);

  /// The name of the root 3D model part, from `_rels/.rels` (else `3D/3dmodel.model`).
  Result<std::string> root_model();

  /// The file, for error messages.
  [[nodiscard]] const std::string& origin() const { return origin_; }

 private:
  struct Zip;
  Package(std::unique_ptr<Zip> zip, std::string origin, PackageLimits limits);
  Result<void> stream(std::string_view name, std::uint64_t max_bytes,
                      const std::function<std::string(std::string_view)>& sink);

  std::unique_ptr<Zip> zip_;
  std::string origin_;
  PackageLimits limits_;
  std::uint64_t inflated_ = 0;
};

}  // namespace archipel::core::detail
