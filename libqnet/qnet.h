/* qnet.h: the umbrella header of libqnet; the only one applications include
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define QNET_INSIDE

#include <gio/gio.h>

#include "qnet-version.h"
#include "qnet-enums.h"
#include "qnet-enum-types.h"
#include "qnet-error.h"
#include "qnet-event.h"
#include "qnet-event-queue.h"
#include "qnet-emitter.h"
#include "qnet-trace.h"
#include "qnet-file.h"
#include "qnet-tls-certificate.h"
#include "qnet-tls-private-key.h"
#include "qnet-socket.h"
#include "qnet-socket-http.h"
#include "qnet-http-response.h"
#include "qnet-http-client.h"
/* QNET_CLASS_HEADERS */

#undef QNET_INSIDE
