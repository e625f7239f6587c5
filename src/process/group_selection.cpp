// The bridge from a project's working groups down to the selection part.
#include "servicedesign/process/group_selection.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <set>

#include "servicedesign/core/error.hpp"
#include "servicedesign/process/project.hpp"
#include "text_utils.hpp"

namespace servicedesign::process {

namespace {

// The value a person without the attribute gets in the pool; quotas never name it, so it is free.
constexpr std::string_view not_given = "(not given)";
constexpr std::size_t unbounded = std::numeric_limits<std::uint32_t>::max();

std::string lower(std::string_view s) { return detail::ascii_lower(std::string(s)); }

// The person's value of `attribute`, or "(not given)".
std::string value_of(const Person& person, const std::string& attribute) {
  std::string value = attribute_value(person, attribute);
  return value.empty() ? std::string(not_given) : value;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// One group being filled: what is fixed before the lottery.
struct Seat {
  const WorkingGroup* group = nullptr;
  std::vector<std::string> kept;   // lead first, then members
  std::vector<std::size_t> sizes;  // candidate total sizes, ascending
};

std::size_t kept_with(const Project& project, const Seat& seat, const Quota& q) {
  return static_cast<std::size_t>(std::count_if(seat.kept.begin(), seat.kept.end(), [&](const std::string& id) {
    return lower(value_of(project.person(id), q.attribute)) == lower(q.value);
  }));
}

class Instance {
 public:
  Instance(const Project& project, const GroupSelectionOptions& options) : project_(project), options_(options) {
    choose_groups();
    build_pool();
  }

  GroupSelection solve() {
    std::vector<std::vector<std::size_t>> combinations = size_combinations();
    GroupSelection best;
    bool found = false;
    std::optional<selection::InfeasibleQuotas> closest;
    std::size_t closest_change = unbounded;
    std::set<std::vector<std::size_t>> tried;
    const auto consider = [&](const std::vector<std::size_t>& sizes) {
      if (!tried.insert(sizes).second) return;  // each combination is solved once
      try {
        GroupSelection candidate = run(sizes);
        const double fairness = candidate.fairness;
        best.sizes_tried.emplace_back(sizes, fairness);
        const std::size_t seats = total(sizes);
        if (!found || fairness > best.fairness + 1e-9 ||
            (fairness > best.fairness - 1e-9 && seats > total(sizes_of(best)))) {
          auto history = std::move(best.sizes_tried);
          best = std::move(candidate);
          best.sizes_tried = std::move(history);
          found = true;
        }
      } catch (const selection::InfeasibleQuotas& e) {
        std::size_t change = 0;
        for (const auto& r : e.relaxations()) change += r.to > r.from ? r.to - r.from : r.from - r.to;
        if (e.relaxations().empty()) change = unbounded - 1;
        if (!closest || change < closest_change) {
          closest = restated(e.what(), e.relaxations(), sizes);
          closest_change = change;
        }
      } catch (const servicedesign::Infeasible& e) {  // e.g. the legacy draw found no panel at this size
        if (!closest) {
          closest = restated(e.what(), {}, sizes);
          closest_change = unbounded - 1;
        }
      }
    };
    if (!combinations.empty()) {
      for (const auto& sizes : combinations) consider(sizes);
    } else {
      // Too many combinations: from the smallest sizes (the likeliest to be feasible), each group's size in
      // turn with the others at the best so far, until a pass changes nothing.
      std::vector<std::size_t> current;
      for (const auto& seat : seats_) current.push_back(seat.sizes.front());
      consider(current);
      for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t g = 0; g < seats_.size(); ++g) {
          std::vector<std::size_t> chosen = found ? sizes_of(best) : current;
          for (std::size_t size : seats_[g].sizes) {
            chosen[g] = size;
            consider(chosen);
          }
          if (found && sizes_of(best) != current) {
            current = sizes_of(best);
            changed = true;
          }
        }
      }
    }
    if (!found) throw *closest;
    return best;
  }

