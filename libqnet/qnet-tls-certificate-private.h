/* qnet-tls-certificate-private.h: what the socket layer needs of certificates
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gnutls/x509.h>

#include "qnet-tls-certificate.h"

G_BEGIN_DECLS

/* (transfer none): the leaf certificate. */
gnutls_x509_crt_t   _qnet_tls_certificate_get_x509       (QnetTlsCertificate *self);
/* Fills @chain with the certificate and its issuers (transfer none), at
 * most @max of them; returns how many. For qnet_tls_stream_set_certificate(). */
guint               _qnet_tls_certificate_get_x509_chain (QnetTlsCertificate *self,
                                                          gnutls_x509_crt_t  *chain,
                                                          guint               max);
/* A certificate from a peer chain (element-type GBytes, DER, leaf first),
 * as qnet_tls_stream_get_peer_certificates() returns it; issuers that do
 * not follow each other in the order sent are left out. */
QnetTlsCertificate *_qnet_tls_certificate_new_from_der_chain (GPtrArray  *ders,
                                                              GError    **error);

G_END_DECLS
