/* qnet-tls-private-key.h: an X.509 private key
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(QNET_INSIDE) && !defined(QNET_COMPILATION)
# error "Only <qnet.h> can be included directly."
#endif

#include <gio/gio.h>

#include "qnet-tls-certificate.h"
#include "qnet-version.h"

G_BEGIN_DECLS

#define QNET_TYPE_TLS_PRIVATE_KEY (qnet_tls_private_key_get_type ())

QNET_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (QnetTlsPrivateKey, qnet_tls_private_key, QNET, TLS_PRIVATE_KEY, GObject)

QNET_AVAILABLE_IN_1_0
QnetTlsPrivateKey *qnet_tls_private_key_new_from_pem   (const char          *pem,
                                                        gssize               length,
                                                        const char          *password,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
QnetTlsPrivateKey *qnet_tls_private_key_new_from_der   (GBytes              *der,
                                                        const char          *password,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
QnetTlsPrivateKey *qnet_tls_private_key_new_from_file  (const char          *path,
                                                        const char          *password,
                                                        GError             **error);

QNET_AVAILABLE_IN_1_0
const char        *qnet_tls_private_key_get_algorithm  (QnetTlsPrivateKey   *self);
QNET_AVAILABLE_IN_1_0
guint              qnet_tls_private_key_get_bits       (QnetTlsPrivateKey   *self);
QNET_AVAILABLE_IN_1_0
gboolean           qnet_tls_private_key_matches        (QnetTlsPrivateKey   *self,
                                                        QnetTlsCertificate  *certificate);

G_END_DECLS
