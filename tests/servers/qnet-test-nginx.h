/* qnet-test-nginx.h: a throw-away nginx on a free loopback port, for tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * qnet_test_nginx_start() writes a minimal nginx.conf into a new temporary
 * directory (with its pid, log and temp files, and a document root),
 * starts `nginx -p DIR -c nginx.conf -g 'daemon off; master_process off;'`
 * on a free port of 127.0.0.1, and waits until it accepts connections.
 * qnet_test_nginx_start_tls() does the same with an HTTPS server
 * (ngx_http_ssl_module: nginx-light has it). qnet_test_nginx_stop() kills
 * it and removes the directory. A missing nginx is an error, never a skip.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _QnetTestNginx QnetTestNginx;

/* @extra_server_conf (nullable): directives added inside the server block,
 * e.g. "location /r { return 302 /index.html; }". */
QnetTestNginx *qnet_test_nginx_start        (const char     *extra_server_conf,
                                             GError        **error);

/* TLS for qnet_test_nginx_start_tls(): absolute paths of PEM files. */
typedef struct {
  const char *certificate;   /* ssl_certificate (leaf, then its issuers) */
  const char *private_key;   /* ssl_certificate_key (unencrypted) */
  const char *client_ca;     /* (nullable): clients must present a certificate it signed */
  const char *protocols;     /* (nullable): ssl_protocols, e.g. "TLSv1.2"; default TLS 1.2 and 1.3 */
} QnetTestNginxTls;

/* An HTTPS server: "listen 127.0.0.1:PORT ssl" with @tls. */
QnetTestNginx *qnet_test_nginx_start_tls    (const char              *extra_server_conf,
                                             const QnetTestNginxTls  *tls,
                                             GError                 **error);
guint16        qnet_test_nginx_get_port     (QnetTestNginx  *nginx);
/* The document root: files written there are served from "/". */
const char    *qnet_test_nginx_get_docroot  (QnetTestNginx  *nginx);
/* Writes @len bytes of @data to DOCROOT/@name. */
void           qnet_test_nginx_add_file     (QnetTestNginx  *nginx,
                                             const char     *name,
                                             const void     *data,
                                             gssize          len);
void           qnet_test_nginx_stop         (QnetTestNginx  *nginx);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QnetTestNginx, qnet_test_nginx_stop)

G_END_DECLS