 private:
  static std::size_t total(const std::vector<std::size_t>& sizes) {
    std::size_t t = 0;
    for (auto s : sizes) t += s;
    return t;
  }
  static std::vector<std::size_t> sizes_of(const GroupSelection& g) {
    std::vector<std::size_t> out;
    for (const auto& s : g.groups) out.push_back(s.size);
    return out;
  }

  void choose_groups() {
    if (!options_.selection.already_selected.empty()) {
      throw InvalidInput("option 'selection.already_selected': keep people in a working group as its lead or members instead");
    }
    std::vector<std::string> ids = options_.group_ids;
    if (ids.empty()) {
      for (const auto& g : project_.working_groups()) ids.push_back(g.id);
    }
    if (ids.empty()) throw InvalidInput("the project has no working groups to fill");
    std::set<std::string> filling;
    for (const auto& id : ids) {
      const WorkingGroup& group = project_.working_group(id);  // NotFound names the id
      if (!filling.insert(id).second) throw InvalidInput("option 'group_ids': working group '" + id + "' is listed twice");
      Seat seat;
      seat.group = &group;
      if (!group.lead_id.empty()) seat.kept.push_back(group.lead_id);
      if (options_.keep_members) {
        for (const auto& m : group.member_ids) {
          if (m != group.lead_id) seat.kept.push_back(m);
        }
      }
      seats_.push_back(std::move(seat));
    }
    for (const auto& [id, size] : options_.sizes) {
      if (!filling.count(id)) throw InvalidInput("option 'sizes' names working group '" + id + "', which is not being filled");
      (void)size;
    }
    // Nobody serves in two groups: the kept members of the groups being filled, and everyone in the others.
    for (const auto& seat : seats_) {
      for (const auto& p : seat.kept) serve(p, seat.group->id);
    }
    for (const auto& g : project_.working_groups()) {
      if (filling.count(g.id)) continue;
      if (!g.lead_id.empty()) serve(g.lead_id, g.id);
      for (const auto& m : g.member_ids) {
        if (m != g.lead_id) serve(m, g.id);
      }
    }
    for (auto& seat : seats_) choose_sizes(seat);
  }

  void serve(const std::string& person, const std::string& group) {
    const auto [it, inserted] = serving_.emplace(person, group);
    if (!inserted && it->second != group) {
      throw InvalidInput("person '" + person + "' is in working groups " + it->second + " and " + group +
                         "; nobody serves in two groups");
    }
  }

  void choose_sizes(Seat& seat) {
    const WorkingGroup& g = *seat.group;
    const std::string label = "working group '" + g.id + "'";
    for (const auto& q : g.quotas) {
      const std::size_t kept = kept_with(project_, seat, q);
      if (kept > q.max) {
        throw InvalidInput(label + ", quota " + q.attribute + "=" + q.value + ": its " + std::to_string(kept) +
                           " kept members (lead and current members) exceed the max " + std::to_string(q.max));
      }
    }
    if (!options_.other_values_allowed) {
      for (const auto& p : seat.kept) {
        if (project_.erasure(p)) continue;  // an erased member's seat has no values
        for (const auto& q : g.quotas) {
          const std::string v = value_of(project_.person(p), q.attribute);
          const bool named = std::any_of(g.quotas.begin(), g.quotas.end(), [&](const Quota& o) {
            return lower(o.attribute) == lower(q.attribute) && lower(o.value) == lower(v);
          });
          if (!named) {
            throw InvalidInput(label + ": kept member '" + p + "' has " + q.attribute + "=" + v +
                               ", which the group's quotas do not name (other values are not allowed)");
          }
        }
      }
    }
    const std::size_t floor = std::max<std::size_t>(seat.kept.size(), 1);
    if (const auto fixed = options_.sizes.find(g.id); fixed != options_.sizes.end()) {
      if (fixed->second < floor) {
        throw InvalidInput("option 'sizes', " + label + ": size " + std::to_string(fixed->second) + " is below the " +
                           std::to_string(floor) + " member(s) it keeps");
      }
      seat.sizes = {fixed->second};
      return;
    }
    if (g.max_size < floor) {
      throw InvalidInput(label + ": it keeps " + std::to_string(seat.kept.size()) + " members (" + join(seat.kept) +
                         "), more than its max_size " + std::to_string(g.max_size));
    }
    // Never more seats than persons (a huge max_size would otherwise make a huge range).
    const std::size_t ceiling = std::min(g.max_size, std::max(project_.persons().size(), floor));
    for (std::size_t s = std::max(g.min_size, floor); s <= ceiling; ++s) seat.sizes.push_back(s);
    if (seat.sizes.empty()) seat.sizes.push_back(floor);
  }

