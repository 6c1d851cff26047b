#pragma once
/// \file
/// The part manifest (`part.json`): a typed model, a reader that validates against the embedded
/// schemas/part.schema.json before building the model, and a writer that gives the document
/// back unchanged (keys in the schema's order, two-space indent).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "archipel/core/licence.hpp"
#include "archipel/core/result.hpp"
#include "archipel/core/semver.hpp"
#include "archipel/core/units.hpp"

namespace archipel::core {

/// Format version written in the manifest's `schema` field.
inline constexpr int manifest_schema_version = 1;

/// Largest manifest read by `read_manifest` (1 MiB).
inline constexpr std::uintmax_t max_manifest_bytes = 1024u * 1024u;

/// What a manifest describes.
enum class Kind { part, component, object };

/// The physical form of a material.
enum class MaterialForm { sheet, rod, tube, bar, block, filament, resin, powder, other };

/// What a listed file is for.
enum class FileRole { geometry, drawing, documentation, fabrication };

/// A fabrication process.
enum class Process {
  laser_cutting, printing_3d, cnc_milling, cnc_turning, waterjet, sawing, drilling, bending,
  welding, casting, hand,
};

/// How a part derives from its ancestor.
enum class Relation { fork, variant, remix };

/// The text written in the manifest for an enum value ("laser-cutting", "3d-printing", "inch").
[[nodiscard]] std::string_view to_string(Kind value);
[[nodiscard]] std::string_view to_string(MaterialForm value);  ///< \copydoc to_string(Kind)
[[nodiscard]] std::string_view to_string(FileRole value);      ///< \copydoc to_string(Kind)
[[nodiscard]] std::string_view to_string(LengthUnit value);    ///< \copydoc to_string(Kind)
[[nodiscard]] std::string_view to_string(Process value);       ///< \copydoc to_string(Kind)
[[nodiscard]] std::string_view to_string(Relation value);      ///< \copydoc to_string(Kind)

/// The enum value written as `text` in a manifest, or nothing. Defined for the enums above.
template <class E>
[[nodiscard]] std::optional<E> enum_from_string(std::string_view text);

/// The designer of a part.
struct Designer {
  std::string name;                ///< kept byte for byte (never Unicode-normalised)
  std::string email;               ///< e-mail address
  std::optional<std::string> url;  ///< web page
};

/// A material the part is made of.
struct Material {
  std::string name;                     ///< e.g. "birch plywood"
  MaterialForm form = MaterialForm::other;  ///< sheet, rod, filament…
  std::optional<double> thickness_mm;   ///< stock thickness
  std::optional<double> density_g_cm3;  ///< for mass estimates
};

/// Declared outer size in millimetres.
struct Dimensions {
  double width_mm = 0;   ///< along x
  double depth_mm = 0;   ///< along y
  double height_mm = 0;  ///< along z
};

/// The grid standard a part follows and its size in grid units.
struct GridSize {
  std::string standard;    ///< grid standard id, e.g. "openstructures"
  std::vector<int> units;  ///< width, depth and optionally height, in grid units (≥ 1)
  std::optional<std::string> role;  ///< the part's role in the standard ("bin", "baseplate")
};

/// A file of the part, relative to the manifest's folder.
struct FileEntry {
  std::string path;                 ///< relative, normalised, inside the manifest's folder
  FileRole role = FileRole::documentation;  ///< what the file is for
  std::string format;               ///< lowercase format name: step, stl, dxf, md…
  std::optional<std::string> sha256;  ///< 64 lowercase hex digits
  std::optional<LengthUnit> unit;   ///< unit of a unit-less format
};

/// One fabrication step.
struct FabricationStep {
  Process process = Process::hand;  ///< how
  std::optional<std::string> file;  ///< path of a listed file the step uses
  std::optional<std::string> notes;  ///< free text
};

/// A price with its ISO 4217 currency.
struct Price {
  double amount = 0;     ///< in the currency's main unit
  std::string currency;  ///< e.g. "EUR"
};

/// Where to buy a part or its stock.
struct Source {
  std::string supplier;                  ///< who sells it
  std::optional<std::string> url;        ///< product page
  std::optional<std::string> reference;  ///< supplier's reference
  std::optional<Price> price;            ///< unit price
};

/// An ancestor of a derived part.
struct Ancestor {
  std::string serial;  ///< registry serial, e.g. "BXL-P0042"
  Version version;     ///< the exact version derived from
  Relation relation = Relation::fork;  ///< fork, variant or remix
};

/// A member of a component or object.
struct Member {
  std::string serial;           ///< registry serial
  VersionRequirement version;   ///< which versions fit
  int quantity = 1;             ///< how many (≥ 1)
};

/// Where member `b` sits relative to member `a`, in grid units.
struct Placement {
  int dx = 0;         ///< offset along x, grid units
  int dy = 0;         ///< offset along y, grid units
  int rotation = 0;   ///< 0, 90, 180 or 270 degrees
  bool flip = false;  ///< mirrored
};

/// A joint between two members of the composition.
struct Joint {
  std::string a;        ///< serial of the first member
  std::string b;        ///< serial of the second member
  Placement placement;  ///< where b sits relative to a
};

/// A part manifest. Optional lists are empty when absent (the schema forbids empty lists).
struct Manifest {
  int schema = manifest_schema_version;  ///< format version
  Kind kind = Kind::part;                ///< part, component or object
  std::string name;                      ///< display name
  Version version;                       ///< semantic version
  std::optional<std::string> serial;     ///< assigned by the registry at first publication
  Designer designer;                     ///< who designed it
  std::string licence;                   ///< the SPDX expression as written
  LicenceExpression licence_expression;  ///< `licence`, parsed
  std::vector<Material> materials;       ///< what it is made of
  std::optional<Dimensions> dimensions;  ///< declared size
  std::optional<GridSize> grid;          ///< grid standard and size
  std::vector<FileEntry> files;          ///< geometry, drawings, documentation
  std::vector<FabricationStep> fabrication;  ///< how to make it
  std::vector<Source> sourcing;          ///< where to buy it
  std::vector<Ancestor> derived_from;    ///< `lineage.derived_from`
  std::vector<Member> composition;       ///< members (components and objects only)
  std::vector<Joint> joints;             ///< joints between members
  std::optional<std::string> description;  ///< free text
  std::vector<std::string> tags;         ///< search keywords
};

/// Builds a manifest from a JSON document: validates against the embedded schema (the first
/// violation becomes the error, with a readable message and its JSON pointer), then checks
/// what the schema cannot: the SPDX expression, versions, requirements, file path safety,
/// duplicate files, references between fields. Errors are Errc::invalid with `origin`.
[[nodiscard]] Result<Manifest> parse_manifest(const nlohmann::json& doc, const std::string& origin);

/// Reads `path` (at most 1 MiB, UTF-8), parses it, and checks every listed file against the
/// manifest's folder: it must exist as a regular file, not be or pass through a symbolic link,
/// and match its sha256 when one is given. The origin in errors is `path` as given.
[[nodiscard]] Result<Manifest> read_manifest(const std::filesystem::path& path);

/// Checks the listed files of `manifest` against the folder `root` (as in `read_manifest`).
[[nodiscard]] Result<void> check_manifest_files(const Manifest& manifest,
                                                const std::filesystem::path& root,
                                                const std::string& origin);

/// The manifest as JSON, keys in the schema's order; absent optional fields are omitted.
[[nodiscard]] nlohmann::ordered_json to_json(const Manifest& manifest);

/// The manifest's file text: `to_json` with a two-space indent and a final newline. Reading a
/// file written this way and writing it again gives the same bytes.
[[nodiscard]] std::string manifest_text(const Manifest& manifest);

/// Why `path` is not a safe manifest file path (absolute, `..`, backslash, not normalised, a
/// name git treats specially: see git_special_name_reason), or nothing when it is safe.
[[nodiscard]] std::optional<std::string> unsafe_path_reason(std::string_view path);

/// Why one path component (a file or folder name, UTF-8) must not be stored in git, or nothing:
/// `.git`, `.gitmodules`, `.gitattributes`, `.gitignore` or `.mailmap` in any case, or any name
/// a Windows (NTFS: trailing dots and spaces, `:` streams, 8.3 short names such as `GIT~1`) or
/// macOS (HFS+: ignorable code points U+200C..U+200F, U+202A..U+202E, U+206A..U+206F, U+FEFF)
/// file system reads as one of them; also a name ending in a dot or a space, and a name holding
/// an HFS+-ignorable (invisible) code point. Modelled on git's is_ntfs_dotgit and is_hfs_dotgit.
[[nodiscard]] std::optional<std::string> git_special_name_reason(std::string_view component);

}  // namespace archipel::core
