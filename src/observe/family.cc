#include "observe/family.h"

#include "observe/bounded_text.h"

namespace openline::observe {

void FamilyBase::Render(std::string& out) const {
  out += "# HELP ";
  out += info_.name;
  out += ' ';
  out += EscapeHelp(info_.help);
  out += "\n# TYPE ";
  out += info_.name;
  out += ' ';
  out += ToString(info_.type);
  out += '\n';
  RenderSamples(out);
}

Result<std::vector<std::string>> FamilyBase::MakeKey(
    std::span<const std::string_view> values) const {
  if (values.size() != info_.label_names.size()) {
    return MakeError(ErrorCode::kInvalidArgument,
                     "metric " + info_.name + " takes " +
                         std::to_string(info_.label_names.size()) +
                         " label values, got " + std::to_string(values.size()));
  }
  std::vector<std::string> key;
  key.reserve(values.size());
  for (const std::string_view v : values) {
    key.push_back(BoundUntrustedText(v, limits_.max_label_value_bytes));
  }
  return key;
}

LabelPairs FamilyBase::Pairs(const std::vector<std::string>& key) const {
  LabelPairs pairs;
  pairs.reserve(key.size());
  for (size_t i = 0; i < key.size(); ++i)
    pairs.emplace_back(info_.label_names[i], key[i]);
  return pairs;
}

void RenderChild(std::string& out, const FamilyBase& family, const LabelPairs& labels,
                 const Counter& c) {
  AppendSample(out, family.name(), labels, FormatValue(c.Value()));
}

void RenderChild(std::string& out, const FamilyBase& family, const LabelPairs& labels,
                 const Gauge& g) {
  AppendSample(out, family.name(), labels, FormatValue(g.Value()));
}

void RenderChild(std::string& out, const FamilyBase& family, const LabelPairs& labels,
                 const Histogram& h) {
  const Histogram::Snapshot s = h.Read();
  const std::string bucket_name = family.name() + "_bucket";
  LabelPairs with_le = labels;
  with_le.emplace_back("le", "");
  for (size_t i = 0; i < s.cumulative.size(); ++i) {
    const std::string le =
        i < h.upper_bounds().size() ? FormatValue(h.upper_bounds()[i]) : "+Inf";
    with_le.back().second = le;
    AppendSample(out, bucket_name, with_le, std::to_string(s.cumulative[i]));
  }
  AppendSample(out, family.name() + "_sum", labels, FormatValue(s.sum));
  AppendSample(out, family.name() + "_count", labels, std::to_string(s.count));
}

}  // namespace openline::observe