  void build_pool() {
    selection::Quotas wanted;
    for (const auto& seat : seats_) {
      for (const auto& q : seat.group->quotas) wanted.set(q.attribute, q.value, 0, unbounded);
    }
    pool_.emplace(pool_of(project_, wanted));
    pool_quotas_ = pool_->quotas();
    std::set<std::string> taken_households;
    for (const auto& [id, group] : serving_) {
      if (const std::string& h = project_.person(id).household; !h.empty()) taken_households.insert(h);
    }
    for (const auto& person : project_.persons()) {
      if (project_.erasure(person.id)) continue;  // as pool_of(): a tombstone is a seat, not a volunteer
      pool_ids_.push_back(person.id);
      const bool housemate = options_.selection.households && !person.household.empty() &&
                             taken_households.count(person.household);
      if (serving_.count(person.id) || housemate) excluded_.push_back(person.id);
    }
    for (const auto& id : options_.selection.excluded) {
      (void)project_.person(id);  // NotFound names an unknown id
      if (std::find(excluded_.begin(), excluded_.end(), id) == excluded_.end()) excluded_.push_back(id);
    }
  }

  std::vector<std::vector<std::size_t>> size_combinations() const {
    std::size_t count = 1;
    for (const auto& seat : seats_) {
      count *= seat.sizes.size();
      if (count > options_.max_size_combinations) return {};
    }
    std::vector<std::vector<std::size_t>> out{{}};
    for (const auto& seat : seats_) {
      std::vector<std::vector<std::size_t>> next;
      for (const auto& prefix : out) {
        for (std::size_t s : seat.sizes) {
          next.push_back(prefix);
          next.back().push_back(s);
        }
      }
      out = std::move(next);
    }
    return out;
  }

  selection::Quotas group_quotas(const Seat& seat, std::size_t draw) const {
    selection::Quotas q;
    for (const auto& quota : seat.group->quotas) {
      const std::size_t kept = kept_with(project_, seat, quota);
      const std::size_t min = quota.min > kept ? quota.min - kept : 0;
      // A max above the seats drawn says nothing more; a min above them is left for the selection to refuse.
      q.set(quota.attribute, quota.value, min, std::max(min, std::min(quota.max - kept, draw)));
    }
    if (!options_.other_values_allowed) {
      for (const auto& feature : pool_quotas_.features()) {
        const bool used = std::any_of(seat.group->quotas.begin(), seat.group->quotas.end(),
                                      [&](const Quota& o) { return lower(o.attribute) == lower(feature.feature); });
        if (!used) continue;
        for (const auto& v : feature.values) {
          const auto f = q.find_feature(feature.feature);
          if (!f || !q.find_value(*f, v.value)) q.set(feature.feature, v.value, 0, 0);
        }
      }
    }
    return q;
  }

