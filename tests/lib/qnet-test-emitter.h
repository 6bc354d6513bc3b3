/* qnet-test-emitter.h: a concrete emitter for testing the event core alone
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qnet-emitter-private.h"

G_BEGIN_DECLS

#define QNET_TYPE_TEST_EMITTER (qnet_test_emitter_get_type ())
G_DECLARE_FINAL_TYPE (QnetTestEmitter, qnet_test_emitter, QNET, TEST_EMITTER, QnetEmitter)

/* Installs the typed signals of: packet-read, packet-sent, connecting,
 * hostname-resolved, http-message-received, socket-data-read (capture),
 * incoming-connection (object argument of this type). Link only in test
 * programs that do not use QnetSocket, which owns those signals. */
QnetTestEmitter *qnet_test_emitter_new (void);

G_END_DECLS
