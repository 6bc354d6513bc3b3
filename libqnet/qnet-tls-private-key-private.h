/* qnet-tls-private-key-private.h: what the socket layer needs of keys
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gnutls/x509.h>

#include "qnet-tls-private-key.h"

G_BEGIN_DECLS

/* (transfer none): for qnet_tls_stream_set_certificate(). */
gnutls_x509_privkey_t _qnet_tls_private_key_get_x509 (QnetTlsPrivateKey *self);

G_END_DECLS
