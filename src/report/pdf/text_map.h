// Values kept per text and per the few ways it is set (a font, a width, an
// alignment): the text is hashed once, then its handful of settings are
// compared one after the other. Looked up by string_view, without copying
// the text; it is copied the first time it is kept.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace agencykpi::pdf {

// Setting: a small struct with ==. Value: anything.
template <typename Setting, typename Value>
class TextMap {
 public:
  // The value of `text` set as `setting`, made by `make()` the first time.
  template <typename Make>
  Value& Get(std::string_view text, const Setting& setting, Make&& make) {
    auto found = values_.find(text);
    if (found == values_.end()) found = values_.emplace(std::string(text), std::vector<Entry>()).first;
    for (Entry& entry : found->second) {
      if (entry.setting == setting) return entry.value;
    }
    found->second.push_back({setting, make()});
    return found->second.back().value;
  }

  // Calls `visit(value)` on every value kept.
  template <typename Visit>
  void ForEach(Visit&& visit) {
    for (auto& [text, entries] : values_) {
      for (Entry& entry : entries) visit(entry.value);
    }
  }

 private:
  struct Entry {
    Setting setting;
    Value value;
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  std::unordered_map<std::string, std::vector<Entry>, Hash, std::equal_to<>> values_;
};

}  // namespace agencykpi::pdf
