// SPDX licence expressions: tokenizer, recursive-descent parser (WITH > AND > OR), and the
// functions that read a parsed expression (terms, ids, canonical text, warnings).
#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "archipel/core/licence.hpp"

namespace archipel::core {
namespace detail {
std::string suggest_exception(std::string_view id);
}

namespace {

bool is_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == ':';
}

bool is_operator_word(std::string_view w) {
  static constexpr std::string_view ops[] = {"AND", "OR", "WITH", "and", "or", "with"};
  return std::ranges::find(ops, w) != std::end(ops);
}

std::string did_you_mean(std::string_view suggestion) {
  return suggestion.empty() ? std::string() : fmt::format("; did you mean \"{}\"?", suggestion);
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<std::vector<std::string>> tokenize() {
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < text_.size();) {
      const char c = text_[i];
      if (c == ' ' || c == '\t') { ++i; continue; }
      if (c == '(' || c == ')' || c == '+') { tokens.emplace_back(1, c); ++i; continue; }
      if (!is_id_char(c))
        return fail(Errc::invalid, fmt::format("unexpected character \"{}\" in licence expression \"{}\"",
                                               c, text_));
      const auto start = i;
      while (i < text_.size() && is_id_char(text_[i])) ++i;
      tokens.emplace_back(text_.substr(start, i - start));
    }
    return tokens;
  }

  Result<LicenceExpression> parse() {
    auto tokens = tokenize();
    if (!tokens) return std::unexpected(tokens.error());
    tokens_ = std::move(*tokens);
    if (tokens_.empty()) return fail(Errc::invalid, "the licence expression is empty");
    auto expr = parse_or();
    if (!expr) return expr;
    if (pos_ < tokens_.size()) return unexpected_here();
    return expr;
  }

 private:
  const std::string* peek() const { return pos_ < tokens_.size() ? &tokens_[pos_] : nullptr; }
  bool accept(std::string_view token) {
    if (peek() && *peek() == token) { ++pos_; return true; }
    return false;
  }

  std::unexpected<Error> unexpected_here() const {
    const std::string& token = tokens_[pos_];
    if (pos_ > 0 && (token == "and" || token == "or" || token == "with"))
      return fail(Errc::invalid, fmt::format("\"{}\" in licence expression \"{}\": operators are "
                                             "written in capitals (AND, OR, WITH)", token, text_));
    if (pos_ > 0)
      return fail(Errc::invalid, fmt::format("expected AND, OR or WITH before \"{}\" in licence "
                                             "expression \"{}\"", token, text_));
    return fail(Errc::invalid, fmt::format("unexpected \"{}\" in licence expression \"{}\"", token, text_));
  }

  Result<LicenceExpression> parse_binary(LicenceExpression::Op op, std::string_view word,
                                         Result<LicenceExpression> (Parser::*next)()) {
    auto first = (this->*next)();
    if (!first) return first;
    LicenceExpression node{op, {}, false, {}, {}};
    add_operand(node, std::move(*first));
    while (accept(word)) {
      auto operand = (this->*next)();
      if (!operand) return operand;
      add_operand(node, std::move(*operand));
    }
    if (node.operands.size() == 1) return std::move(node.operands.front());
    return node;
  }

  // Flattens (A AND B) AND C into one AND of three.
  static void add_operand(LicenceExpression& node, LicenceExpression operand) {
    if (operand.op == node.op)
      for (auto& o : operand.operands) node.operands.push_back(std::move(o));
    else
      node.operands.push_back(std::move(operand));
  }

  Result<LicenceExpression> parse_or() {
    return parse_binary(LicenceExpression::Op::any_of, "OR", &Parser::parse_and);
  }
  Result<LicenceExpression> parse_and() {
    return parse_binary(LicenceExpression::Op::all_of, "AND", &Parser::parse_atom);
  }

  Result<LicenceExpression> parse_atom() {
    const std::string* token = peek();
    if (!token)
      return fail(Errc::invalid, fmt::format("licence expression \"{}\" is incomplete", text_));
    if (*token == "(") {
      if (++depth_ > max_depth)
        return fail(Errc::invalid, fmt::format("licence expression nests parentheses more than {} deep", max_depth));
      ++pos_;
      auto inner = parse_or();
      --depth_;
      if (!inner) return inner;
      if (!accept(")"))
        return fail(Errc::invalid, fmt::format("missing \")\" in licence expression \"{}\"", text_));
      return inner;
    }
    if (*token == ")" || *token == "+" || is_operator_word(*token)) return unexpected_here();
    ++pos_;
    return parse_licence_ref(*token);
  }

