/* qnet-address.h: Qore's socket address syntax (internal, layer 1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A destination string is, as in Qore's Socket class:
 *   "host:port"        a host name or numeric IPv4 address, any family
 *   "[v6addr]:port"    a numeric IPv6 address
 *   "[name]:port"      a host name resolved as IPv6 only
 *   "path"             no colon at all: a UNIX socket path
 * and, for binding only, ":port" or "port" (all digits) for every
 * interface. The port may be a number or a service name ("http").
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  QNET_ADDRESS_INET,
  QNET_ADDRESS_UNIX,
} QnetAddressKind;

typedef struct {
  QnetAddressKind  kind;
  char            *host;     /* (nullable): INET host as given (no brackets); NULL = every interface */
  char            *service;  /* (nullable): INET port or service name as given */
  guint16          port;     /* INET port, resolved from @service */
  GSocketFamily    family;   /* G_SOCKET_FAMILY_INVALID = any family */
  GInetAddress    *numeric;  /* (owned) (nullable): @host parsed as a numeric address */
  char            *path;     /* (nullable): UNIX socket path */
} QnetAddress;

/* Parses @dest; @for_bind accepts ":port" and "port". Errors are
 * QNET_SOCKET_ERROR_INVALID_ADDRESS. */
QnetAddress *qnet_address_parse      (const char     *dest,
                                      gboolean        for_bind,
                                      GError        **error);
/* @host may be NULL (every interface) only when binding; @family restricts
 * resolution (G_SOCKET_FAMILY_INVALID = any). */
QnetAddress *qnet_address_new_inet   (const char     *host,
                                      const char     *service,
                                      GSocketFamily   family,
                                      GError        **error);
QnetAddress *qnet_address_new_unix   (const char     *path,
                                      GError        **error);
void         qnet_address_free       (QnetAddress    *address);

/* "host:port", "[v6]:port" or the path: the emitter label and the name
 * used in error messages. */
char        *qnet_address_to_string  (const QnetAddress *address);

/* Converts a port number or service name (looked up in the local services
 * database, TCP) to a port. */
gboolean     qnet_address_parse_service (const char  *service,
                                         guint16     *port,
                                         GError     **error);

/* "ipv4", "ipv6", "unix" or "unknown" for a socket family. */
const char  *qnet_address_family_to_string (GSocketFamily family);

/* The numeric text of an address: "127.0.0.1", "::1" or the UNIX path;
 * the port (or -1). (transfer full) */
char        *qnet_socket_address_to_string (GSocketAddress *address,
                                            gint           *port);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QnetAddress, qnet_address_free)

G_END_DECLS
