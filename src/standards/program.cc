#include "standards/program.h"

#include "core/taxonomy.h"

namespace shaobing::standards_internal {
namespace {

DeadlineTable Table(const std::vector<DeadlineEntry>& entries) {
  DeadlineTable t;
  for (const auto& e : entries) {
    const auto level = static_cast<size_t>(e.level);
    t.minutes[level][static_cast<size_t>(e.channel)] = e.minutes;
    t.levels |= static_cast<std::uint8_t>(1u << level);
  }
  return t;
}

class Compiler {
 public:
  explicit Compiler(Program& p) : p_(p) {}

  std::uint32_t Compile(const Condition& c) {
    const auto index = static_cast<std::uint32_t>(p_.nodes.size());
    p_.nodes.emplace_back();
    if (c.op != Condition::Op::kCompare) {
      std::vector<std::uint32_t> kids;
      kids.reserve(c.children.size());
      for (const auto& child : c.children) kids.push_back(Compile(child));
      Node& n = p_.nodes[index];
      n.op = c.op == Condition::Op::kAllOf ? Node::Op::kAllOf : Node::Op::kAnyOf;
      n.first = static_cast<std::uint32_t>(p_.children.size());
      n.count = static_cast<std::uint32_t>(kids.size());
      p_.children.insert(p_.children.end(), kids.begin(), kids.end());
      return index;
    }
    const Comparison& cmp = c.compare;
    Node& n = p_.nodes[index];
    n.spec = &cmp;
    switch (cmp.subject) {
      case Comparison::Subject::kFigure:
      case Comparison::Subject::kOccurredAt:
        n.op = cmp.subject == Comparison::Subject::kFigure ? Node::Op::kFigure : Node::Op::kOccurredAt;
        for (Figure f : cmp.figures) n.figures |= static_cast<std::uint16_t>(1u << static_cast<unsigned>(f));
        if (cmp.bound.min) {
          n.min = *cmp.bound.min;
          n.min_inclusive = cmp.bound.min_inclusive;
        }
        if (cmp.bound.max) {
          n.max = *cmp.bound.max;
          n.max_inclusive = cmp.bound.max_inclusive;
        }
        break;
      case Comparison::Subject::kCategory:
        n.op = Node::Op::kCategory;
        for (const auto& code : cmp.codes) {
          const size_t slot = p_.CategorySlot(code);
          if (slot < 64) n.categories |= std::uint64_t{1} << slot;
        }
        break;
      case Comparison::Subject::kRegion:
        n.op = Node::Op::kRegion;
        n.first = static_cast<std::uint32_t>(p_.regions.size());
        n.count = static_cast<std::uint32_t>(cmp.codes.size());
        p_.regions.insert(p_.regions.end(), cmp.codes.begin(), cmp.codes.end());
        break;
      case Comparison::Subject::kSensitive: {
        n.op = Node::Op::kSensitive;
        SensitiveBits mask;
        const SensitiveProgram& s = p_.sensitive;
        if (cmp.codes.empty()) {
          mask = cmp.sensitive_kind ? s.kind_masks[static_cast<size_t>(*cmp.sensitive_kind)] : s.all_mask;
        }
        for (const auto& code : cmp.codes) {
          for (size_t bit = 0; bit < s.factors.size(); ++bit) {
            if (*s.factors[bit].code == code) mask.set(bit);
          }
        }
        n.mask = static_cast<std::uint32_t>(p_.masks.size());
        p_.masks.push_back(mask);
        break;
      }
    }
    return index;
  }

 private:
  Program& p_;
};

}  // namespace

std::size_t Program::CategorySlot(std::string_view code) const {
  const auto all = AllCategories();
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].code == code) return i;
  }
  return all.size();
}

Program Compile(const CatalogueSpec& spec) {
  Program p;
  p.sensitive = CompileSensitive(spec.sensitive);
  p.routing = spec.routing;
  p.base_deadlines = Table(spec.deadlines.levels);
  for (const auto& o : spec.deadlines.overrides) {
    CompiledOverride co;
    co.regions = o.regions;
    for (Grade g : o.grades) co.grades |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(g));
    co.table = Table(o.entries);
    p.overrides.push_back(std::move(co));
  }
  const size_t slots = AllCategories().size() + 1;
  p.rules_by_category.resize(slots);
  Compiler compiler(p);
  for (size_t i = 0; i < spec.rules.size(); ++i) {
    const Rule& rule = spec.rules[i];
    CompiledRule r;
    r.spec = &rule;
    r.root = rule.when ? compiler.Compile(*rule.when) : kNoNode;
    r.grade = rule.grade ? static_cast<std::int8_t>(*rule.grade) : std::int8_t{0};
    r.report_to = rule.report_to ? static_cast<std::int8_t>(*rule.report_to) : std::int8_t{-1};
    r.otherwise = rule.otherwise;
    r.consultation = rule.consultation;
    r.effective_ms = static_cast<double>(rule.effective.time_since_epoch().count()) * 86400000.0 - 8 * 3600000.0;
    r.deadlines = Table(rule.deadlines);
    p.rules.push_back(r);
    const auto index = static_cast<std::uint16_t>(i);
    if (rule.all_categories) {
      for (auto& list : p.rules_by_category) list.push_back(index);
    } else {
      for (const auto& code : rule.categories) {
        auto& list = p.rules_by_category[p.CategorySlot(code)];
        if (list.empty() || list.back() != index) list.push_back(index);
      }
    }
  }
  return p;
}

}  // namespace shaobing::standards_internal
