#include "problem_case.h"

#include "scenes/shot_loader.h"

namespace ps::scenes::test {

using Json = nlohmann::ordered_json;

std::ostream& operator<<(std::ostream& os, const ProblemCase& c) { return os << c.name; }

std::string problemCaseName(const ::testing::TestParamInfo<ProblemCase>& row) { return row.param.name; }

std::string describe(const std::vector<Problem>& problems) {
  std::string s;
  for (const auto& p : problems) s += "\n  " + p.pointer + ": " + toString(p.severity) + ": " + p.message;
  return s;
}

void expectProblem(const ProblemCase& c, Json doc, const TempPackage& pkg) {
  const Json::json_pointer where(c.set);
  if (c.value) doc[where] = Json::parse(c.value);
  else doc[where.parent_pointer()].erase(where.back());
  const ShotParse p = parseShot(doc.dump(), pkg.shotJson());
  bool found = false;
  for (const auto& pr : p.problems)
    found = found || (pr.pointer == c.pointer && pr.severity == c.severity && pr.message.find(c.says) != std::string::npos);
  EXPECT_TRUE(found) << "expected " << c.pointer << ": " << toString(c.severity) << ": ..." << c.says << "...; got"
                     << describe(p.problems);
  EXPECT_EQ(p.ok(), c.severity == Severity::Warning) << describe(p.problems);
}

}  // namespace ps::scenes::test
