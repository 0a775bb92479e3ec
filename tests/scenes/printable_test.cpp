// Values from documents and users, printed inside one-line diagnostics: nothing they
// hold can end the line, drive the terminal or flood the output.
#include <gtest/gtest.h>

#include "scenes/printable.h"
#include "scenes/problem.h"

namespace ps::scenes {
namespace {

TEST(Printable, QuoteEscapesWhatCouldBreakOrDriveTheLine) {
  EXPECT_EQ(quote("plate.mp4"), "\"plate.mp4\"");
  EXPECT_EQ(quote("a\nb\r\tc"), "\"a\\nb\\r\\tc\"");
  EXPECT_EQ(quote("\x1b[2J"), "\"\\x1B[2J\"");
  EXPECT_EQ(quote(std::string("nul\0here", 8)), "\"nul\\x00here\"");
  EXPECT_EQ(quote("del\x7f"), "\"del\\x7F\"");
  EXPECT_EQ(quote("say \"hi\" \\ bye"), "\"say \\\"hi\\\" \\\\ bye\"");
  EXPECT_EQ(quote("next\xc2\x85line"), "\"next\\u0085line\"");         // C1 NEL
  EXPECT_EQ(quote("sep\xe2\x80\xa8x"), "\"sep\\u2028x\"");              // line separator
  EXPECT_EQ(quote("rtl\xe2\x80\xaex"), "\"rtl\\u202Ex\"");              // bidi override
  EXPECT_EQ(quote("bad\xff\xc3"), "\"bad\\xFF\\xC3\"");                 // invalid, cut short
  EXPECT_EQ(quote("over\xc0\xaflong"), "\"over\\xC0\\xAFlong\"");       // overlong "/"
  EXPECT_EQ(quote("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x8e\xac"), "\"caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x8e\xac\"");
}

TEST(Printable, LongValuesAreCutWithTheirLengthShown) {
  const std::string big(50 * 1024 * 1024, 'a');
  const std::string q = quote(big);
  EXPECT_EQ(q, "\"" + std::string(kQuotedLimit, 'a') + "\xe2\x80\xa6\" (52428800 bytes)");
  EXPECT_EQ(quote(std::string(kQuotedLimit, 'b')), "\"" + std::string(kQuotedLimit, 'b') + "\"");
  // Cut between characters, never inside one.
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "\xc3\xa9";
  const std::string cut = quote(accents, 3);
  EXPECT_EQ(cut, "\"\xc3\xa9\xc3\xa9\xc3\xa9\xe2\x80\xa6\" (400 bytes)");
  EXPECT_LT(printable(big).size(), kPrintableLimit + 40);
}

TEST(Printable, PrintableLeavesQuotesAndBackslashesOfABuiltMessage) {
  const std::string message = "unknown field " + quote("a\nb") + "; it is kept";
  EXPECT_EQ(printable(message), message);
  EXPECT_EQ(printable("raw\nline"), "raw\\nline");
}

TEST(Printable, ADiagnosticLineIsOneLineWhateverItsParts) {
  const Problem p{"/markers/0/" + pointerToken("x\n/y: error: forged"), "unknown field " + quote("x\n/y: error: forged"),
                  Severity::Warning};
  const std::string line = diagnosticLine("dir\nname/shot.json", p);
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  EXPECT_EQ(line,
            "dir\\nname/shot.json#/markers/0/x\\n~1y: error: forged: warning: unknown field \"x\\n/y: error: forged\"");
}

TEST(Printable, AProblemForAPanelIsOneLineToo) {
  const Problem p{"/markers/0/" + pointerToken("k\r\x1b[2J"), "text\nsecond line", Severity::Error};
  EXPECT_EQ(problemText(p), "/markers/0/k\\r\\x1B[2J: text\\nsecond line");
  EXPECT_EQ(problemText({"", "whole\ndocument", Severity::Error}), "whole\\ndocument");
  EXPECT_LT(problemText({"", std::string(1 << 20, 'x'), Severity::Error}).size(), 2000u);
}

}  // namespace
}  // namespace ps::scenes
