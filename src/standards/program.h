#pragma once
// The compiled form of a catalogue (internal): flat arrays the evaluator walks without
// allocating. Pointers refer into the CatalogueSpec the Catalogue keeps alive.
#include <array>
#include <bitset>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/error.h"
#include "standards/catalogue.h"
#include "standards/text_matcher.h"

namespace shaobing::standards_internal {

// One bit per sensitive factor (lexicon factors and thresholds), plus one "other code" bit
// per kind for reported codes the catalogue does not know.
inline constexpr int kMaxSensitive = 256;
using SensitiveBits = std::bitset<kMaxSensitive>;

inline constexpr std::uint32_t kNoNode = UINT32_MAX;
inline constexpr double kInf = std::numeric_limits<double>::infinity();

struct Node {
  enum class Op : std::uint8_t { kAllOf, kAnyOf, kFigure, kCategory, kRegion, kSensitive, kOccurredAt };
  Op op = Op::kFigure;
  bool min_inclusive = true, max_inclusive = true;
  std::uint16_t figures = 0;           // kFigure: one bit per Figure, summed
  std::uint32_t first = 0, count = 0;  // kAllOf/kAnyOf: Program::children; kRegion: Program::regions
  std::uint64_t categories = 0;        // kCategory: one bit per category index (< 64)
  std::uint32_t mask = 0;              // kSensitive: index into Program::masks
  double min = -kInf, max = kInf;      // kFigure, kOccurredAt (Unix milliseconds)
  const Comparison* spec = nullptr;
};

// Minutes per level and channel (0: none); `levels` has bit L set when level L is given.
struct DeadlineTable {
  std::array<std::array<std::int32_t, 2>, 4> minutes{};  // [Level][Channel]
  std::uint8_t levels = 0;
};

struct CompiledRule {
  std::uint32_t root = kNoNode;  // kNoNode: always true
  std::int8_t grade = 0;         // 0: none, else Grade
  std::int8_t report_to = -1;    // -1: none, else Level
  bool otherwise = false;
  bool consultation = false;
  double effective_ms = 0;  // Asia/Shanghai midnight of `effective`
  DeadlineTable deadlines;
  const Rule* spec = nullptr;
};

struct CompiledOverride {
  std::vector<std::string> regions;  // empty: all
  std::uint8_t grades = 0;           // bit per Grade; 0: all
  DeadlineTable table;
};

// Sensitive-factor detection tables.
struct SensitiveProgram {
  struct Factor {
    SensitiveKind kind;
    const std::string* code;
    const std::string* label;
  };
  struct FixedSpan {
    std::int32_t from_day, to_day;  // days since 1970-01-01 (Asia/Shanghai dates), included
    std::uint16_t bit;
    const std::string* name;
  };
  struct AnnualSpan {
    unsigned month, day;
    int days;
    std::uint16_t bit;
    const std::string* name;
  };
  struct Fence {
    double lat, lon, radius_m;
    std::uint16_t bit;
    const std::string* name;
  };
  struct Threshold {
    Figure figure;
    double min;
    std::uint16_t bit;
  };
  struct Word {
    enum class Type : std::uint8_t { kTrigger, kExcept, kCue };
    Type type;
    std::uint16_t target;  // factor bit, or cue index
  };
  struct Cue {
    Figure figure;
    int window;
    std::vector<bool> units;  // accepted indices of `units`
  };

  std::vector<Factor> factors;  // index = bit; the "other" bits have code "" and the kind's name
  std::array<std::uint16_t, kSensitiveKindCount> other_bit{};
  std::array<SensitiveBits, kSensitiveKindCount> kind_masks;
  SensitiveBits all_mask;
  std::vector<FixedSpan> fixed;
  std::vector<AnnualSpan> annual;
  std::vector<Fence> fences;
  std::vector<Threshold> thresholds;
  TextMatcher matcher;
  std::vector<std::string> patterns;  // pattern id → word
  std::vector<Word> words;            // pattern id → meaning
  std::vector<Cue> cues;
  std::vector<std::string> units;  // union of the cues' units

  // The bit of a reported code of `kind`, or the kind's "other" bit.
  std::uint16_t BitOf(SensitiveKind kind, std::string_view code) const;
};

struct Program {
  std::vector<Node> nodes;
  std::vector<std::uint32_t> children;
  std::vector<std::string> regions;
  std::vector<SensitiveBits> masks;
  std::vector<CompiledRule> rules;
  // Rule indices per category index (taxonomy order); the last list is for unknown categories.
  std::vector<std::vector<std::uint16_t>> rules_by_category;
  RoutingPolicy routing;
  DeadlineTable base_deadlines;
  std::vector<CompiledOverride> overrides;
  SensitiveProgram sensitive;

  // Index of a category code in the taxonomy; the unknown slot when absent.
  std::size_t CategorySlot(std::string_view code) const;
};

// Validation of a spec (catalogue_check.cc).
Status CheckCatalogue(const CatalogueSpec& spec);
// Compilation of a valid spec (program.cc); `spec` must outlive the program.
Program Compile(const CatalogueSpec& spec);
// Sensitive tables (sensitive_detector.cc).
SensitiveProgram CompileSensitive(const SensitivePolicy& policy);

}  // namespace shaobing::standards_internal
