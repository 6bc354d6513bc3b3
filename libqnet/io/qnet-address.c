/* qnet-address.c: Qore's socket address syntax
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <netdb.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>

#include "libqnet/qnet-error.h"
#include "qnet-address.h"

/* The longest service name we look up (services(5) names are short). */
#define QNET_ADDRESS_MAX_SERVICE 64
/* sizeof (sockaddr_un.sun_path) - 1 on Linux */
#define QNET_ADDRESS_MAX_UNIX_PATH 107

static gboolean
all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    {
      if (!g_ascii_isdigit (*s))
        return FALSE;
    }
  return TRUE;
}

gboolean
qnet_address_parse_service (const char  *service,
                            guint16     *port,
                            GError     **error)
{
  if (service == NULL || *service == '\0')
    {
      g_set_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_INVALID_ADDRESS,
                   _("No port given"));
      return FALSE;
    }

  if (all_digits (service))
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (service, 10, 0, G_MAXUINT16, &value, NULL))
        {
          g_set_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_INVALID_ADDRESS,
                       _("Invalid port “%s”"), service);
          return FALSE;
        }
      *port = (guint16) value;
      return TRUE;
    }

  if (strlen (service) <= QNET_ADDRESS_MAX_SERVICE)
    {
      struct servent entry, *result = NULL;
      char buf[1024];

      if (getservbyname_r (service, "tcp", &entry, buf, sizeof buf, &result) == 0 &&
          result != NULL)
        {
          *port = g_ntohs ((guint16) result->s_port);
          return TRUE;
        }
    }

  g_set_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_INVALID_ADDRESS,
               _("Unknown service “%s”"), service);
  return FALSE;
}

QnetAddress *
qnet_address_new_inet (const char     *host,
                       const char     *service,
                       GSocketFamily   family,
                       GError        **error)
{
  g_autoptr(QnetAddress) address = g_new0 (QnetAddress, 1);

  address->kind = QNET_ADDRESS_INET;
  address->family = family;

  if (host != NULL && *host == '\0')
    host = NULL;

  if (!qnet_address_parse_service (service, &address->port, error))
    return NULL;

  address->host = g_strdup (host);
  address->service = g_strdup (service);

  if (host != NULL)
    {
      address->numeric = g_inet_address_new_from_string (host);
      if (address->numeric != NULL && family != G_SOCKET_FAMILY_INVALID &&
          g_inet_address_get_family (address->numeric) != family)
        {
          g_set_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_INVALID_ADDRESS,
                       _("Address “%s” is not of the requested family"), host);
          return NULL;
        }
    }

  return g_steal_pointer (&address);
}

QnetAddress *
qnet_address_new_unix (const char  *path,
                       GError     **error)
{
  QnetAddress *address;

  /* sun_path holds 108 bytes on Linux, the NUL included. */
  if (path == NULL || *path == '\0' || strlen (path) > QNET_ADDRESS_MAX_UNIX_PATH)
    {
      g_set_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_INVALID_ADDRESS,
                   _("Invalid UNIX socket path “%s”"), path != NULL ? path : "");
      return NULL;
    }

  address = g_new0 (QnetAddress, 1);
  address->kind = QNET_ADDRESS_UNIX;
  address->family = G_SOCKET_FAMILY_UNIX;
  address->path = g_strdup (path);
  return address;
}

QnetAddress *
qnet_address_parse (const char  *dest,
                    gboolean     for_bind,
                    GError     **error)
{
  const char *colon;

  g_return_val_if_fail (dest != NULL, NULL);

  if (*dest == '\0')
    {
      g_set_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_INVALID_ADDRESS,
                   _("Empty address"));
      return NULL;
    }

  if (dest[0] == '[')
    {
      const char *close = strchr (dest, ']');
      g_autofree char *host = NULL;

      if (close == NULL || close[1] != ':' || close == dest + 1)
        {
          g_set_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_INVALID_ADDRESS,
                       _("Invalid address “%s”: expected “[host]:port”"), dest);
          return NULL;
        }
      host = g_strndup (dest + 1, close - dest - 1);
      /* "[v6addr]:port" is numeric; "[name]:port" resolves as IPv6 only;
       * a bracketed IPv4 literal is taken as it is. */
      if (g_hostname_is_ip_address (host))
        return qnet_address_new_inet (host, close + 2, G_SOCKET_FAMILY_INVALID, error);
      return qnet_address_new_inet (host, close + 2, G_SOCKET_FAMILY_IPV6, error);
    }

  colon = strrchr (dest, ':');
  if (colon == NULL)
    {
      if (for_bind && all_digits (dest))
        return qnet_address_new_inet (NULL, dest, G_SOCKET_FAMILY_INVALID, error);
      return qnet_address_new_unix (dest, error);
    }

  if (colon == dest)
    {
      if (!for_bind)
        {
          g_set_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_INVALID_ADDRESS,
                       _("Invalid address “%s”: no host given"), dest);
          return NULL;
        }
      return qnet_address_new_inet (NULL, colon + 1, G_SOCKET_FAMILY_INVALID, error);
    }

  {
    g_autofree char *host = g_strndup (dest, colon - dest);

    if (strchr (host, ':') != NULL)
      {
        g_set_error (error, QNET_SOCKET_ERROR, QNET_SOCKET_ERROR_INVALID_ADDRESS,
                     _("Invalid address “%s”: enclose IPv6 addresses in brackets"), dest);
        return NULL;
      }
    return qnet_address_new_inet (host, colon + 1, G_SOCKET_FAMILY_INVALID, error);
  }
}

void
qnet_address_free (QnetAddress *address)
{
  if (address == NULL)
    return;
  g_free (address->host);
  g_free (address->service);
  g_clear_object (&address->numeric);
  g_free (address->path);
  g_free (address);
}

char *
qnet_address_to_string (const QnetAddress *address)
{
  g_return_val_if_fail (address != NULL, NULL);

  if (address->kind == QNET_ADDRESS_UNIX)
    return g_strdup (address->path);

  if (address->host == NULL)
    return g_strdup_printf (":%u", address->port);
  if (strchr (address->host, ':') != NULL || address->family == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[%s]:%u", address->host, address->port);
  return g_strdup_printf ("%s:%u", address->host, address->port);
}

const char *
qnet_address_family_to_string (GSocketFamily family)
{
  switch (family)
    {
    case G_SOCKET_FAMILY_IPV4:
      return "ipv4";
    case G_SOCKET_FAMILY_IPV6:
      return "ipv6";
    case G_SOCKET_FAMILY_UNIX:
      return "unix";
    case G_SOCKET_FAMILY_INVALID:
    default:
      return "unknown";
    }
}

char *
qnet_socket_address_to_string (GSocketAddress *address,
                               gint           *port)
{
  if (port != NULL)
    *port = -1;

  if (G_IS_INET_SOCKET_ADDRESS (address))
    {
      GInetSocketAddress *inet = G_INET_SOCKET_ADDRESS (address);

      if (port != NULL)
        *port = g_inet_socket_address_get_port (inet);
      return g_inet_address_to_string (g_inet_socket_address_get_address (inet));
    }

  if (G_IS_UNIX_SOCKET_ADDRESS (address))
    {
      GUnixSocketAddress *unix_address = G_UNIX_SOCKET_ADDRESS (address);

      return g_strndup (g_unix_socket_address_get_path (unix_address),
                        g_unix_socket_address_get_path_len (unix_address));
    }

  return g_strdup ("");
}
