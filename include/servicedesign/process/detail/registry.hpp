/// @file
/// Internal: an insertion-ordered collection of entities with lookup by id.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace servicedesign::process::detail {

/// Entities in insertion order plus an id index. `Key` is the member holding the id.
template <class T, std::string T::*Key = &T::id>
struct Registry {
  std::vector<T> items;
  std::unordered_map<std::string, std::size_t> index;

  [[nodiscard]] const T* find(std::string_view id) const {
    const auto it = index.find(std::string(id));
    return it == index.end() ? nullptr : &items[it->second];
  }
  [[nodiscard]] T* find(std::string_view id) {
    const auto it = index.find(std::string(id));
    return it == index.end() ? nullptr : &items[it->second];
  }
  const T& add(T item) {
    index.emplace(item.*Key, items.size());
    items.push_back(std::move(item));
    return items.back();
  }
  void rebuild_index() {
    index.clear();
    for (std::size_t i = 0; i < items.size(); ++i) index.emplace(items[i].*Key, i);
  }
};

}  // namespace servicedesign::process::detail
