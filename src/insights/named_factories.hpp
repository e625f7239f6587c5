// The registries by name of clusterers, representations and similarities: one thread-safe map from names to
// factories and their declared parameters, so that the three check parameters and report mistakes alike and
// never run a factory (which may call Python) under their lock.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "servicedesign/core/error.hpp"
#include "servicedesign/core/parameters.hpp"
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

  void add(const std::string& name, Factory factory, Parameters parameters = {}) {
    if (name.empty()) throw InvalidInput("register_" + what_ + ": the name is empty");
    if (!factory) throw InvalidInput("register_" + what_ + ": no factory given for '" + name + "'");
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      const Parameter& p = parameters[i];
      if (p.name.empty() || find_parameter(parameters, p.name) != &p) {
        throw InvalidInput("register_" + what_ + ": parameter " + std::to_string(i) + " of '" + name +
                           "' has no name or one declared before");
      }
      if (p.default_value) (void)check_parameters({p}, {{p.name, *p.default_value}}, "register_" + what_ + " '" + name + "'");
    }
    Entry replaced;  // destroyed after the lock is released (it may hold a Python object)
    const std::lock_guard lock(mutex_);
    auto& slot = factories_[name];
    replaced = std::exchange(slot, Entry{std::move(factory), std::move(parameters)});
  }

  bool remove(const std::string& name) {
    typename decltype(factories_)::node_type removed;  // destroyed after the lock is released
    const std::lock_guard lock(mutex_);
    removed = factories_.extract(name);
    return !removed.empty();
  }

  // The factory's product, given the parameters checked against the declaration with their defaults filled
  // in; the factory runs outside the lock (it may register others).
  auto make(std::string_view name, const ClustererParams& params) {
    Entry entry = find(name);
    const ClustererParams checked{params.seed, check_parameters(entry.parameters, params.values, name)};
    auto made = entry.factory(checked);
    if (!made) throw Error("the factory of " + what_ + " '" + std::string(name) + "' returned nothing");
    return made;
  }

  // The parameters declared with `name`.
  Parameters parameters(std::string_view name) { return find(name).parameters; }

  std::vector<std::string> names() {
    const std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [n, f] : factories_) out.push_back(n);
    return out;
  }

 private:
  struct Entry {
    Factory factory;
    Parameters parameters;
  };

  Entry find(std::string_view name) {
    const std::lock_guard lock(mutex_);
    const auto it = factories_.find(name);
    if (it == factories_.end()) {
      std::string known;
      for (const auto& [n, f] : factories_) known += (known.empty() ? "" : ", ") + n;
      throw NotFound("unknown " + what_ + " '" + std::string(name) + "'; known: " + known);
    }
    return it->second;
  }

  std::string what_;
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> factories_;
};

}  // namespace servicedesign::insights::detail
