#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "archipel/core/licence.hpp"
#include "archipel/core/suggest.hpp"

using namespace archipel::core;

namespace {
std::string parse_error(std::string_view text) {
  auto r = parse_licence(text);
  return r ? std::string("(parsed)") : r.error().message;
}
LicenceTerms terms_of(std::string_view text) { return terms(parse_licence(text).value()); }
std::string canonical(std::string_view text) { return to_string(parse_licence(text).value()); }
}  // namespace

TEST_CASE("the built-in list is loaded, with its SPDX list version") {
  CHECK(spdx_list_version() == "3.24");
  CHECK(known_licences().size() >= 60);
  std::set<std::string> seen;
  for (const auto& l : known_licences()) {
    CAPTURE(l.id);
    CHECK(seen.insert(l.id).second);
    CHECK_FALSE(l.name.empty());
    CHECK(l.share_alike == (l.copyleft != Copyleft::none));
    CHECK(l.share_alike == !l.share_alike_compatible.empty());
    for (const auto& other : l.share_alike_compatible) CHECK(find_licence(other) != nullptr);
  }
  for (const char* id : {"CERN-OHL-P-2.0", "CERN-OHL-W-2.0", "CERN-OHL-S-2.0", "CERN-OHL-1.2",
                         "TAPR-OHL-1.0", "CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0",
                         "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "CC-BY-NC-ND-4.0", "CC-BY-3.0",
                         "CC-BY-SA-3.0", "CC-BY-NC-ND-3.0", "LicenseRef-PPL", "MIT", "Apache-2.0",
                         "BSD-2-Clause", "BSD-3-Clause", "ISC", "MPL-2.0", "GPL-2.0-only",
                         "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "LGPL-2.1-only",
                         "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "AGPL-3.0-only",
                         "AGPL-3.0-or-later", "Unlicense", "0BSD", "OFL-1.1", "GPL-3.0"}) {
    CAPTURE(id);
    CHECK(find_licence(id) != nullptr);
  }
  CHECK(find_licence("mit") == nullptr);  // ids are case-sensitive
}

TEST_CASE("licence properties a kit producer relies on") {
  const auto* s = find_licence("CERN-OHL-S-2.0");
  REQUIRE(s);
  CHECK(s->name == "CERN Open Hardware Licence Version 2 - Strongly Reciprocal");
  CHECK(s->hardware);
  CHECK(s->commercial);
  CHECK(s->share_alike);
  CHECK(s->copyleft == Copyleft::strong);
  CHECK(find_licence("CERN-OHL-W-2.0")->copyleft == Copyleft::weak);
  CHECK_FALSE(find_licence("CERN-OHL-P-2.0")->share_alike);
  CHECK_FALSE(find_licence("CC-BY-NC-4.0")->commercial);
  CHECK_FALSE(find_licence("CC-BY-ND-4.0")->derivatives);
  CHECK_FALSE(find_licence("CC0-1.0")->attribution);
  CHECK(find_licence("CC-BY-4.0")->attribution);
  CHECK_FALSE(find_licence("MIT")->hardware);
  const auto* ppl = find_licence("LicenseRef-PPL");
  REQUIRE(ppl);
  CHECK_FALSE(ppl->commercial);
  CHECK(ppl->share_alike);
  CHECK(ppl->note.find("kept as an alias of PPL") != std::string::npos);
  CHECK(find_licence("PPL")->name == "Peer Production License");
  const auto* sa = find_licence("CC-BY-SA-4.0");
  CHECK(std::ranges::find(sa->share_alike_compatible, "GPL-3.0-only") != sa->share_alike_compatible.end());
  const auto* gpl3 = find_licence("GPL-3.0");
  CHECK(gpl3->deprecated);
  CHECK(gpl3->replaced_by == "GPL-3.0-only");
}

TEST_CASE("unknown ids get a did-you-mean when something is close") {
  CHECK(parse_error("CC-BY-5.0") == "\"CC-BY-5.0\" is not a known SPDX licence; did you mean \"CC-BY-4.0\"?");
  CHECK(parse_error("mit") == "\"mit\" is not a known SPDX licence; did you mean \"MIT\"?");
  CHECK(parse_error("Apache2") == "\"Apache2\" is not a known SPDX licence; did you mean \"Apache-2.0\"?");
  CHECK(parse_error("CERN-OHL-S") == "\"CERN-OHL-S\" is not a known SPDX licence; did you mean \"CERN-OHL-S-2.0\"?");
  CHECK(parse_error("cc-by-sa-4.0") == "\"cc-by-sa-4.0\" is not a known SPDX licence; did you mean \"CC-BY-SA-4.0\"?");
  CHECK(parse_error("banana") == "\"banana\" is not a known SPDX licence");
  CHECK(parse_error("MIT AND Proprietary-Stuff") == "\"Proprietary-Stuff\" is not a known SPDX licence");
  CHECK(parse_error("GPL-2.0-or-later WITH Classpath-exception") ==
        "\"Classpath-exception\" is not a known SPDX licence exception; did you mean \"Classpath-exception-2.0\"?");
}

