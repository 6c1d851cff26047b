#include <doctest/doctest.h>

#include <map>

#include "archipel/core/licence_rules.hpp"
#include "archipel/core/rights.hpp"

using namespace archipel::core;

namespace {

// An in-memory registry: serial -> node (one version each).
struct Fake {
  std::map<std::string, RightsNode> nodes;

  RightsNode& add(const std::string& serial, const std::string& licence, const std::string& designer = "Ada") {
    RightsNode n;
    n.serial = serial;
    n.version = "1.0.0";
    n.name = serial;
    n.kind = serial.find("-O") != std::string::npos ? "object" : "part";
    n.designer = designer;
    n.licence = licence;
    return nodes[serial] = n;
  }
  RightsLookup lookup() const {
    return [this](const std::string& serial, const std::string&) -> Result<std::optional<RightsNode>> {
      auto it = nodes.find(serial);
      if (it == nodes.end()) return std::optional<RightsNode>{};
      return std::optional<RightsNode>{it->second};
    };
  }
  RightsReport rights(const std::string& serial) const { return evaluate_rights(serial, "*", lookup()).value(); }
};

bool has(const std::vector<std::string>& list, const std::string& text) {
  for (const auto& s : list)
    if (s == text) return true;
  return false;
}

}  // namespace

TEST_CASE("the licence rules cover the built-in SPDX list and follow their schema") {
  auto ok = check_licence_rules();
  CHECK_MESSAGE(ok.has_value(), (ok ? "" : ok.error().to_string()));
  const auto* ppl = find_licence_rule("PPL");
  REQUIRE(ppl);
  CHECK(ppl->commercial == Commercial::conditional);
  CHECK(ppl->condition.find("worker-owned") != std::string::npos);
  CHECK(find_licence_rule("LicenseRef-PPL") == ppl);  // the alias published manifests keep
  CHECK(find_licence_rule("GPL-3.0")->source == SourceObligation::covered);  // deprecated ids keep rules
  CHECK(find_licence_rule("CERN-OHL-S-2.0")->aggregation == Aggregation::whole_product);
  CHECK(find_licence_rule("CERN-OHL-W-2.0")->aggregation == Aggregation::except_interfaced);
  CHECK(find_licence_rule("CERN-OHL-P-2.0")->source == SourceObligation::none);
  CHECK(find_licence_rule("CERN-OHL-P-2.0")->notices);
  CHECK(find_licence_rule("CC-BY-SA-4.0")->source == SourceObligation::none);
  CHECK(find_licence_rule("GPL-3.0-only")->source == SourceObligation::covered);
  CHECK(find_licence_rule("CC-BY-NC-4.0")->commercial == Commercial::no);
  CHECK(find_licence_rule("LicenseRef-Mine") == nullptr);
}

TEST_CASE("non-commercial anywhere in the ancestry forbids selling the descendant") {
  Fake f;
  f.add("EVU-P0003", "CC-BY-NC-4.0", "Ada");
  f.add("EVU-P0004", "CC-BY-4.0", "Bob").derived_from = {{"EVU-P0003", "1.0.0"}};
  f.add("EVU-P0005", "CC0-1.0", "Cy").derived_from = {{"EVU-P0004", "1.0.0"}};
  auto r = f.rights("EVU-P0005");
  REQUIRE(r.subjects.size() == 3);
  CHECK(r.subjects[2].via == "EVU-P0005 < EVU-P0004 < EVU-P0003");
  CHECK(r.answer(Use::make).verdict == RightsVerdict::allowed);
  CHECK(r.answer(Use::sell_kit).verdict == RightsVerdict::forbidden);
  CHECK(r.answer(Use::sell_product).verdict == RightsVerdict::forbidden);
  const auto& derive = r.answer(Use::derive);
  CHECK(derive.verdict == RightsVerdict::allowed_with_obligations);
  CHECK(has(derive.obligations, "the adaptation may not be used commercially (CC-BY-NC-4.0 of EVU-P0003@1.0.0)"));
  CHECK(has(derive.obligations, "credit Ada for EVU-P0003@1.0.0 and keep its CC-BY-NC-4.0 notice"));
  CHECK(has(derive.obligations, "credit Bob for EVU-P0004@1.0.0 and keep its CC-BY-4.0 notice"));
  REQUIRE(r.credits.size() == 2);  // CC0 asks for no credit
  CHECK(r.credits[0].designer == "Bob");
  CHECK(r.credits[1].designer == "Ada");
  auto text = to_text(r, Use::sell_kit);
  CHECK(text == "EVU-P0005@1.0.0 \"EVU-P0005\" (CC0-1.0)\n"
                "  sell-kit     forbidden\n"
                "    because ancestor EVU-P0003@1.0.0 (via EVU-P0005 < EVU-P0004 < EVU-P0003), CC-BY-NC-4.0, "
                "commercial: NonCommercial (CC 4.0 §1(i), §2(a)(1)): licensed rights only for non-commercial "
                "purposes, Adapted Material included\n");
  auto claims = overclaims(r);
  REQUIRE(claims.size() == 3);
  CHECK(claims[0].starts_with("CC0-1.0 allows commercial use, but its ancestor EVU-P0003@1.0.0 is under CC-BY-NC-4.0"));
  CHECK(claims[1] == "CC0-1.0 waives credit, but Bob must still be credited for EVU-P0004@1.0.0 (CC-BY-4.0)");
  CHECK(claims[2] == "CC0-1.0 waives credit, but Ada must still be credited for EVU-P0003@1.0.0 (CC-BY-NC-4.0)");
}

