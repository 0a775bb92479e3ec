#pragma once
// The rows of the parametrised validation tests: one change to a valid shot and
// the problem it must yield, and the check that it does.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "package_fixture.h"
#include "scenes/problem.h"

namespace ps::scenes::test {

struct ProblemCase {
  const char* name;
  const char* set;      // JSON pointer to change in the test's shot
  const char* value;    // JSON text to put there; nullptr removes the member
  const char* pointer;  // the problem expected
  const char* says;     // part of its sentence
  Severity severity = Severity::Error;
};

std::ostream& operator<<(std::ostream& os, const ProblemCase& c);
// The row's name as the test's name, for INSTANTIATE_TEST_SUITE_P.
std::string problemCaseName(const ::testing::TestParamInfo<ProblemCase>& row);

// "pointer: severity: sentence", a line each, for failure messages.
std::string describe(const std::vector<Problem>& problems);

// Makes the row's change to `doc`, parses it as pkg's shot.json, and expects the row's problem
// among those reported, and a usable shot exactly when that problem is a warning.
void expectProblem(const ProblemCase& c, nlohmann::ordered_json doc, const TempPackage& pkg);

}  // namespace ps::scenes::test