TEST_CASE("syntax errors in expressions") {
  CHECK(parse_error("") == "the licence expression is empty");
  CHECK(parse_error("   ") == "the licence expression is empty");
  CHECK(parse_error("MIT AND") == "licence expression \"MIT AND\" is incomplete");
  CHECK(parse_error("(MIT OR Apache-2.0") == "missing \")\" in licence expression \"(MIT OR Apache-2.0\"");
  CHECK(parse_error("MIT)") == "expected AND, OR or WITH before \")\" in licence expression \"MIT)\"");
  CHECK(parse_error("MIT Apache-2.0") == "expected AND, OR or WITH before \"Apache-2.0\" in licence expression \"MIT Apache-2.0\"");
  CHECK(parse_error("MIT or ISC") ==
        "\"or\" in licence expression \"MIT or ISC\": operators are written in capitals (AND, OR, WITH)");
  CHECK(parse_error("MIT / ISC") == "unexpected character \"/\" in licence expression \"MIT / ISC\"");
  CHECK(parse_error("AND MIT") == "unexpected \"AND\" in licence expression \"AND MIT\"");
  CHECK(parse_error("GPL-2.0-only WITH") == "expected an exception after WITH in licence expression \"GPL-2.0-only WITH\"");
  CHECK(parse_error("LicenseRef-") == "\"LicenseRef-\" is not a known SPDX licence");
  CHECK(parse_error(std::string(100000, '(') + "MIT" + std::string(100000, ')')) ==
        "licence expression nests parentheses more than 32 deep");
  CHECK(parse_error(std::string(32, '(') + "MIT" + std::string(32, ')')) == "(parsed)");
}

TEST_CASE("expressions parse into a tree and print canonically") {
  auto e = parse_licence("MIT OR (Apache-2.0 AND BSD-3-Clause)");
  REQUIRE(e);
  CHECK(e->op == LicenceExpression::Op::any_of);
  REQUIRE(e->operands.size() == 2);
  CHECK(e->operands[1].op == LicenceExpression::Op::all_of);
  CHECK(canonical("MIT OR (Apache-2.0 AND BSD-3-Clause)") == "MIT OR (Apache-2.0 AND BSD-3-Clause)");
  CHECK(canonical("MIT OR Apache-2.0 AND BSD-3-Clause") == "MIT OR (Apache-2.0 AND BSD-3-Clause)");  // AND binds tighter
  CHECK(canonical("(MIT OR ISC) OR 0BSD") == "MIT OR ISC OR 0BSD");  // flattened
  CHECK(canonical("  GPL-2.0-or-later   WITH  Classpath-exception-2.0 ") ==
        "GPL-2.0-or-later WITH Classpath-exception-2.0");
  CHECK(canonical("GPL-3.0+") == "GPL-3.0+");
  CHECK(canonical("LicenseRef-PPL") == "LicenseRef-PPL");
  CHECK(canonical("LicenseRef-my-own.1") == "LicenseRef-my-own.1");
  auto plus = parse_licence("CERN-OHL-S-2.0+").value();
  CHECK(plus.id == "CERN-OHL-S-2.0");
  CHECK(plus.or_later);
  CHECK(ids(parse_licence("MIT OR (MIT AND CC-BY-4.0) OR ISC").value()) ==
        std::vector<std::string>{"MIT", "CC-BY-4.0", "ISC"});
}

TEST_CASE("terms: OR takes the most permissive choice, AND the most restrictive") {
  const auto nc_or_by = terms_of("CC-BY-NC-4.0 OR CC-BY-4.0");
  CHECK(nc_or_by.commercial);
  CHECK(nc_or_by.attribution);
  const auto sa_and_nc = terms_of("CC-BY-SA-4.0 AND CC-BY-NC-4.0");
  CHECK_FALSE(sa_and_nc.commercial);
  CHECK(sa_and_nc.share_alike);
  CHECK(sa_and_nc.derivatives);
  const auto gpl_or_mit = terms_of("GPL-3.0-only OR MIT");
  CHECK_FALSE(gpl_or_mit.share_alike);
  const auto nd_and_cc0 = terms_of("CC-BY-ND-4.0 AND CC0-1.0");
  CHECK_FALSE(nd_and_cc0.derivatives);
  CHECK(nd_and_cc0.attribution);
  const auto cc0_or_by = terms_of("CC0-1.0 OR CC-BY-4.0");
  CHECK_FALSE(cc0_or_by.attribution);
  const auto hw = terms_of("CERN-OHL-S-2.0 AND CC-BY-SA-4.0");
  CHECK(hw.hardware);
  CHECK(hw.commercial);
  CHECK(hw.known);
  const auto unknown = terms_of("LicenseRef-Secret");
  CHECK_FALSE(unknown.known);
  CHECK_FALSE(unknown.commercial);
  CHECK_FALSE(unknown.derivatives);
  CHECK(terms_of("LicenseRef-Secret OR MIT").commercial);
  CHECK_FALSE(terms_of("LicenseRef-PPL").commercial);
  CHECK(terms_of("LicenseRef-PPL").known);
}

TEST_CASE("warnings for deprecated ids and unknown LicenseRefs") {
  CHECK(licence_warnings(parse_licence("MIT").value()).empty());
  CHECK(licence_warnings(parse_licence("GPL-3.0").value()) ==
        std::vector<std::string>{"\"GPL-3.0\" is a deprecated SPDX licence id; write \"GPL-3.0-only\""});
  CHECK(licence_warnings(parse_licence("MIT OR GPL-3.0+").value()) ==
        std::vector<std::string>{"\"GPL-3.0+\" is a deprecated SPDX licence id; write \"GPL-3.0-or-later\""});
  CHECK(licence_warnings(parse_licence("LicenseRef-Mine").value()).size() == 1);
  CHECK(licence_warnings(parse_licence("LicenseRef-PPL").value()).empty());
}

TEST_CASE("edit distance and closest match") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("MIT", "mit") == 0);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(closest_match("openstructure", {"gridfinity", "openstructures"}) == "openstructures");
  CHECK(closest_match("zzzzzz", {"gridfinity", "openstructures"}).empty());
}
