#include "show/http_status.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <nlohmann/json.hpp>

namespace ps::show {

namespace {

constexpr const char* kJson = "application/json";

// Compares without stopping at the first difference, so timing tells nothing of the token.
bool sameToken(const std::string& given, const std::string& token) {
  unsigned char diff = given.size() == token.size() ? 0 : 1;
  for (std::size_t i = 0; i < given.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ token[i % token.size()]);
  return diff == 0;
}

std::string errorBody(int status, const std::string& message) {
  return nlohmann::json{{"error", message}, {"status", status}}.dump() + "\n";
}

}  // namespace

HttpStatus::HttpStatus() : server_(std::make_unique<httplib::Server>()) {}

HttpStatus::~HttpStatus() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

Result<std::unique_ptr<HttpStatus>> HttpStatus::start(const ControlOptions& options, StatusBoard& board) {
  std::unique_ptr<HttpStatus> h(new HttpStatus());
  httplib::Server& server = *h->server_;
  // A few threads are plenty for a venue's status polls, and slow clients cannot hold them long.
  server.new_task_queue = [] { return new httplib::ThreadPool(2); };
  server.set_read_timeout(2, 0);
  server.set_write_timeout(2, 0);
  server.set_keep_alive_timeout(2);
  server.set_keep_alive_max_count(20);
  server.set_payload_max_length(4096);
  const std::string token = options.httpToken;
  HttpStatus* self = h.get();
  server.set_pre_routing_handler([token](const httplib::Request& req, httplib::Response& res) {
    if (token.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const std::string auth = req.get_header_value("Authorization");
    constexpr std::string_view bearer = "Bearer ";
    if (auth.starts_with(bearer) && sameToken(auth.substr(bearer.size()), token))
      return httplib::Server::HandlerResponse::Unhandled;
    res.status = 401;
    res.set_header("WWW-Authenticate", "Bearer");
    res.set_content(errorBody(401, "a token is required (Authorization: Bearer <token>)"), kJson);
    return httplib::Server::HandlerResponse::Handled;
  });
  server.Get("/status", [&board](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_content(statusJson(board.read(), board.uptimeSeconds()).dump() + "\n", kJson);
  });
  server.set_error_handler(httplib::Server::HandlerWithResponse([self, &board](const httplib::Request& req,
                                                                                httplib::Response& res) {
    const std::string what = std::to_string(res.status) + " for " +
                             (req.method.empty() ? std::string("a request that did not parse")
                                                 : "'" + req.method + " " + req.path.substr(0, 200) + "'") +
                             (req.remote_addr.empty() ? "" : " from " + req.remote_addr);
    self->badLog_.warn(what);
    if (res.status != 401) board.noteError("http: " + what);
    if (res.body.empty()) {
      const std::string message = res.status == 404   ? "no such resource: GET /status is the status"
                                  : res.status == 405 ? "method not allowed: GET /status"
                                                      : "bad request";
      res.set_content(errorBody(res.status, message), kJson);
    }
    return httplib::Server::HandlerResponse::Handled;
  }));
  server.set_exception_handler([self](const httplib::Request&, httplib::Response& res, std::exception_ptr e) {
    std::string what = "unknown";
    try {
      if (e) std::rethrow_exception(e);
    } catch (const std::exception& x) {
      what = x.what();
    } catch (...) {
    }
    self->badLog_.warn("an exception in a handler: " + what);
    res.status = 500;
    res.set_content(errorBody(500, "internal error"), kJson);
  });
  const std::string where = "http " + options.bind + ":" + std::to_string(options.httpPort.value_or(0));
  if (options.httpPort.value_or(0) == 0) {
    h->port_ = server.bind_to_any_port(options.bind);
    if (h->port_ <= 0) return Error{where, "cannot bind a free port", ""};
  } else {
    if (!server.bind_to_port(options.bind, *options.httpPort))
      return Error{where, "cannot bind", "another program may hold the port"};
    h->port_ = *options.httpPort;
  }
  h->thread_ = std::thread([&server] { server.listen_after_bind(); });
  // stop() before the listener runs would be missed, and the destructor's join would hang.
  for (int i = 0; i < 2000 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (!server.is_running()) return Error{where, "the HTTP listener did not start", ""};
  return h;
}

}  // namespace ps::show
