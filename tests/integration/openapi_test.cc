// docs/api/openapi.yaml describes exactly the routes the running server registers: same paths,
// same methods, the same public routes and role limits, and every $ref resolves.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "testing/test_data.h"
#include "testing/test_server.h"

namespace shaobing {
namespace {

const std::vector<std::string> kHttpMethods{"get", "put", "post", "delete", "options", "head", "patch", "trace"};

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string SpecPath() { return testing::SourceDir() + "/docs/api/openapi.yaml"; }

// "GET /api/v1/events/{id}" for every operation of the spec.
std::set<std::string> SpecRoutes(const YAML::Node& spec) {
  std::set<std::string> out;
  for (const auto& path : spec["paths"]) {
    for (const auto& op : path.second) {
      const auto method = op.first.as<std::string>();
      if (std::find(kHttpMethods.begin(), kHttpMethods.end(), method) == kHttpMethods.end()) continue;
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out.insert(upper + " " + path.first.as<std::string>());
    }
  }
  return out;
}

// What is in one set and not in the other, as messages.
std::vector<std::string> Differences(const std::vector<api::Route>& routes, const YAML::Node& spec) {
  std::set<std::string> live;
  for (const auto& r : routes) live.insert(r.method + " " + r.pattern);
  const auto documented = SpecRoutes(spec);
  std::vector<std::string> out;
  for (const auto& r : live) {
    if (!documented.contains(r)) out.push_back("route missing from openapi.yaml: " + r);
  }
  for (const auto& r : documented) {
    if (!live.contains(r)) out.push_back("openapi.yaml documents a route the server does not have: " + r);
  }
  return out;
}

class OpenApi : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_THROW(spec_ = YAML::LoadFile(SpecPath())) << SpecPath();
    ASSERT_TRUE(spec_["paths"].IsMap()) << "no paths in " << SpecPath();
  }
  const std::vector<api::Route>& Routes() { return server_.app().router().routes(); }
  YAML::Node Operation(const api::Route& r) { return spec_["paths"][r.pattern][Lower(r.method)]; }

  testing::TestServer server_;
  YAML::Node spec_;
};

TEST_F(OpenApi, DocumentsEveryRouteOfTheRouterAndNoOther) {
  ASSERT_FALSE(Routes().empty());
  for (const auto& problem : Differences(Routes(), spec_)) ADD_FAILURE() << problem;
}

TEST_F(OpenApi, TheCheckFailsWhenARouteIsMissing) {
  // Drop one documented operation from a copy of the spec: the comparison must notice it, and
  // only it (on top of whatever the real spec already lacks).
  const auto base = Differences(Routes(), spec_);
  YAML::Node copy = YAML::Clone(spec_);
  ASSERT_TRUE(copy["paths"]["/api/v1/events/{id}"]["get"].IsDefined());
  copy["paths"]["/api/v1/events/{id}"].remove("get");
  auto problems = Differences(Routes(), copy);
  EXPECT_EQ(problems.size(), base.size() + 1);
  EXPECT_NE(std::find(problems.begin(), problems.end(), "route missing from openapi.yaml: GET /api/v1/events/{id}"),
            problems.end());
  // And a documented route the server lacks.
  copy = YAML::Clone(spec_);
  copy["paths"]["/api/v1/events/{id}"]["delete"]["summary"] = "nope";
  problems = Differences(Routes(), copy);
  EXPECT_EQ(problems.size(), base.size() + 1);
  EXPECT_NE(std::find(problems.begin(), problems.end(),
                      "openapi.yaml documents a route the server does not have: DELETE /api/v1/events/{id}"),
            problems.end());
}

TEST_F(OpenApi, IsOpenApi303WithBearerAndCookieAuth) {
  EXPECT_EQ(spec_["openapi"].as<std::string>(), "3.0.3");
  EXPECT_TRUE(spec_["info"]["title"].IsDefined());
  EXPECT_TRUE(spec_["info"]["version"].IsDefined());
  const auto schemes = spec_["components"]["securitySchemes"];
  EXPECT_EQ(schemes["bearerAuth"]["type"].as<std::string>(), "http");
  EXPECT_EQ(schemes["bearerAuth"]["scheme"].as<std::string>(), "bearer");
  EXPECT_EQ(schemes["cookieAuth"]["in"].as<std::string>(), "cookie");
  EXPECT_EQ(schemes["cookieAuth"]["name"].as<std::string>(), "shaobing_session");
  // Signed-in by default.
  ASSERT_TRUE(spec_["security"].IsSequence());
  EXPECT_EQ(spec_["security"].size(), 2u);
}

