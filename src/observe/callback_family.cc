#include "observe/callback_family.h"

#include "observe/exposition.h"

namespace openline::observe {

Status ScrapeSink::Set(std::span<const std::string_view> label_values, double value) {
  auto key = family_.MakeKey(label_values);
  if (!key) return tl::unexpected(std::move(key).error());
  if (auto it = values_.find(*key); it != values_.end()) {
    it->second = value;
    return Ok();
  }
  if (values_.size() >= family_.limits().max_children) {
    family_.CountRefusal();
    return MakeError(ErrorCode::kTooLarge, "metric " + family_.name() + " already has " +
                                               std::to_string(values_.size()) +
                                               " label sets (the cap)");
  }
  values_.emplace(std::move(*key), value);
  return Ok();
}

void CallbackFamily::RenderSamples(std::string& out) const {
  ScrapeSink sink(*this);
  if (collect_) collect_(sink);
  for (const auto& [key, value] : sink.values()) {
    AppendSample(out, name(), Pairs(key), FormatValue(value));
  }
}

}  // namespace openline::observe