TEST_CASE("no-derivatives and share-alike along the chain") {
  Fake f;
  f.add("A-P0001", "CC-BY-ND-4.0");
  f.add("A-P0002", "CC-BY-4.0").derived_from = {{"A-P0001", "1.0.0"}};  // a laundering link
  CHECK(f.rights("A-P0002").answer(Use::derive).verdict == RightsVerdict::forbidden);
  f.add("A-P0003", "CC-BY-SA-4.0");
  f.add("A-P0004", "CC-BY-SA-4.0").derived_from = {{"A-P0003", "1.0.0"}};
  const auto r4 = f.rights("A-P0004");
  const auto& d = r4.answer(Use::derive);
  CHECK(d.verdict == RightsVerdict::allowed_with_obligations);
  CHECK(d.licences_for_adaptation == std::vector<std::string>{"CC-BY-SA-4.0", "GPL-3.0-only", "GPL-3.0-or-later"});
  f.add("A-P0005", "GPL-3.0-only").derived_from = {{"A-P0004", "1.0.0"}};
  CHECK(f.rights("A-P0005").answer(Use::derive).licences_for_adaptation == std::vector<std::string>{"GPL-3.0-only"});
  f.add("A-P0006", "MIT").derived_from = {{"A-P0003", "1.0.0"}};
  auto claims = overclaims(f.rights("A-P0006"));
  REQUIRE(claims.size() == 1);
  CHECK(claims[0] == "MIT is not a licence the share-alike CC-BY-SA-4.0 of ancestor A-P0003@1.0.0 allows "
                     "(CC-BY-SA-4.0, GPL-3.0-only, GPL-3.0-or-later)");
  f.add("A-P0007", "CC-BY-SA-4.0 AND CERN-OHL-S-2.0");  // no licence satisfies both
  CHECK(f.rights("A-P0007").answer(Use::derive).verdict == RightsVerdict::forbidden);
}

TEST_CASE("aggregation: members keep their terms, the kit inherits their restrictions on the use") {
  Fake f;
  f.add("K-P0001", "CC-BY-NC-4.0", "Nina");
  f.add("K-P0002", "CC-BY-ND-4.0", "Ned");
  f.add("K-P0003", "CC-BY-SA-4.0", "Sam");
  f.add("K-P0004", "CERN-OHL-S-2.0", "Sue");
  f.add("K-P0005", "CERN-OHL-W-2.0", "Walt");
  f.add("K-P0006", "CERN-OHL-P-2.0", "Pat");
  auto& nc = f.add("K-O0001", "CERN-OHL-P-2.0", "Olga");
  nc.members = {{"K-P0001", "^1.0", 2}, {"K-P0006", "^1.0", 1}};
  auto r = f.rights("K-O0001");
  CHECK(r.answer(Use::make).verdict == RightsVerdict::allowed);
  CHECK(r.answer(Use::sell_kit).verdict == RightsVerdict::forbidden);
  CHECK(r.answer(Use::sell_product).verdict == RightsVerdict::forbidden);
  CHECK(r.answer(Use::derive).verdict == RightsVerdict::allowed_with_obligations);  // the object's own design
  CHECK(to_text(r, Use::sell_product).find("because member K-P0001@1.0.0 (via K-O0001 > K-P0001), CC-BY-NC-4.0, "
                                           "commercial:") != std::string::npos);

  auto& ok = f.add("K-O0002", "CERN-OHL-P-2.0", "Olga");
  ok.members = {{"K-P0002", "*", 1}, {"K-P0003", "*", 1}, {"K-P0006", "*", 1}};
  auto r2 = f.rights("K-O0002");
  const auto& sell = r2.answer(Use::sell_kit);
  CHECK(sell.verdict == RightsVerdict::allowed_with_obligations);  // ND member included unchanged
  CHECK(has(sell.obligations, "credit Ned for K-P0002@1.0.0 and keep its CC-BY-ND-4.0 notice"));
  CHECK(has(sell.obligations, "credit Pat for K-P0006@1.0.0 and keep its CERN-OHL-P-2.0 notice"));
  for (const auto& o : sell.obligations) CHECK(o.find("source") == std::string::npos);  // CC-SA: no source
  bool sa_stops = false;
  for (const auto& reason : sell.reasons)
    sa_stops |= reason.clause == "aggregation" && reason.subject == "K-P0003@1.0.0";
  CHECK(sa_stops);
  CHECK(has(r2.answer(Use::derive).obligations, "include K-P0002@1.0.0 unchanged (CC-BY-ND-4.0 allows no derivatives)"));

  auto& s = f.add("K-O0003", "CC-BY-4.0", "Olga");
  s.members = {{"K-P0004", "*", 1}, {"K-P0005", "*", 1}};
  const auto r3 = f.rights("K-O0003");
  const auto& obligations = r3.answer(Use::sell_product).obligations;
  CHECK(has(obligations, "provide the Complete Source of the whole product under CERN-OHL-S-2.0, except Available "
                         "Components (required by K-P0004@1.0.0)"));
  CHECK(has(obligations, "provide the source of K-P0005@1.0.0 under CERN-OHL-W-2.0; parts joined to it through the "
                         "grid interface are External Material and keep their own terms"));
}

