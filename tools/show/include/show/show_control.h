#pragma once
// Show control and status for a venue: OSC commands and replies (osc_control.h), the HTTP
// status (http_status.h), and between them and the player loop a command queue and a status
// board. The loop (play, kiosk) drains the queue and publishes the board once per frame,
// never waiting on either; what each command does is the loop's business.
#include <memory>
#include <optional>

#include "scenes/result.h"
#include "show/command_queue.h"
#include "show/control_options.h"
#include "show/http_status.h"
#include "show/osc_control.h"
#include "show/status_board.h"

namespace ps::show {

class ShowControl {
 public:
  // Validates the options, binds and starts what they enable, and logs the ports bound.
  static Result<std::unique_ptr<ShowControl>> start(const ControlOptions& options);
  ShowControl() = default;
  ShowControl(const ShowControl&) = delete;
  ShowControl& operator=(const ShowControl&) = delete;
  ~ShowControl();

  CommandQueue& commands() { return queue_; }
  StatusBoard& status() { return board_; }
  std::optional<int> oscPort() const;
  std::optional<int> httpPort() const;

 private:
  CommandQueue queue_;
  StatusBoard board_;
  // After the queue and board they use; stopped first.
  std::unique_ptr<OscControl> osc_;
  std::unique_ptr<HttpStatus> http_;
};

}  // namespace ps::show
