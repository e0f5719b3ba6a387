// The Serve command's state: the local API server (core/server) on the open workspace, with
// the workbench's main-thread queue as its model executor, so every request touches the
// workspace on the GUI thread (ARCHITECTURE.md decisions 7 and 8).
#pragma once

#include <memory>
#include <string>

#include "core/base/error.h"
#include "core/base/signal.h"

namespace kk::server {
class Server;
}

namespace kk::ui {

class Workbench;

class ServeController {
  public:
    explicit ServeController(Workbench& workbench);
    ~ServeController();  ///< stops the server

    /// Starts on `port` (0: any free port; a taken preferred port falls back to a free one).
    Status start(unsigned short port = 8765);
    void stop();
    bool running() const { return m_server != nullptr; }
    std::string url() const;
    /// The read-write and read-only tokens of this workspace (stored outside it).
    const std::string& token() const { return m_token; }
    const std::string& readToken() const { return m_readToken; }
    const std::string& tokenFile() const { return m_tokenFile; }

  private:
    Workbench& m_workbench;
    std::unique_ptr<server::Server> m_server;
    std::string m_token;
    std::string m_readToken;
    std::string m_tokenFile;
    Signal<>::Connection m_closing;
};

}  // namespace kk::ui