  Result<LicenceExpression> parse_licence_ref(const std::string& id) {
    if (auto known = check_id(id); !known) return std::unexpected(known.error());
    LicenceExpression leaf;
    leaf.id = id;
    leaf.or_later = accept("+");
    if (accept("WITH")) {
      const std::string* exception = peek();
      if (!exception || !is_id_char((*exception)[0]) || is_operator_word(*exception))
        return fail(Errc::invalid, fmt::format("expected an exception after WITH in licence "
                                               "expression \"{}\"", text_));
      if (!is_licence_exception(*exception))
        return fail(Errc::invalid, fmt::format("\"{}\" is not a known SPDX licence exception{}",
                                               *exception, did_you_mean(detail::suggest_exception(*exception))));
      leaf.exception = *exception;
      ++pos_;
    }
    return leaf;
  }

  static Result<void> check_id(const std::string& id) {
    if (id.starts_with("LicenseRef-") && id.size() > 11 && id.find(':') == std::string::npos)
      return {};
    if (find_licence(id)) return {};
    if (id.starts_with("DocumentRef-"))
      return fail(Errc::invalid, fmt::format("\"{}\": DocumentRef licences are not supported", id));
    return fail(Errc::invalid, fmt::format("\"{}\" is not a known SPDX licence{}", id,
                                           did_you_mean(suggest_licence(id))));
  }

  std::string_view text_;
  std::vector<std::string> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;  // parentheses open at this point; bounded so hostile input cannot overflow the stack
  static constexpr int max_depth = 32;
};

LicenceTerms leaf_terms(const LicenceExpression& leaf) {
  const LicenceInfo* info = find_licence(leaf.id);
  if (!info) return {false, false, false, true, false, false};  // unknown LicenseRef: strictest
  return {info->commercial, info->derivatives, info->share_alike, info->attribution,
          info->hardware, true};
}

}  // namespace

Result<LicenceExpression> parse_licence(std::string_view text) { return Parser(text).parse(); }

LicenceTerms terms(const LicenceExpression& expr) {
  if (expr.op == LicenceExpression::Op::licence) return leaf_terms(expr);
  const bool any = expr.op == LicenceExpression::Op::any_of;
  LicenceTerms out = terms(expr.operands.front());
  for (std::size_t i = 1; i < expr.operands.size(); ++i) {
    const LicenceTerms t = terms(expr.operands[i]);
    // OR: the user picks, so a freedom holds when any option grants it and a duty only when all
    // options impose it. AND: every licence applies, so the reverse.
    out.commercial = any ? (out.commercial || t.commercial) : (out.commercial && t.commercial);
    out.derivatives = any ? (out.derivatives || t.derivatives) : (out.derivatives && t.derivatives);
    out.share_alike = any ? (out.share_alike && t.share_alike) : (out.share_alike || t.share_alike);
    out.attribution = any ? (out.attribution && t.attribution) : (out.attribution || t.attribution);
    out.hardware = out.hardware || t.hardware;
    out.known = out.known && t.known;
  }
  return out;
}

std::vector<std::string> ids(const LicenceExpression& expr) {
  std::vector<std::string> out;
  if (expr.op == LicenceExpression::Op::licence) return {expr.id};
  for (const auto& operand : expr.operands)
    for (auto& id : ids(operand))
      if (std::ranges::find(out, id) == out.end()) out.push_back(std::move(id));
  return out;
}

std::string to_string(const LicenceExpression& expr) {
  if (expr.op == LicenceExpression::Op::licence) {
    std::string out = expr.id + (expr.or_later ? "+" : "");
    if (!expr.exception.empty()) out += " WITH " + expr.exception;
    return out;
  }
  const std::string_view word = expr.op == LicenceExpression::Op::all_of ? " AND " : " OR ";
  std::string out;
  for (const auto& operand : expr.operands) {
    if (!out.empty()) out += word;
    const bool nested = operand.op != LicenceExpression::Op::licence;
    out += nested ? fmt::format("({})", to_string(operand)) : to_string(operand);
  }
  return out;
}

std::vector<std::string> licence_warnings(const LicenceExpression& expr) {
  if (expr.op != LicenceExpression::Op::licence) {
    std::vector<std::string> out;
    for (const auto& operand : expr.operands)
      for (auto& w : licence_warnings(operand)) out.push_back(std::move(w));
    return out;
  }
  const LicenceInfo* info = find_licence(expr.id);
  if (!info)
    return {fmt::format("\"{}\" is not in Archipel's licence list: its terms are unknown, so it "
                        "is treated as forbidding commercial use and derivatives", expr.id)};
  if (!info->deprecated) return {};
  const std::string written = expr.id + (expr.or_later ? "+" : "");
  std::string replacement = info->replaced_by;
  if (expr.or_later && replacement.ends_with("-only"))
    replacement = replacement.substr(0, replacement.size() - 5) + "-or-later";
  return {fmt::format("\"{}\" is a deprecated SPDX licence id; write \"{}\"", written, replacement)};
}

}  // namespace archipel::core