TEST_F(OpenApi, PublicRoutesAndRoleLimitsMatchTheRouter) {
  for (const auto& r : Routes()) {
    SCOPED_TRACE(r.method + " " + r.pattern);
    const YAML::Node op = Operation(r);
    if (!op.IsDefined()) continue;  // reported by DocumentsEveryRouteOfTheRouterAndNoOther
    const YAML::Node security = op["security"];
    const bool documented_public = security.IsDefined() && security.IsSequence() && security.size() == 0;
    EXPECT_EQ(documented_public, r.access.is_public) << "security: [] iff the route needs no login";
    std::set<std::string> roles, documented_roles;
    for (Role role : r.access.roles) roles.insert(RoleCode(role));
    if (const YAML::Node x = op["x-shaobing-roles"]; x.IsDefined()) {
      for (const auto& role : x) documented_roles.insert(role.as<std::string>());
    }
    EXPECT_EQ(documented_roles, roles) << "x-shaobing-roles must list the roles the router allows";
    // Documented answers: a success, 401 unless public, 403 when limited to roles.
    const YAML::Node responses = op["responses"];
    ASSERT_TRUE(responses.IsMap());
    bool success = false;
    for (const auto& resp : responses) success = success || resp.first.as<std::string>().starts_with("2");
    EXPECT_TRUE(success);
    if (!r.access.is_public) {
      EXPECT_TRUE(responses["401"].IsDefined());
    }
    if (!r.access.roles.empty()) {
      EXPECT_TRUE(responses["403"].IsDefined());
    }
    if (r.method == "POST" && r.pattern != "/api/v1/auth/logout") {
      EXPECT_TRUE(op["requestBody"].IsDefined());
    }
  }
}

TEST_F(OpenApi, PathParametersAreDeclared) {
  for (const auto& path : spec_["paths"]) {
    const auto pattern = path.first.as<std::string>();
    std::set<std::string> placeholders;
    for (size_t open = pattern.find('{'); open != std::string::npos; open = pattern.find('{', open + 1)) {
      placeholders.insert(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
    }
    for (const auto& op : path.second) {
      SCOPED_TRACE(op.first.as<std::string>() + " " + pattern);
      std::set<std::string> declared;
      for (const auto& param : op.second["parameters"]) {
        const std::string ref = param["$ref"] ? param["$ref"].as<std::string>() : "";
        const YAML::Node p =
            ref.empty() ? YAML::Node(param) : spec_["components"]["parameters"][ref.substr(ref.rfind('/') + 1)];
        ASSERT_TRUE(p["in"].IsDefined()) << ref;
        if (p["in"].as<std::string>() == "path") {
          EXPECT_TRUE(p["required"].as<bool>());
          declared.insert(p["name"].as<std::string>());
        }
      }
      EXPECT_EQ(declared, placeholders);
    }
  }
}

// Every "$ref" points at something in components.
void CollectRefs(const YAML::Node& node, std::vector<std::string>& out) {
  if (node.IsMap()) {
    for (const auto& kv : node) {
      if (kv.first.as<std::string>() == "$ref")
        out.push_back(kv.second.as<std::string>());
      else
        CollectRefs(kv.second, out);
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) CollectRefs(item, out);
  }
}

TEST_F(OpenApi, EveryReferenceResolves) {
  std::vector<std::string> refs;
  CollectRefs(spec_, refs);
  ASSERT_FALSE(refs.empty());
  for (const auto& ref : refs) {
    SCOPED_TRACE(ref);
    ASSERT_EQ(ref.rfind("#/components/", 0), 0u);
    const std::string rest = ref.substr(std::string("#/components/").size());
    const auto slash = rest.find('/');
    ASSERT_NE(slash, std::string::npos);
    EXPECT_TRUE(spec_["components"][rest.substr(0, slash)][rest.substr(slash + 1)].IsDefined());
  }
}

TEST_F(OpenApi, ReportSchemaFollowsTheContract) {
  // CONTRACTS.md §1: every field of a report, the four W described, unknown fields refused.
  const auto report = spec_["components"]["schemas"]["ReportInput"];
  ASSERT_TRUE(report.IsMap());
  EXPECT_FALSE(report["additionalProperties"].as<bool>());
  for (const char* field : {"kind", "event_id", "unit", "channel", "reported_at", "category", "title", "occurred_at",
                            "location", "parties", "description", "cause", "measures", "figures", "sensitive"}) {
    EXPECT_TRUE(report["properties"][field].IsDefined()) << field;
  }
  const auto figures = spec_["components"]["schemas"]["Figures"]["properties"];
  for (const char* f : {"deaths", "missing", "serious_injuries", "injuries", "trapped", "poisoned", "evacuated",
                        "affected", "economic_loss_yuan", "participants", "onlookers", "magnitude", "duration_hours"}) {
    EXPECT_TRUE(figures[f].IsDefined()) << f;
    EXPECT_EQ(figures[f]["minimum"].as<int>(), 0) << f;
  }
  const auto error = spec_["components"]["schemas"]["ErrorResponse"]["properties"]["error"];
  std::set<std::string> required;
  for (const auto& r : error["required"]) required.insert(r.as<std::string>());
  EXPECT_EQ(required, (std::set<std::string>{"code", "message"}));
  EXPECT_TRUE(error["properties"]["field"].IsDefined());
  std::set<std::string> kinds;
  for (const auto& k : spec_["components"]["schemas"]["UnitKind"]["enum"]) kinds.insert(k.as<std::string>());
  EXPECT_EQ(kinds.size(), 19u);
}

}  // namespace
}  // namespace shaobing
