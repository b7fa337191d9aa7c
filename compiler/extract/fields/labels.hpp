// compiler, extract stage: the field labels of meta lines ("来源：", "作者：", "责任编辑：",
// "浏览次数："), shared by parse_byline, is_meta_line and the line rules. Private to extract/;
// works on folded text (text::fold).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace sheaf::fields::detail {

enum class LabelKind {
  source,   ///< 来源, 信息来源, 稿源, 出处, 转自
  author,   ///< 作者, 记者, 通讯员, 采写, 执笔, 文/
  editor,   ///< 责任编辑, 编辑, 责编, 校对, 审核, 摄影: people who are not authors
  date,     ///< 发布时间, 时间, 日期, 发表于, 更新时间
  counter,  ///< 浏览次数, 阅读, 点击, 字号, N次阅读, N条评论
};

/// A label at a position and the value that follows it.
struct LabelMatch {
  LabelKind kind = LabelKind::source;
  size_t begin = 0;        ///< first byte of the label
  size_t label_end = 0;    ///< past the label and its colon
  size_t value_begin = 0;  ///< the value, trimmed of leading spaces
  size_t value_end = 0;    ///< before the next label, '|', an ideographic space, a bracket close
  bool colon = false;      ///< the label had a colon (or the '/' of "文/")
  bool organisation_ok = false;  ///< "作者：" may name an organisation; "记者" names people
};

/// The label starting exactly at byte `i` of `folded`, or nullopt. Weak labels ("时间",
/// "评论") need a colon; counters need a number ("阅读：12", "1164次阅读").
std::optional<LabelMatch> label_at(std::string_view folded, size_t i);

/// Length of a meta-line widget word at `i` ("举报", "原创", "分享", "A+"), or 0.
size_t ui_word_length(std::string_view folded, size_t i);

}  // namespace sheaf::fields::detail
