// The systemd unit tools/install-service.sh writes: what keeps an installation running, and
// a unit systemd itself accepts (systemd-analyze verify, where it is installed).
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "process.h"
#include "temp_dir.h"

namespace ps::test {
namespace {

const std::string kScript = PS_SOURCE_DIR "/tools/install-service.sh";
const std::string kPerfectshot = PS_BINARY_DIR "/tools/perfectshot/perfectshot";

ProcessResult printUnit(const std::vector<std::string>& extra) {
  std::vector<std::string> args{"bash", kScript, "--print", "--binary", kPerfectshot};
  args.insert(args.end(), extra.begin(), extra.end());
  return run(args);
}

TEST(ServiceUnit, NotifiesRestartsAlwaysAndHasAWatchdog) {
  for (const bool user : {false, true}) {
    SCOPED_TRACE(user ? "user unit" : "system unit");
    std::vector<std::string> extra{"--watchdog-sec", "7", "--", "play", "/srv/shots/my shot"};
    if (user) extra.insert(extra.begin(), "--user");
    const ProcessResult r = printUnit(extra);
    ASSERT_EQ(r.exitCode, 0) << r.output;
    for (const char* line : {"\nType=notify\n", "\nNotifyAccess=main\n", "\nRestart=always\n", "\nRestartSec=1\n",
                             "\nWatchdogSec=7\n", "\nStartLimitIntervalSec=0\n"})
      EXPECT_NE(r.output.find(line), std::string::npos) << line << " in\n" << r.output;
    EXPECT_NE(r.output.find("ExecStart=\"" + kPerfectshot + "\" --log-file "), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\"play\" \"/srv/shots/my shot\""), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(user ? "WantedBy=default.target" : "WantedBy=multi-user.target"), std::string::npos);

    if (run({"sh", "-c", "command -v systemd-analyze"}).exitCode != 0) continue;
    TempDir dir("service_unit");
    const std::string unit = (dir.path() / "perfectshot-test.service").string();
    std::ofstream(unit) << r.output;
    const ProcessResult verify = run({"systemd-analyze", "verify", unit});
    EXPECT_EQ(verify.exitCode, 0) << verify.output << "\n" << r.output;
  }
}

TEST(ServiceUnit, RefusesWhatItCannotInstall) {
  EXPECT_NE(printUnit({}).exitCode, 0) << "no command";
  EXPECT_NE(printUnit({"--watchdog-sec", "0", "--", "play", "x"}).exitCode, 0);
  EXPECT_NE(printUnit({"--watchdog-sec", "ten", "--", "play", "x"}).exitCode, 0);
  EXPECT_NE(printUnit({"--name", "a/b", "--", "play", "x"}).exitCode, 0);
  EXPECT_NE(printUnit({"--env", "no equals", "--", "play", "x"}).exitCode, 0);
  EXPECT_NE(printUnit({"--frobnicate", "--", "play", "x"}).exitCode, 0);
  const ProcessResult r = run({"bash", kScript, "--print", "--binary", "/nonexistent/perfectshot", "--", "play", "x"});
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.output.find("/nonexistent/perfectshot"), std::string::npos) << r.output;
}

TEST(ServiceUnit, SpecifiersAndVariablesInArgumentsAreTakenLiterally) {
  const ProcessResult r = printUnit({"--", "play", "/srv/100%/$HOME \"quoted\""});
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_NE(r.output.find(R"("/srv/100%%/$$HOME \"quoted\"")"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace ps::test
