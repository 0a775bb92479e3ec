#include "show/show_control.h"

#include <spdlog/spdlog.h>

namespace ps::show {

Result<std::unique_ptr<ShowControl>> ShowControl::start(const ControlOptions& options) {
  if (auto v = validate(options); !v) return v.error();
  auto control = std::make_unique<ShowControl>();
  if (options.oscPort) {
    auto osc = OscControl::start(options, control->queue_, control->board_);
    if (!osc) return osc.error();
    control->osc_ = std::move(*osc);
    spdlog::info("show control: OSC on udp {}:{}{}", options.bind, control->osc_->port(),
                 options.oscReply ? ", replies and status to " + *options.oscReply : ", replies to the sender");
  }
  if (options.httpPort) {
    auto http = HttpStatus::start(options, control->board_);
    if (!http) return http.error();
    control->http_ = std::move(*http);
    spdlog::info("show control: HTTP status on http://{}:{}/status{}", options.bind, control->http_->port(),
                 options.httpToken.empty() ? "" : " (token required)");
  }
  return control;
}

ShowControl::~ShowControl() {
  http_.reset();
  osc_.reset();
}

std::optional<int> ShowControl::oscPort() const { return osc_ ? std::optional(osc_->port()) : std::nullopt; }
std::optional<int> ShowControl::httpPort() const { return http_ ? std::optional(http_->port()) : std::nullopt; }

}  // namespace ps::show