  GroupSelection run(const std::vector<std::size_t>& sizes) const {
    std::vector<selection::GroupSpec> specs;
    std::vector<std::size_t> spec_of(seats_.size(), unbounded);
    std::size_t seats = 0;
    for (std::size_t g = 0; g < seats_.size(); ++g) {
      const std::size_t draw = sizes[g] - seats_[g].kept.size();
      if (draw == 0) continue;  // the group is full with the members it keeps
      spec_of[g] = specs.size();
      specs.push_back({seats_[g].group->id, draw, group_quotas(seats_[g], draw)});
      seats += draw;
    }
    GroupSelection out;
    out.pool_ids = pool_ids_;
    if (!specs.empty()) {
      selection::SelectionOptions opts = options_.selection;
      opts.excluded = excluded_;
      out.result = selection::select(*pool_, specs, opts);
      const double eligible = static_cast<double>(pool_->size() - excluded_.size());
      out.fairness = out.result.min_probability * eligible / static_cast<double>(seats);
    } else {
      out.fairness = 0.0;  // nothing drawn: below any real draw, chosen only when no other size is possible
    }
    for (std::size_t g = 0; g < seats_.size(); ++g) {
      SelectedGroup sg;
      sg.group_id = seats_[g].group->id;
      sg.size = sizes[g];
      sg.kept = seats_[g].kept;
      if (spec_of[g] != unbounded) {
        for (std::size_t person : out.result.panels[spec_of[g]]) sg.drawn.push_back(pool_->id(person));
        std::sort(sg.drawn.begin(), sg.drawn.end());
      }
      sg.members = sg.kept;
      sg.members.insert(sg.members.end(), sg.drawn.begin(), sg.drawn.end());
      out.groups.push_back(std::move(sg));
    }
    return out;
  }

  // The selection's error in the project's terms: which sizes were tried, and bounds that count the kept members.
  selection::InfeasibleQuotas restated(const std::string& message, std::vector<selection::Relaxation> relaxations,
                                       const std::vector<std::size_t>& sizes) const {
    std::vector<std::string> ranges;
    for (const Seat& seat : seats_) {
      ranges.push_back(seat.group->id + " (" + std::to_string(seat.sizes.front()) +
                       (seat.sizes.size() > 1 ? "-" + std::to_string(seat.sizes.back()) : "") + ", " +
                       std::to_string(seat.kept.size()) + " kept)");
    }
    for (auto& r : relaxations) {
      const auto seat = std::find_if(seats_.begin(), seats_.end(), [&](const Seat& s) { return s.group->id == r.group; });
      if (seat == seats_.end()) continue;
      for (const auto& q : seat->group->quotas) {
        if (lower(q.attribute) == lower(r.feature) && lower(q.value) == lower(r.value)) {
          const std::size_t kept = kept_with(project_, *seat, q);
          r.from += kept;
          r.to += kept;
        }
      }
    }
    std::string sizes_text;
    for (std::size_t g = 0; g < sizes.size(); ++g) {
      sizes_text += (g ? ", " : "") + seats_[g].group->id + "=" + std::to_string(sizes[g]);
    }
    return {"no size of the working groups " + join(ranges) + " meets their quotas; nearest at sizes " + sizes_text +
                ": " + message,
            std::move(relaxations)};
  }

  const Project& project_;
  const GroupSelectionOptions& options_;
  std::vector<Seat> seats_;
  std::map<std::string, std::string> serving_;  // person → working group
  selection::Quotas pool_quotas_;
  std::optional<selection::Pool> pool_;
  std::vector<std::string> pool_ids_;
  std::vector<std::string> excluded_;
};

}  // namespace

selection::Pool pool_of(const Project& project, const selection::Quotas& quotas) {
  selection::Quotas listed;
  for (const auto& feature : quotas.features()) {
    for (const auto& v : feature.values) listed.set(feature.feature, v.value, 0, unbounded);
    for (const auto& person : project.persons()) listed.set(feature.feature, value_of(person, feature.feature), 0, unbounded);
  }
  selection::Pool pool(listed);
  for (const auto& person : project.persons()) {
    if (project.erasure(person.id)) continue;  // an erased person's tombstone is a seat, never a volunteer to draw
    std::map<std::string, std::string> values;
    for (const auto& feature : listed.features()) values[feature.feature] = value_of(person, feature.feature);
    pool.add(person.id, values, person.household);
  }
  return pool;
}

GroupSelection select_working_groups(const Project& project, const GroupSelectionOptions& options) {
  return Instance(project, options).solve();
}

void assign_members(Project& project, const GroupSelection& selection) {
  Project updated = project;
  for (const auto& g : selection.groups) updated.set_working_group_members(g.group_id, g.members);
  project = std::move(updated);
}

}  // namespace servicedesign::process