TEST_CASE("the Peer Production License is a condition, LicenseRef-PPL its alias, OR picks the best") {
  Fake f;
  f.add("P-P0001", "PPL");
  f.add("P-P0002", "LicenseRef-PPL");
  for (const char* serial : {"P-P0001", "P-P0002"}) {
    auto r = f.rights(serial);
    const auto& a = r.answer(Use::sell_product);
    CHECK(a.verdict == RightsVerdict::conditional);
    REQUIRE(a.conditions.size() == 1);
    CHECK(a.conditions[0].find("worker-owned business or collective") != std::string::npos);
  }
  f.add("P-P0003", "MIT OR CC-BY-NC-4.0");
  CHECK(f.rights("P-P0003").answer(Use::sell_kit).verdict == RightsVerdict::allowed_with_obligations);
  f.add("P-P0004", "MIT AND CC-BY-NC-4.0");
  CHECK(f.rights("P-P0004").answer(Use::sell_kit).verdict == RightsVerdict::forbidden);
  f.add("P-P0005", "LicenseRef-Mine");
  CHECK(f.rights("P-P0005").answer(Use::sell_kit).verdict == RightsVerdict::forbidden);
  CHECK(f.rights("P-P0005").answer(Use::make).verdict == RightsVerdict::allowed_with_obligations);
  auto& missing = f.add("P-O0001", "MIT");
  missing.members = {{"P-P0099", "^1.0", 1}};
  CHECK(f.rights("P-O0001").answer(Use::sell_kit).verdict == RightsVerdict::conditional);
}

TEST_CASE("cycles and shared ancestors are walked once") {
  Fake f;
  f.add("C-P0001", "CC-BY-4.0").derived_from = {{"C-P0002", "1.0.0"}};
  f.add("C-P0002", "CC-BY-4.0").derived_from = {{"C-P0001", "1.0.0"}};
  auto r = f.rights("C-P0001");
  CHECK(r.subjects.size() == 2);
  auto& o = f.add("C-O0001", "CC-BY-4.0");
  o.members = {{"C-O0001", "*", 1}, {"C-P0001", "*", 1}};
  CHECK(f.rights("C-O0001").subjects.size() == 3);  // itself not again; C-P0001 and its ancestor
}

TEST_CASE("stricter licences") {
  CHECK(stricter_than("CC-BY-NC-4.0", "CC0-1.0"));
  CHECK(stricter_than("CC-BY-4.0", "CC0-1.0"));
  CHECK(stricter_than("CC-BY-SA-4.0", "CC-BY-4.0"));
  CHECK(stricter_than("CC-BY-ND-4.0", "CC-BY-4.0"));
  CHECK_FALSE(stricter_than("CC-BY-4.0", "CC-BY-NC-4.0"));
  CHECK_FALSE(stricter_than("CC-BY-SA-4.0", "CC-BY-SA-4.0"));
  CHECK_FALSE(stricter_than("MIT", "MIT"));
  CHECK(licence_allows("CC0-1.0", Use::sell_kit));
  CHECK_FALSE(licence_allows("CC-BY-NC-SA-4.0", Use::sell_kit));
}

TEST_CASE("full licence texts come from the SPDX npm data, never from a path the user chose") {
  auto text = licence_text("CERN-OHL-S-2.0");
  REQUIRE(text);
  CHECK_FALSE(licence_text("../../../etc/passwd").value().has_value());
  CHECK_FALSE(licence_text("LicenseRef-Mine").value().has_value());
  if (!*text) {
    MESSAGE("no SPDX data at " << spdx_data_dir() << ": the text checks are skipped");
    return;
  }
  CHECK(text->value().starts_with("CERN Open Hardware Licence Version 2 - Strongly Reciprocal"));
  CHECK(licence_text("LicenseRef-PPL").value() == licence_text("PPL").value());
}
