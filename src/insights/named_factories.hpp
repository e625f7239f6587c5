// The registries by name of clusterers, representations and similarities: one thread-safe map from names to
// factories, so that the three report mistakes alike and never run a factory (which may call Python) under
// their lock.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "servicedesign/core/error.hpp"
#include "servicedesign/insights/cluster.hpp"

namespace servicedesign::insights::detail {

// A thread-safe map from names to factories; `what` names the kind in messages ("representation").
template <class Factory>
class NamedFactories {
 public:
  // `builtins(*this)` registers the built-in ones.
  template <class Builtins>
  NamedFactories(std::string what, const Builtins& builtins) : what_(std::move(what)) {
    builtins(*this);
  }

  void add(const std::string& name, Factory factory) {
    if (name.empty()) throw InvalidInput("register_" + what_ + ": the name is empty");
    if (!factory) throw InvalidInput("register_" + what_ + ": no factory given for '" + name + "'");
    Factory replaced;  // destroyed after the lock is released (it may hold a Python object)
    const std::lock_guard lock(mutex_);
    auto& slot = factories_[name];
    replaced = std::exchange(slot, std::move(factory));
  }

  bool remove(const std::string& name) {
    typename decltype(factories_)::node_type removed;  // destroyed after the lock is released
    const std::lock_guard lock(mutex_);
    removed = factories_.extract(name);
    return !removed.empty();
  }

  // The factory's product; the factory runs outside the lock (it may register others).
  auto make(std::string_view name, const ClustererParams& params) {
    Factory factory;
    {
      const std::lock_guard lock(mutex_);
      const auto it = factories_.find(name);
      if (it == factories_.end()) {
        std::string known;
        for (const auto& [n, f] : factories_) known += (known.empty() ? "" : ", ") + n;
        throw NotFound("unknown " + what_ + " '" + std::string(name) + "'; known: " + known);
      }
      factory = it->second;
    }
    auto made = factory(params);
    if (!made) throw Error("the factory of " + what_ + " '" + std::string(name) + "' returned nothing");
    return made;
  }

  std::vector<std::string> names() {
    const std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [n, f] : factories_) out.push_back(n);
    return out;
  }

 private:
  std::string what_;
  std::mutex mutex_;
  std::map<std::string, Factory, std::less<>> factories_;
};

}  // namespace servicedesign::insights::detail
