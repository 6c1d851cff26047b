// The text of each manifest enum value, in one table per enum (the schema's enum lists).
#include <array>

#include "archipel/core/manifest.hpp"

namespace archipel::core {
namespace {

template <class E>
struct Names;

template <> struct Names<Kind> {
  static constexpr std::array<std::string_view, 3> list{"part", "component", "object"};
};
template <> struct Names<MaterialForm> {
  static constexpr std::array<std::string_view, 9> list{
      "sheet", "rod", "tube", "bar", "block", "filament", "resin", "powder", "other"};
};
template <> struct Names<FileRole> {
  static constexpr std::array<std::string_view, 4> list{"geometry", "drawing", "documentation",
                                                        "fabrication"};
};
template <> struct Names<LengthUnit> {
  static constexpr std::array<std::string_view, 6> list{"mm", "cm", "m", "inch", "ft", "um"};
};
template <> struct Names<Process> {
  static constexpr std::array<std::string_view, 11> list{
      "laser-cutting", "3d-printing", "cnc-milling", "cnc-turning", "waterjet", "sawing",
      "drilling", "bending", "welding", "casting", "hand"};
};
template <> struct Names<Relation> {
  static constexpr std::array<std::string_view, 3> list{"fork", "variant", "remix"};
};

template <class E>
std::string_view name_of(E value) {
  const auto index = static_cast<std::size_t>(value);
  return index < Names<E>::list.size() ? Names<E>::list[index] : std::string_view("?");
}

}  // namespace

template <class E>
std::optional<E> enum_from_string(std::string_view text) {
  for (std::size_t i = 0; i < Names<E>::list.size(); ++i)
    if (Names<E>::list[i] == text) return static_cast<E>(i);
  return std::nullopt;
}

template std::optional<Kind> enum_from_string<Kind>(std::string_view);
template std::optional<MaterialForm> enum_from_string<MaterialForm>(std::string_view);
template std::optional<FileRole> enum_from_string<FileRole>(std::string_view);
template std::optional<LengthUnit> enum_from_string<LengthUnit>(std::string_view);
template std::optional<Process> enum_from_string<Process>(std::string_view);
template std::optional<Relation> enum_from_string<Relation>(std::string_view);

std::string_view to_string(Kind value) { return name_of(value); }
std::string_view to_string(MaterialForm value) { return name_of(value); }
std::string_view to_string(FileRole value) { return name_of(value); }
std::string_view to_string(LengthUnit value) { return name_of(value); }
std::string_view to_string(Process value) { return name_of(value); }
std::string_view to_string(Relation value) { return name_of(value); }


}  // namespace archipel::core
