// Starting and stopping the API server from the workbench.
#include "ui/app/serve_controller.h"

#include <wx/utils.h>

#include "core/server/server.h"
#include "core/server/tokens.h"
#include "ui/app/workbench.h"

namespace kk::ui {

ServeController::ServeController(Workbench& workbench) : m_workbench(workbench) {
    // The server holds a reference to the workspace: it must stop before the workspace goes.
    m_closing = m_workbench.workspaceClosing.connect([this] { stop(); });
}

ServeController::~ServeController() {
    stop();
}

Status ServeController::start(unsigned short port) {
    Workspace* ws = m_workbench.workspace();
    if (!ws)
        return makeError("serve.no_workspace", "no workspace is open", "serve",
                         "open a workspace first (Ctrl+O)");
    if (m_server)
        return {};
    auto tokens = server::loadOrCreateTokens(ws->path(), wxGetUserId().ToStdString(wxConvUTF8));
    if (!tokens)
        return tokens.error();
    const server::WorkspaceTokens& t = tokens.value();
    m_tokenFile = t.file;
    m_token = t.first(server::Access::ReadWrite) ? t.first(server::Access::ReadWrite)->token : "";
    m_readToken = t.first(server::Access::Read) ? t.first(server::Access::Read)->token : "";
    server::ServerOptions options;
    options.port = port;
    options.modelExecutor = m_workbench.mainQueue();
    auto candidate = std::make_unique<server::Server>(*ws, server::TokenSet(t.tokens), options);
    Status started = candidate->start();
    if (!started && port != 0) {
        // The usual port is taken (another workspace is served): any free port will do.
        options.port = 0;
        candidate = std::make_unique<server::Server>(*ws, server::TokenSet(t.tokens), options);
        started = candidate->start();
    }
    if (!started)
        return started;
    m_server = std::move(candidate);
    return {};
}

void ServeController::stop() {
    if (m_server) {
        m_server->stop();
        m_server.reset();
    }
}

std::string ServeController::url() const {
    return m_server ? m_server->url() : std::string();
}

}  // namespace kk::ui
