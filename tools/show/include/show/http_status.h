#pragma once
// The HTTP side of the show control (cpp-httplib): GET /status answers the status board as
// JSON (status_board.h). With a token, every request must carry "Authorization: Bearer
// <token>" (401 otherwise). Anything else gets a JSON error (400, 401, 404, 405), logged at
// most once a minute; a request never reaches the player loop, which it cannot stall.
#include <memory>
#include <thread>

#include "scenes/result.h"
#include "show/control_options.h"
#include "show/log_limiter.h"
#include "show/status_board.h"

namespace httplib {
class Server;
}

namespace ps::show {

class HttpStatus {
 public:
  // Binds options.bind:*options.httpPort and serves on threads of its own; board must outlive it.
  static Result<std::unique_ptr<HttpStatus>> start(const ControlOptions& options, StatusBoard& board);
  ~HttpStatus();
  HttpStatus(const HttpStatus&) = delete;
  HttpStatus& operator=(const HttpStatus&) = delete;

  int port() const { return port_; }
  std::uint64_t badRequests() const { return badLog_.seen(); }

 private:
  HttpStatus();
  std::unique_ptr<httplib::Server> server_;
  int port_ = 0;
  LogLimiter badLog_{"http: a request refused"};
  std::thread thread_;
};

}  // namespace ps::show
