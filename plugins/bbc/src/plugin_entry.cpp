// The entry point of the loadable bbc plugin (kk_bbc.so).
#include "plugins/bbc/src/bbc_plugin.h"

namespace {
kk::Status registerPlugin(kk::plugin::PluginHost& host) {
    return kk::bbc::registerBbc(host);
}
}  // namespace

KK_PLUGIN_ENTRY("bbc", "1.0.0", &registerPlugin)
