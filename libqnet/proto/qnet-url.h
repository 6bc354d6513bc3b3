/* qnet-url.h: URL parser, reference resolution and serialisation (RFC 3986)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * QnetUrl:
 * @scheme: lower-case scheme (`http`, `https`, `ftp`, `ftps`, `http+unix`, …)
 * @user: (nullable): percent-decoded user name
 * @password: (nullable): percent-decoded password
 * @host: (nullable): lower-case host name (IDN converted to ASCII), IPv4
 *   address, or IPv6 address without brackets (a zone as `%zone`); %NULL
 *   for UNIX socket URLs
 * @unix_path: (nullable): percent-decoded socket path of an `http+unix` or
 *   `https+unix` URL
 * @port: the explicit port, else the scheme's default, else -1
 * @path: percent-encoded path without dot segments: empty or starting
 *   with `/`
 * @query: (nullable): percent-encoded query, without `?`
 * @fragment: (nullable): percent-encoded fragment, without `#`
 *
 * An absolute hierarchical URL, `scheme://[user[:password]@]host[:port]path[?query][#fragment]`.
 * `http+unix://<percent-encoded socket path>/path` reaches a UNIX socket.
 * Bytes outside US-ASCII in path, query and fragment are percent-encoded
 * when parsing, so every string here is ASCII except @user, @password and
 * @unix_path.
 */
typedef struct {
  char *scheme;
  char *user;
  char *password;
  char *host;
  char *unix_path;
  int port;
  char *path;
  char *query;
  char *fragment;
} QnetUrl;

/**
 * QnetUrlFlags:
 * @QNET_URL_DEFAULT: everything
 * @QNET_URL_OMIT_PASSWORD: leave the password out (the "safe URL" of logs
 *   and events)
 * @QNET_URL_OMIT_USERINFO: leave user and password out
 * @QNET_URL_OMIT_FRAGMENT: leave the fragment out (it is never sent)
 *
 * What qnet_url_to_string() writes.
 */
typedef enum {
  QNET_URL_DEFAULT = 0,
  QNET_URL_OMIT_PASSWORD = 1 << 0,
  QNET_URL_OMIT_USERINFO = 1 << 1,
  QNET_URL_OMIT_FRAGMENT = 1 << 2,
} QnetUrlFlags;

QnetUrl  *qnet_url_parse                (const char     *text,
                                         GError        **error);
QnetUrl  *qnet_url_copy                 (const QnetUrl  *url);
void      qnet_url_free                 (QnetUrl        *url);
int       qnet_url_get_default_port     (const char     *scheme);
gboolean  qnet_url_is_unix              (const QnetUrl  *url);
gboolean  qnet_url_same_origin          (const QnetUrl  *a,
                                         const QnetUrl  *b);
char     *qnet_url_to_string            (const QnetUrl  *url,
                                         QnetUrlFlags    flags);
char     *qnet_url_get_request_target   (const QnetUrl  *url);
char     *qnet_url_get_host_header      (const QnetUrl  *url);
QnetUrl  *qnet_url_resolve              (const QnetUrl  *base,
                                         const char     *reference,
                                         GError        **error);

char     *qnet_uri_resolve              (const char     *base,
                                         const char     *reference,
                                         GError        **error);
char     *qnet_uri_remove_dot_segments  (const char     *path,
                                         gssize          len);
char     *qnet_uri_unescape             (const char     *s,
                                         gssize          len,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QnetUrl, qnet_url_free)

G_END_DECLS
