// compiler, extract stage: site footers (line_fields.hpp is_footer_line, parse_site_line). Gold
// README "site": publisher facts as written; values are cut at the next field of the footer row.
#include <algorithm>
#include <array>

#include "extract/fields/line_fields.hpp"
#include "extract/text/fold.hpp"

namespace sheaf::fields {
namespace {

namespace lt = text;

// Marks that only footers carry.
constexpr std::array<std::string_view, 9> kStrongMarks = {"©",         "Copyright", "COPYRIGHT",
                                                          "copyright", "版权所有",  "ICP",
                                                          "公网安备",  "公安网备",  "网站标识码"};

// Footer field labels; they count with a colon only, since "地址" or "主办" occur in prose.
constexpr std::array<std::string_view, 20> kFieldLabels = {
    "地址",     "电话",   "传真",     "邮编", "邮箱",     "E-mail",  "Email",
    "email",    "主办",   "主办单位", "承办", "协办",     "主管",    "技术支持",
    "运行维护", "备案号", "备案序号", "热线", "联系电话", "版权所有"};

// Link rows at the bottom of pages ("网站地图 | 联系我们").
constexpr std::array<std::string_view, 26> kLinkWords = {
    "网站地图", "联系我们", "关于我们", "版权声明", "免责声明", "隐私政策", "隐私保护",
    "法律声明", "广告服务", "意见反馈", "设为首页", "加入收藏", "友情链接", "招聘信息",
    "人才招聘", "法律顾问", "网站导航", "使用帮助", "服务条款", "用户协议", "网站声明",
    "商务合作", "版权说明", "豁免条款", "安全隐私", "版权保护"};

size_t skip_spaces(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
    ++i;
  }
  return i;
}

/// Byte index of "LABEL:" in `s` (the colon right after, spaces allowed), or npos.
size_t find_field(std::string_view s, std::string_view label, size_t from = 0) {
  for (size_t at = s.find(label, from); at != std::string_view::npos; at = s.find(label, at + 1)) {
    const size_t j = skip_spaces(s, at + label.size());
    if (j < s.size() && s[j] == ':') {
      return at;
    }
  }
  return std::string_view::npos;
}

/// A footer field label with its colon starts exactly at `i`.
bool field_at(std::string_view s, size_t i) {
  for (const std::string_view label : kFieldLabels) {
    if (lt::starts_with(s.substr(i), label)) {
      const size_t j = skip_spaces(s, i + label.size());
      if (j < s.size() && s[j] == ':') {
        return true;
      }
    }
  }
  return false;
}

bool any_field(std::string_view s) {
  for (const std::string_view label : kFieldLabels) {
    if (find_field(s, label) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

/// Where the value starting at `i` ends: at a '|', an ideographic space, a space before another
/// field ("地址：X 邮编：Y") or, when `one_word`, at any space.
size_t field_value_end(std::string_view s, size_t i, bool one_word) {
  size_t j = i;
  while (j < s.size() && s[j] != '|' && s[j] != '\t' && !lt::starts_with(s.substr(j), "丨")) {
    if (s[j] == ' ' && (one_word || field_at(s, j + 1))) {
      break;
    }
    j = lt::next_cp(s, j);
  }
  return j;
}

/// The value after "LABEL:" (first occurrence whose preceding text passes `reject`), as written.
std::string field_value(const lt::Folded& f, std::string_view label, bool one_word,
                        std::initializer_list<std::string_view> reject_before = {}) {
  const std::string_view s = f.text;
  for (size_t at = find_field(s, label); at != std::string_view::npos;
       at = find_field(s, label, at + 1)) {
    // "举报电话" and "客服电话" are not the publisher's phone.
    const std::string_view before = s.substr(at >= 12 ? at - 12 : 0, at >= 12 ? 12 : at);
    if (lt::contains_any(before, reject_before)) {
      continue;
    }
    const size_t begin = skip_spaces(s, s.find(':', at) + 1);
    const size_t end = field_value_end(s, begin, one_word);
    std::string value(lt::trim(f.original(begin, end)));
    if (!value.empty()) {
      return value;
    }
  }
  return "";
}

void set_if_empty(std::string& field, std::string value) {
  if (field.empty()) {
    field = std::move(value);
  }
}

/// Start of the ICP number whose "ICP" is at `at`: its province character, which may stand
/// apart ("浙 ICP").
size_t icp_begin(std::string_view s, size_t at) {
  const size_t before = lt::prev_cp(s, at);
  if (before == at) {
    return at;
  }
  if (s[before] == ' ' && before > 0 && lt::is_cjk(lt::cp_before(s, before))) {
    return lt::prev_cp(s, before);
  }
  return lt::is_cjk(lt::cp_at(s, before)) ? before : at;
}

/// End of the ICP number whose digits start at `j`: digits, "号", and a "-N" site suffix.
size_t icp_end(std::string_view s, size_t j) {
  while (j < s.size() && (lt::is_digit(s[j]) || s[j] == '-')) {
    ++j;
  }
  const size_t k = skip_spaces(s, j);
  if (!lt::starts_with(s.substr(k), "号")) {
    return j;
  }
  j = k + std::string_view("号").size();
  const size_t dash = skip_spaces(s, j);
  if (dash + 1 < s.size() && s[dash] == '-' && lt::is_digit(s[dash + 1])) {
    for (j = dash + 1; j < s.size() && lt::is_digit(s[j]); ++j) {
    }
  }
  return j;
}

/// "京ICP备05070218号", "鄂ICP证:020001-5", "浙 ICP 备 17005035 号 -1"; a "沪ICP证：沪B2-…"
/// business licence is skipped (its digits do not follow the colon).
std::string find_icp(const lt::Folded& f) {
  const std::string_view s = f.text;
  for (size_t at = s.find("ICP"); at != std::string_view::npos; at = s.find("ICP", at + 1)) {
    size_t j = skip_spaces(s, at + 3);
    const std::string_view kind = lt::word_at(s, j, {"备", "证"});
    if (kind.empty()) {
      continue;
    }
    j = skip_spaces(s, j + kind.size());
    j = j < s.size() && s[j] == ':' ? skip_spaces(s, j + 1) : j;
    if (j < s.size() && lt::is_digit(s[j])) {
      return f.original(icp_begin(s, at), icp_end(s, j));
    }
  }
  return "";
}

/// "京公网安备11000002000001号", "鄂公网安备 42010202000111号", "湘公安网备号4301…号".
std::string find_public_security(const lt::Folded& f) {
  const std::string_view s = f.text;
  for (const std::string_view mark : {"公网安备", "公安网备", "公安备案"}) {
    const size_t at = s.find(mark);
    if (at == std::string_view::npos) {
      continue;
    }
    const size_t begin = lt::is_cjk(lt::cp_before(s, at)) ? lt::prev_cp(s, at) : at;
    size_t j = at + mark.size();
    j = lt::starts_with(s.substr(j), "号") ? j + std::string_view("号").size() : j;
    j = skip_spaces(s, j);
    j = j < s.size() && s[j] == ':' ? skip_spaces(s, j + 1) : j;
    if (j >= s.size() || !lt::is_digit(s[j])) {
      continue;
    }
    while (j < s.size() && lt::is_digit(s[j])) {
      ++j;
    }
    j = lt::starts_with(s.substr(j), "号") ? j + std::string_view("号").size() : j;
    return f.original(begin, j);
  }
  return "";
}

bool email_char(char c, bool domain) {
  return lt::is_ascii_alnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' ||
         (!domain && (c == '_' || c == '+' || c == '%'));
}

std::string find_email(std::string_view s) {
  const size_t at = s.find('@');
  if (at == std::string_view::npos) {
    return "";
  }
  size_t begin = at;
  while (begin > 0 && email_char(s[begin - 1], false)) {
    --begin;
  }
  size_t end = at + 1;
  while (end < s.size() && email_char(s[end], true)) {
    ++end;
  }
  while (end > at + 1 && s[end - 1] == '.') {
    --end;
  }
  const std::string_view domain = s.substr(at + 1, end - at - 1);
  if (begin == at || domain.find('.') == std::string_view::npos) {
    return "";
  }
  return std::string(s.substr(begin, end - begin));
}

/// "400-690-0000 欢迎批评指正" -> "400-690-0000": a phone is digits and their punctuation.
std::string phone_only(std::string value) {
  constexpr std::string_view kPhoneChars = "0123456789-+() ,/";
  size_t n = 0;
  while (n < value.size() && kPhoneChars.find(value[n]) != std::string_view::npos) {
    ++n;
  }
  const std::string_view whole = value;
  const std::string_view kept = lt::trim_chars(whole.substr(0, n), ",/-");
  return std::string{kept};
}

bool continues_copyright(std::string_view rest) {
  rest = lt::trim(rest);
  return lt::starts_with(rest, "Copyright") || lt::starts_with(rest, "©") ||
         lt::starts_with(rest, "All") || lt::starts_with(rest, "all") ||
         lt::starts_with(rest, "版权所有") || lt::starts_with(rest, "(c)");
}

/// Where the copyright statement starting at `begin` ends: at a separator, the next field, the
/// ICP number (with its province character), or after "版权所有" / "Reserved." that nothing
/// copyright-like continues ("网易公司版权所有 About NetEase" ends at 版权所有).
size_t copyright_end(std::string_view s, size_t begin) {
  size_t j = begin;
  while (j < s.size()) {
    if (s[j] == '|' || s[j] == '\t' || lt::word_at(s, j, {"丨", "  "}).size() > 0 ||
        (j > begin && s[j - 1] == ' ' && field_at(s, j))) {
      break;
    }
    if (lt::starts_with(s.substr(j), "ICP") || lt::starts_with(s.substr(j), "备案")) {
      size_t k = j;
      while (k > begin && s[k - 1] == ' ') {
        --k;
      }
      return k > begin && lt::is_cjk(lt::cp_before(s, k)) && !lt::starts_with(s.substr(j), "备案")
                 ? lt::prev_cp(s, k)
                 : k;
    }
    const std::string_view closer =
        lt::word_at(s, j, {"版权所有", "Reserved.", "Reserved", "reserved.", "reserved"});
    if (!closer.empty() && j > begin && !continues_copyright(s.substr(j + closer.size()))) {
      size_t end = j + closer.size();
      end = lt::starts_with(s.substr(end), "。") ? end + std::string_view("。").size() : end;
      return end;
    }
    j = lt::next_cp(s, j);
  }
  return j;
}

/// The owner inside a copyright statement: "© 2001-2012 中国地理学会" -> 中国地理学会.
std::string copyright_owner(std::string_view statement) {
  std::string_view v = lt::trim(statement);
  for (const std::string_view lead : {"Copyright", "copyright", "COPYRIGHT", "版权所有"}) {
    v = lt::starts_with(v, lead) ? v.substr(lead.size()) : v;
  }
  v = lt::trim_chars(v, "©:0123456789-~, ");
  for (const std::string_view tail : {"版权所有", "All Rights", "All rights", "all rights"}) {
    const size_t at = v.find(tail);
    v = at == std::string_view::npos ? v : v.substr(0, at);
  }
  v = lt::trim_chars(v, ".,");
  return !lt::more_cp_than(v, 30) ? std::string(v) : std::string();
}

void parse_copyright(const lt::Folded& f, SiteInfo& site) {
  const std::string_view s = f.text;
  size_t begin = std::string_view::npos;
  for (const std::string_view mark : {"Copyright", "COPYRIGHT", "copyright", "©", "版权所有"}) {
    begin = std::min(begin, s.find(mark));
  }
  if (begin == std::string_view::npos) {
    return;
  }
  const size_t labelled = find_field(s, "版权所有");
  if (labelled == begin) {
    // "版权所有：中国政府网" names the owner outright.
    const size_t value = skip_spaces(s, s.find(':', begin) + 1);
    const std::string statement(lt::trim(f.original(value, copyright_end(s, value))));
    set_if_empty(site.copyright, statement);
    set_if_empty(site.name, copyright_owner(lt::fold(statement).text));
    return;
  }
  if (lt::starts_with(s.substr(begin), "版权所有")) {
    // "长江互动传媒网版权所有": the owner comes first; go back to the start of this field.
    while (begin > 0 && s[begin - 1] != '|' && s[begin - 1] != '\t' && s[begin - 1] != ':') {
      begin = lt::prev_cp(s, begin);
    }
  }
  const std::string statement(lt::trim(f.original(begin, copyright_end(s, begin))));
  set_if_empty(site.copyright, statement);
  set_if_empty(site.name, copyright_owner(lt::fold(statement).text));
}

}  // namespace

bool is_footer_line(std::string_view line) {
  const lt::Folded f = lt::fold(line);
  const std::string_view s = lt::trim(f.text);
  if (s.empty() || lt::more_cp_than(s, 300)) {
    return false;
  }
  const size_t chars = lt::count_cp(s);
  // A long sentence that happens to mention 版权 is prose (or a reprint notice, another rule).
  const bool long_prose = lt::contains(s, "。") && chars > 60;
  if (!long_prose) {
    for (const std::string_view mark : kStrongMarks) {
      if (lt::contains(s, mark)) {
        return true;
      }
    }
    if (lt::contains_any(s, {"违法和不良信息举报", "不良信息举报中心"})) {
      return true;
    }
  }
  const bool sentence = lt::has_sentence_punct(s);
  if (!sentence && chars <= 120 && any_field(s)) {
    return true;
  }
  if (sentence) {
    return false;  // what follows needs a line without sentence punctuation
  }
  size_t links = 0;
  for (const std::string_view word : kLinkWords) {
    links += lt::contains(s, word) ? 1 : 0;
    if (links >= 2) {
      return true;
    }
  }
  return false;
}

void parse_site_line(std::string_view line, SiteInfo& site) {
  const lt::Folded f = lt::fold(line);
  set_if_empty(site.icp, find_icp(f));
  set_if_empty(site.public_security_record, find_public_security(f));
  set_if_empty(site.email, find_email(line));
  set_if_empty(site.address, field_value(f, "地址", true, {"网址", "IP"}));
  set_if_empty(site.phone, phone_only(field_value(f, "电话", false, {"举报", "客服"})));
  set_if_empty(site.organizer, field_value(f, "主办单位", true));
  set_if_empty(site.organizer, field_value(f, "主办方", true));
  set_if_empty(site.organizer, field_value(f, "主办", true));
  set_if_empty(site.tech_support, field_value(f, "技术支持", true));
  parse_copyright(f, site);
}

}  // namespace sheaf::fields
