// Renders text as a QR code for a terminal, two modules per character cell using
// Unicode half blocks, with the quiet zone the standard asks for. libqrencode does
// the encoding; this file only draws.
//
// Depends on: libqrencode. Thread-safety: pure.
#ifndef OPENLINE_CLI_QR_H_
#define OPENLINE_CLI_QR_H_

#include <string>
#include <string_view>

#include "common/result.h"

namespace openline::cli {

Result<std::string> RenderQr(std::string_view text);

}  // namespace openline::cli

#endif  // OPENLINE_CLI_QR_H_
