#pragma once
// A loopback TCP listener on a port the kernel picks, for tests that prove a command
// connects nowhere when handed a network URL.
namespace ps::test {

class LoopbackListener {
 public:
  LoopbackListener();  // throws std::runtime_error when no loopback socket can listen
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;
  ~LoopbackListener();

  int port() const { return port_; }
  // Whether anything connected, waiting at most timeoutMs for it.
  bool connected(int timeoutMs) const;

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace ps::test
