// The show control's sockets on loopback, ports picked by the kernel: OSC commands reach the
// queue and replies come back; bad packets are answered with an error; the HTTP status needs
// its token and answers garbage with 400; off loopback without a token it does not start.
#include <gtest/gtest.h>
#include <httplib.h>
#include <lo/lo.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "show/osc_packet.h"
#include "show/show_control.h"

namespace ps::show {
namespace {

// A UDP socket on 127.0.0.1, port from the kernel, that sends to the control and reads replies.
class Peer {
 public:
  Peer() {
    fd_ = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("bind");
  }
  ~Peer() { close(fd_); }
  void send(int port, const std::vector<std::uint8_t>& bytes) const {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    sendto(fd_, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
  }
  // The next reply's arguments (command, ok/error, message); none within 5 s.
  std::optional<std::array<std::string, 3>> reply() const {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, 5000) != 1) return std::nullopt;
    std::vector<std::uint8_t> buffer(65536);
    const ssize_t n = recv(fd_, buffer.data(), buffer.size(), 0);
    if (n <= 0) return std::nullopt;
    int result = 0;
    lo_message m = lo_message_deserialise(buffer.data(), static_cast<std::size_t>(n), &result);
    if (m == nullptr || std::string(lo_message_get_types(m)) != "sss") return std::nullopt;
    lo_arg** argv = lo_message_get_argv(m);
    std::array<std::string, 3> out{reinterpret_cast<const char*>(argv[0]), reinterpret_cast<const char*>(argv[1]),
                                   reinterpret_cast<const char*>(argv[2])};
    lo_message_free(m);
    return out;
  }

 private:
  int fd_ = -1;
};

std::vector<std::uint8_t> oscMessage(const char* path) {
  lo_message m = lo_message_new();
  std::vector<std::uint8_t> out(lo_message_length(m, path));
  std::size_t size = out.size();
  lo_message_serialise(m, path, out.data(), &size);
  lo_message_free(m);
  return out;
}

// Drains the queue as the player loop would, until a command comes (5 s at most).
std::optional<ShowCommand> nextCommand(CommandQueue& queue) {
  std::vector<ShowCommand> got;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < until) {
    queue.tryDrain(got);
    if (!got.empty()) return got.front();
    std::this_thread::yield();
  }
  return std::nullopt;
}

TEST(OscControl, CommandsReachTheLoopAndRepliesTheSender) {
  ControlOptions o;
  o.oscPort = 0;
  auto control = ShowControl::start(o);
  ASSERT_TRUE(control) << control.error().message();
  const int port = *(*control)->oscPort();
  ASSERT_GT(port, 0);
  Peer peer;
  peer.send(port, oscMessage("/perfectshot/pause"));
  const std::optional<ShowCommand> c = nextCommand((*control)->commands());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->kind, CommandKind::Pause);
  (*control)->commands().reply(accepted(*c, "paused at 1.000 s"));
  auto reply = peer.reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)[0], "pause");
  EXPECT_EQ((*reply)[1], "ok");
  // Garbage and an unknown address: an error reply each, nothing for the loop.
  peer.send(port, {0xde, 0xad, 0xbe, 0xef, 0x00});
  reply = peer.reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)[1], "error");
  peer.send(port, oscMessage("/perfectshot/dance"));
  reply = peer.reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ((*reply)[0], "/perfectshot/dance");
  EXPECT_EQ((*reply)[2], "no such command");
  std::vector<ShowCommand> none;
  (*control)->commands().tryDrain(none);
  EXPECT_TRUE(none.empty());
  EXPECT_NE((*control)->status().read().lastError.value_or("").find("no such command"), std::string::npos);
}

TEST(HttpStatus, AnswersTheStatusWithItsTokenOnly) {
  ControlOptions o;
  o.httpPort = 0;
  o.httpToken = "s3cret";
  auto control = ShowControl::start(o);
  ASSERT_TRUE(control) << control.error().message();
  ShowStatus s;
  s.state = "paused";
  s.shot = "demo";
  ASSERT_TRUE((*control)->status().tryPublish(s));
  httplib::Client client("127.0.0.1", *(*control)->httpPort());
  auto res = client.Get("/status");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  res = client.Get("/status", {{"Authorization", "Bearer wrong!"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  res = client.Get("/status", {{"Authorization", "Bearer s3cret"}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const nlohmann::json j = nlohmann::json::parse(res->body);
  EXPECT_EQ(j["state"], "paused");
  EXPECT_EQ(j["shot"], "demo");
  res = client.Get("/nothing", {{"Authorization", "Bearer s3cret"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_TRUE(nlohmann::json::parse(res->body).contains("error"));
}

TEST(HttpStatus, AnswersGarbageWithBadRequest) {
  ControlOptions o;
  o.httpPort = 0;
  auto control = ShowControl::start(o);
  ASSERT_TRUE(control) << control.error().message();
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<std::uint16_t>(*(*control)->httpPort()));
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  const std::string garbage = "\x01\x02 NOT HTTP AT ALL\r\n\r\n";
  ASSERT_EQ(write(fd, garbage.data(), garbage.size()), static_cast<ssize_t>(garbage.size()));
  std::string answer(256, '\0');
  pollfd p{fd, POLLIN, 0};
  ASSERT_EQ(poll(&p, 1, 5000), 1);
  const ssize_t n = read(fd, answer.data(), answer.size());
  close(fd);
  ASSERT_GT(n, 0);
  EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 400") << answer;
  // Still serving.
  httplib::Client client("127.0.0.1", *(*control)->httpPort());
  auto res = client.Get("/status");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST(ShowControl, RefusesToStartOpenToTheNetworkWithoutAToken) {
  ControlOptions o;
  o.httpPort = 0;
  o.bind = "0.0.0.0";
  auto control = ShowControl::start(o);
  ASSERT_FALSE(control);
  EXPECT_NE(control.error().message().find("without a token"), std::string::npos) << control.error().message();
}

}  // namespace
}  // namespace ps::show
