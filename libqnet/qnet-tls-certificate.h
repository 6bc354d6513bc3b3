/* qnet-tls-certificate.h: an X.509 certificate (and its issuers)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(QNET_INSIDE) && !defined(QNET_COMPILATION)
# error "Only <qnet.h> can be included directly."
#endif

#include <gio/gio.h>

#include "qnet-version.h"

G_BEGIN_DECLS

#define QNET_TYPE_TLS_CERTIFICATE (qnet_tls_certificate_get_type ())

QNET_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (QnetTlsCertificate, qnet_tls_certificate, QNET, TLS_CERTIFICATE, GObject)

QNET_AVAILABLE_IN_1_0
QnetTlsCertificate *qnet_tls_certificate_new_from_pem      (const char          *pem,
                                                            gssize               length,
                                                            GError             **error);
QNET_AVAILABLE_IN_1_0
QnetTlsCertificate *qnet_tls_certificate_new_from_der      (GBytes              *der,
                                                            GError             **error);
QNET_AVAILABLE_IN_1_0
QnetTlsCertificate *qnet_tls_certificate_new_from_file     (const char          *path,
                                                            GError             **error);

QNET_AVAILABLE_IN_1_0
const char         *qnet_tls_certificate_get_subject_name  (QnetTlsCertificate  *self);
QNET_AVAILABLE_IN_1_0
const char         *qnet_tls_certificate_get_issuer_name   (QnetTlsCertificate  *self);
QNET_AVAILABLE_IN_1_0
GDateTime          *qnet_tls_certificate_get_not_valid_before (QnetTlsCertificate *self);
QNET_AVAILABLE_IN_1_0
GDateTime          *qnet_tls_certificate_get_not_valid_after  (QnetTlsCertificate *self);
QNET_AVAILABLE_IN_1_0
char              **qnet_tls_certificate_get_dns_names     (QnetTlsCertificate  *self);
QNET_AVAILABLE_IN_1_0
char               *qnet_tls_certificate_get_pem           (QnetTlsCertificate  *self);
QNET_AVAILABLE_IN_1_0
GBytes             *qnet_tls_certificate_get_der           (QnetTlsCertificate  *self);
QNET_AVAILABLE_IN_1_0
char               *qnet_tls_certificate_get_fingerprint   (QnetTlsCertificate  *self,
                                                            GChecksumType        checksum_type);
QNET_AVAILABLE_IN_1_0
QnetTlsCertificate *qnet_tls_certificate_get_issuer        (QnetTlsCertificate  *self);
QNET_AVAILABLE_IN_1_0
guint               qnet_tls_certificate_get_chain_length  (QnetTlsCertificate  *self);
QNET_AVAILABLE_IN_1_0
gboolean            qnet_tls_certificate_is_same           (QnetTlsCertificate  *self,
                                                            QnetTlsCertificate  *other);

G_END_DECLS
