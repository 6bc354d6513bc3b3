/* qnet-url.c: URL parser, reference resolution and serialisation (RFC 3986)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Policy:
 * - Control characters (including NUL, CR, LF, TAB) and spaces are
 *   rejected anywhere: a URL becomes a request line, and a Location
 *   header must not smuggle anything into the next request.
 * - Path, query and fragment are kept percent-encoded, as given; a "%"
 *   must start a valid escape; bytes outside US-ASCII and the ASCII
 *   characters RFC 3986 never allows there (`"<>[\]^`{|}` and a second
 *   `#`) are percent-encoded, as browsers do with Location values.
 * - The host is lower-cased; an IDN is converted to ASCII; an IPv6
 *   literal must be a valid address (with an optional `%25zone`); other
 *   hosts may only hold letters, digits, `-`, `.`, `_` and `~`.
 * - A port is 1 to 5 digits with a value in 1..65535; an empty port (as
 *   in `http://host:/`) means the default.
 * - user and password are percent-decoded and must be UTF-8 without NUL.
 * - `http+unix://` and `https+unix://`: the authority is the
 *   percent-encoded socket path; no port.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-error.h"
#include "qnet-limits.h"
#include "qnet-parse.h"
#include "qnet-url.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

G_GNUC_PRINTF (2, 3)
static void
invalid_url (GError    **error,
             const char *format,
             ...)
{
  va_list args;

  if (error == NULL)
    return;
  va_start (args, format);
  *error = g_error_new_valist (QNET_HTTP_ERROR, QNET_HTTP_ERROR_INVALID_URL, format, args);
  va_end (args);
}

static gboolean
is_alpha (guint8 c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static gboolean
is_scheme_char (guint8 c)
{
  return is_alpha (c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

/* Length of a valid scheme at the start of @s followed by ':', or 0. */
static gsize
scheme_length (const char *s,
               gsize       len)
{
  gsize n = 0;

  if (len == 0 || !is_alpha ((guint8) s[0]))
    return 0;
  while (n < len && is_scheme_char ((guint8) s[n]))
    n++;
  return n < len && s[n] == ':' ? n : 0;
}

/* Controls (C0, DEL) and space are never allowed in a URL. */
static gboolean
check_chars (const char  *s,
             gsize        len,
             GError     **error)
{
  if (len > QNET_URL_MAX_LENGTH)
    {
      invalid_url (error, _("The URL is longer than %u bytes"), (guint) QNET_URL_MAX_LENGTH);
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = (guint8) s[i];

      if (c <= 0x20 || c == 0x7f)
        {
          if (c == ' ')
            invalid_url (error, "%s", _("The URL contains a space"));
          else
            invalid_url (error, "%s", _("The URL contains a control character"));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * qnet_uri_unescape:
 * @s: percent-encoded text
 * @len: length of @s, or -1 if nul-terminated
 * @error: return location for a #GError
 *
 * Decodes %XX escapes. A "%" without two hex digits, and %00, are errors.
 *
 * Returns: (transfer full) (nullable): the decoded bytes, nul-terminated
 */
char *
qnet_uri_unescape (const char  *s,
                   gssize       len,
                   GError     **error)
{
  gsize n = len < 0 ? strlen (s) : (gsize) len;
  GString *out = g_string_sized_new (n);

  for (gsize i = 0; i < n; i++)
    {
      if (s[i] != '%')
        {
          g_string_append_c (out, s[i]);
          continue;
        }
      if (i + 2 >= n || qnet_char_hex_value ((guint8) s[i + 1]) < 0 ||
          qnet_char_hex_value ((guint8) s[i + 2]) < 0)
        {
          invalid_url (error, "%s", _("Invalid percent-encoding in the URL"));
          g_string_free (out, TRUE);
          return NULL;
        }
      {
        int v = qnet_char_hex_value ((guint8) s[i + 1]) * 16 + qnet_char_hex_value ((guint8) s[i + 2]);

        if (v == 0)
          {
            invalid_url (error, "%s", _("The URL contains an encoded NUL byte"));
            g_string_free (out, TRUE);
            return NULL;
          }
        g_string_append_c (out, (char) v);
      }
      i += 2;
    }
  return g_string_free (out, FALSE);
}

/* Appends @s percent-encoded: bytes of @keep (a QNET_CHAR_* mask) and the
 * characters in @extra stay, everything else becomes %XX. */
static void
append_escaped (GString    *out,
                const char *s,
                guint8      keep,
                const char *extra)
{
  for (const guint8 *p = (const guint8 *) s; *p != '\0'; p++)
    {
      if (qnet_char_is (*p, keep) || (*p != '\0' && strchr (extra, *p) != NULL))
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

/* Copies a path, query or fragment: pchar, "/" and @extra stay, valid
 * escapes stay, other bytes are percent-encoded (see the policy above). */
static char *
normalize_component (const char  *s,
                     gsize        len,
                     const char  *extra,
                     GError     **error)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = (guint8) s[i];

      if (c == '%')
        {
          if (i + 2 >= len ||
              qnet_char_hex_value ((guint8) s[i + 1]) < 0 ||
              qnet_char_hex_value ((guint8) s[i + 2]) < 0)
            {
              invalid_url (error, "%s", _("Invalid percent-encoding in the URL"));
              g_string_free (out, TRUE);
              return NULL;
            }
          g_string_append_len (out, s + i, 3);
          i += 2;
        }
      else if (qnet_char_is (c, QNET_CHAR_UNRESERVED | QNET_CHAR_SUB_DELIM) ||
               c == ':' || c == '@' || c == '/' || (c != '\0' && strchr (extra, c) != NULL))
        {
          g_string_append_c (out, (char) c);
        }
      else
        {
          g_string_append_printf (out, "%%%02X", c);
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * qnet_uri_remove_dot_segments:
 * @path: a path
 * @len: length of @path, or -1 if nul-terminated
 *
 * The remove_dot_segments algorithm of RFC 3986 §5.2.4.
 *
 * Returns: (transfer full): the path without "." and ".." segments
 */
char *
qnet_uri_remove_dot_segments (const char *path,
                              gssize      len)
{
  g_autofree char *buf = len < 0 ? g_strdup (path) : g_strndup (path, len);
  GString *out = g_string_sized_new (strlen (buf));
  char *in = buf;

  while (*in != '\0')
    {
      if (g_str_has_prefix (in, "../"))
        {
          in += 3;
        }
      else if (g_str_has_prefix (in, "./"))
        {
          in += 2;
        }
      else if (g_str_has_prefix (in, "/./"))
        {
          in += 2;
        }
      else if (strcmp (in, "/.") == 0)
        {
          in += 1;
          in[0] = '/';
        }
      else if (g_str_has_prefix (in, "/../") || strcmp (in, "/..") == 0)
        {
          char *slash;

          if (in[3] == '/')
            {
              in += 3;
            }
          else
            {
              in += 2;
              in[0] = '/';
            }
          slash = strrchr (out->str, '/');
          g_string_truncate (out, slash != NULL ? (gsize) (slash - out->str) : 0);
        }
      else if (strcmp (in, ".") == 0 || strcmp (in, "..") == 0)
        {
          in += strlen (in);
        }
      else
        {
          char *end = strchr (in + 1, '/');
          gsize n = end != NULL ? (gsize) (end - in) : strlen (in);

          g_string_append_len (out, in, n);
          in += n;
        }
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* QnetUrl                                                              */

/**
 * qnet_url_get_default_port:
 * @scheme: a lower-case scheme
 *
 * Returns: 80 for http, 443 for https, 21 for ftp and ftps (explicit
 *   FTPS starts in the clear), otherwise -1
 */
int
qnet_url_get_default_port (const char *scheme)
{
  if (g_strcmp0 (scheme, "http") == 0)
    return 80;
  if (g_strcmp0 (scheme, "https") == 0)
    return 443;
  if (g_strcmp0 (scheme, "ftp") == 0 || g_strcmp0 (scheme, "ftps") == 0)
    return 21;
  return -1;
}

static gboolean
scheme_is_unix (const char *scheme)
{
  return g_strcmp0 (scheme, "http+unix") == 0 || g_strcmp0 (scheme, "https+unix") == 0;
}

/**
 * qnet_url_is_unix:
 * @url: a #QnetUrl
 *
 * Returns: %TRUE if @url names a UNIX socket (`http+unix`, `https+unix`)
 */
gboolean
qnet_url_is_unix (const QnetUrl *url)
{
  return url->unix_path != NULL;
}

/**
 * qnet_url_free:
 * @url: (nullable): a #QnetUrl
 *
 * Frees @url; the password is cleared first.
 */
void
qnet_url_free (QnetUrl *url)
{
  if (url == NULL)
    return;
  g_free (url->scheme);
  g_free (url->user);
  if (url->password != NULL)
    memset (url->password, 0, strlen (url->password));
  g_free (url->password);
  g_free (url->host);
  g_free (url->unix_path);
  g_free (url->path);
  g_free (url->query);
  g_free (url->fragment);
  g_free (url);
}

/**
 * qnet_url_copy:
 * @url: a #QnetUrl
 *
 * Returns: (transfer full): a deep copy of @url
 */
QnetUrl *
qnet_url_copy (const QnetUrl *url)
{
  QnetUrl *copy = g_new0 (QnetUrl, 1);

  copy->scheme = g_strdup (url->scheme);
  copy->user = g_strdup (url->user);
  copy->password = g_strdup (url->password);
  copy->host = g_strdup (url->host);
  copy->unix_path = g_strdup (url->unix_path);
  copy->port = url->port;
  copy->path = g_strdup (url->path);
  copy->query = g_strdup (url->query);
  copy->fragment = g_strdup (url->fragment);
  return copy;
}

static char *
decode_userinfo_part (const char  *s,
                      gsize        len,
                      GError     **error)
{
  char *decoded = qnet_uri_unescape (s, len, error);

  if (decoded != NULL && !g_utf8_validate (decoded, -1, NULL))
    {
      invalid_url (error, "%s", _("The user name or password in the URL is not valid UTF-8"));
      g_clear_pointer (&decoded, g_free);
    }
  return decoded;
}

static gboolean
parse_port (const char  *s,
            gsize        len,
            int         *port,
            GError     **error)
{
  int v = 0;

  if (len == 0)
    return TRUE;  /* "host:" means the default port (RFC 3986 §3.2.3) */
  if (len > 5)
    goto bad;
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] < '0' || s[i] > '9')
        goto bad;
      v = v * 10 + (s[i] - '0');
    }
  if (v < 1 || v > 65535)
    goto bad;
  *port = v;
  return TRUE;

bad:
  {
    /* Escaped: the port may hold any byte, a message must be UTF-8. */
    g_autofree char *raw = g_strndup (s, len);
    g_autofree char *shown = g_strescape (raw, NULL);

    invalid_url (error, _("Invalid port “%s” in the URL"), shown);
    return FALSE;
  }
}

static char *
parse_ipv6 (const char  *s,
            gsize        len,
            GError     **error)
{
  g_autofree char *inner = g_strndup (s, len);
  g_autofree char *zone = NULL;
  char *pct = strchr (inner, '%');

  if (pct != NULL)
    {
      /* RFC 6874: the zone delimiter is "%25", the zone is pct-encoded. */
      if (!g_str_has_prefix (pct, "%25") || pct[3] == '\0')
        goto bad;
      zone = qnet_uri_unescape (pct + 3, -1, NULL);
      if (zone == NULL)
        goto bad;
      for (const char *z = zone; *z != '\0'; z++)
        if (!qnet_char_is ((guint8) *z, QNET_CHAR_UNRESERVED))
          goto bad;
      *pct = '\0';
    }
  if (strchr (inner, ':') == NULL || !g_hostname_is_ip_address (inner))
    goto bad;

  {
    char *lower = g_ascii_strdown (inner, -1);

    if (zone != NULL)
      {
        char *with_zone = g_strconcat (lower, "%", zone, NULL);

        g_free (lower);
        lower = with_zone;
      }
    return lower;
  }

bad:
  invalid_url (error, "%s", _("Invalid IPv6 address in the URL"));
  return NULL;
}

static char *
parse_reg_name (const char  *s,
                gsize        len,
                GError     **error)
{
  gboolean ascii = TRUE;
  g_autofree char *host = g_strndup (s, len);

  if (len == 0)
    {
      invalid_url (error, "%s", _("The URL has no host"));
      return NULL;
    }
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = (guint8) s[i];

      if (c >= 0x80)
        ascii = FALSE;
      else if (!qnet_char_is (c, QNET_CHAR_UNRESERVED))
        {
          invalid_url (error, "%s", _("Invalid character in the host name of the URL"));
          return NULL;
        }
    }
  if (!ascii)
    {
      char *converted;

      if (!g_utf8_validate (host, -1, NULL) ||
          (converted = g_hostname_to_ascii (host)) == NULL)
        {
          invalid_url (error, "%s", _("Invalid international host name in the URL"));
          return NULL;
        }
      g_free (host);
      host = converted;
    }
  return g_ascii_strdown (host, -1);
}

static gboolean
parse_authority (QnetUrl     *url,
                 const char  *s,
                 gsize        len,
                 GError     **error)
{
  const char *at = NULL;
  const char *host, *end = s + len;
  const char *port_start = NULL;

  /* The last '@' ends the userinfo (a raw '@' in a password is common). */
  for (const char *p = s; p < end; p++)
    if (*p == '@')
      at = p;

  if (at != NULL)
    {
      const char *colon = memchr (s, ':', at - s);

      if (colon != NULL)
        {
          url->user = decode_userinfo_part (s, colon - s, error);
          if (url->user == NULL)
            return FALSE;
          url->password = decode_userinfo_part (colon + 1, at - colon - 1, error);
          if (url->password == NULL)
            return FALSE;
        }
      else
        {
          url->user = decode_userinfo_part (s, at - s, error);
          if (url->user == NULL)
            return FALSE;
        }
      host = at + 1;
    }
  else
    {
      host = s;
    }

  if (scheme_is_unix (url->scheme))
    {
      if (memchr (host, ':', end - host) != NULL)
        {
          invalid_url (error, "%s", _("A UNIX socket URL cannot have a port"));
          return FALSE;
        }
      url->unix_path = qnet_uri_unescape (host, end - host, error);
      if (url->unix_path == NULL)
        return FALSE;
      if (url->unix_path[0] == '\0')
        {
          invalid_url (error, "%s", _("The URL has no UNIX socket path"));
          return FALSE;
        }
      url->port = -1;
      return TRUE;
    }

  if (host < end && *host == '[')
    {
      const char *close = memchr (host, ']', end - host);

      if (close == NULL)
        {
          invalid_url (error, "%s", _("Invalid IPv6 address in the URL"));
          return FALSE;
        }
      url->host = parse_ipv6 (host + 1, close - host - 1, error);
      if (url->host == NULL)
        return FALSE;
      if (close + 1 < end)
        {
          if (close[1] != ':')
            {
              invalid_url (error, "%s", _("Invalid IPv6 address in the URL"));
              return FALSE;
            }
          port_start = close + 2;
        }
    }
  else
    {
      const char *colon = memchr (host, ':', end - host);
      const char *host_end = colon != NULL ? colon : end;

      url->host = parse_reg_name (host, host_end - host, error);
      if (url->host == NULL)
        return FALSE;
      if (colon != NULL)
        port_start = colon + 1;
    }

  url->port = qnet_url_get_default_port (url->scheme);
  if (port_start != NULL && !parse_port (port_start, end - port_start, &url->port, error))
    return FALSE;
  return TRUE;
}

/**
 * qnet_url_parse:
 * @text: an absolute URL
 * @error: return location for a #GError
 *
 * Parses `scheme://authority[path][?query][#fragment]` following the
 * policy at the top of this file. The scheme is not checked against a
 * list: callers do that (%QNET_HTTP_ERROR_UNSUPPORTED_SCHEME).
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL with
 *   %QNET_HTTP_ERROR_INVALID_URL
 */
QnetUrl *
qnet_url_parse (const char  *text,
                GError     **error)
{
  g_autoptr(QnetUrl) url = NULL;
  gsize len, scheme_len;
  const char *p, *end, *authority;
  g_autofree char *raw_path = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  len = strlen (text);
  if (!check_chars (text, len, error))
    return NULL;

  scheme_len = scheme_length (text, len);
  if (scheme_len == 0 || !g_str_has_prefix (text + scheme_len, "://"))
    {
      invalid_url (error, "%s", _("The URL does not start with a scheme and “//”"));
      return NULL;
    }

  url = g_new0 (QnetUrl, 1);
  url->port = -1;
  url->scheme = g_ascii_strdown (text, scheme_len);

  end = text + len;
  authority = text + scheme_len + 3;
  p = authority;
  while (p < end && *p != '/' && *p != '?' && *p != '#')
    p++;
  if (!parse_authority (url, authority, p - authority, error))
    return NULL;

  {
    const char *path_start = p;

    while (p < end && *p != '?' && *p != '#')
      p++;
    raw_path = normalize_component (path_start, p - path_start, "", error);
    if (raw_path == NULL)
      return NULL;
    url->path = qnet_uri_remove_dot_segments (raw_path, -1);
  }

  if (p < end && *p == '?')
    {
      const char *query_start = ++p;

      while (p < end && *p != '#')
        p++;
      url->query = normalize_component (query_start, p - query_start, "?", error);
      if (url->query == NULL)
        return NULL;
    }

  if (p < end && *p == '#')
    {
      p++;
      url->fragment = normalize_component (p, end - p, "?", error);
      if (url->fragment == NULL)
        return NULL;
    }

  return g_steal_pointer (&url);
}

static void
append_host (GString       *out,
             const QnetUrl *url)
{
  if (url->unix_path != NULL)
    {
      append_escaped (out, url->unix_path, QNET_CHAR_UNRESERVED, "");
    }
  else if (url->host != NULL && strchr (url->host, ':') != NULL)
    {
      const char *pct = strchr (url->host, '%');

      g_string_append_c (out, '[');
      if (pct != NULL)
        {
          g_string_append_len (out, url->host, pct - url->host);
          g_string_append (out, "%25");
          g_string_append (out, pct + 1);
        }
      else
        {
          g_string_append (out, url->host);
        }
      g_string_append_c (out, ']');
    }
  else if (url->host != NULL)
    {
      g_string_append (out, url->host);
    }
}

static gboolean
has_explicit_port (const QnetUrl *url)
{
  return url->unix_path == NULL && url->port > 0 &&
         url->port != qnet_url_get_default_port (url->scheme);
}

/**
 * qnet_url_to_string:
 * @url: a #QnetUrl
 * @flags: what to leave out
 *
 * Serialises @url (RFC 3986 §5.3), omitting the port when it is the
 * scheme's default. Parsing the result gives @url back.
 *
 * Returns: (transfer full): the URL
 */
char *
qnet_url_to_string (const QnetUrl *url,
                    QnetUrlFlags   flags)
{
  GString *out = g_string_new (url->scheme);

  g_string_append (out, "://");
  if (url->user != NULL && !(flags & QNET_URL_OMIT_USERINFO))
    {
      append_escaped (out, url->user, QNET_CHAR_UNRESERVED | QNET_CHAR_SUB_DELIM, "");
      if (url->password != NULL && !(flags & QNET_URL_OMIT_PASSWORD))
        {
          g_string_append_c (out, ':');
          append_escaped (out, url->password, QNET_CHAR_UNRESERVED | QNET_CHAR_SUB_DELIM, "");
        }
      g_string_append_c (out, '@');
    }
  append_host (out, url);
  if (has_explicit_port (url))
    g_string_append_printf (out, ":%d", url->port);
  g_string_append (out, url->path);
  if (url->query != NULL)
    {
      g_string_append_c (out, '?');
      g_string_append (out, url->query);
    }
  if (url->fragment != NULL && !(flags & QNET_URL_OMIT_FRAGMENT))
    {
      g_string_append_c (out, '#');
      g_string_append (out, url->fragment);
    }
  return g_string_free (out, FALSE);
}

/**
 * qnet_url_get_request_target:
 * @url: a #QnetUrl
 *
 * Returns: (transfer full): the origin-form request target: the path
 *   (`/` if empty) and the query
 */
char *
qnet_url_get_request_target (const QnetUrl *url)
{
  const char *path = url->path[0] != '\0' ? url->path : "/";

  if (url->query != NULL)
    return g_strconcat (path, "?", url->query, NULL);
  return g_strdup (path);
}

/**
 * qnet_url_get_host_header:
 * @url: a #QnetUrl
 *
 * Returns: (transfer full): the `Host` value: host, brackets for IPv6,
 *   `:port` unless default; `localhost` for a UNIX socket
 */
char *
qnet_url_get_host_header (const QnetUrl *url)
{
  GString *out;

  if (url->unix_path != NULL)
    return g_strdup ("localhost");
  out = g_string_new (NULL);
  append_host (out, url);
  if (has_explicit_port (url))
    g_string_append_printf (out, ":%d", url->port);
  return g_string_free (out, FALSE);
}

/**
 * qnet_url_same_origin:
 * @a: a #QnetUrl
 * @b: a #QnetUrl
 *
 * Compares scheme, host and port (with defaults applied), or scheme and
 * socket path for UNIX socket URLs. A redirect to another origin must drop
 * credentials, `Authorization` and `Cookie`.
 *
 * Returns: %TRUE if @a and @b have the same origin
 */
gboolean
qnet_url_same_origin (const QnetUrl *a,
                      const QnetUrl *b)
{
  if (g_strcmp0 (a->scheme, b->scheme) != 0)
    return FALSE;
  if (a->unix_path != NULL || b->unix_path != NULL)
    return g_strcmp0 (a->unix_path, b->unix_path) == 0;
  return a->host != NULL && b->host != NULL &&
         g_ascii_strcasecmp (a->host, b->host) == 0 && a->port == b->port;
}

/* ------------------------------------------------------------------ */
/* Reference resolution (RFC 3986 §5.2)                                 */

typedef struct {
  const char *scheme;    /* NULL if undefined */
  gsize scheme_len;
  const char *authority; /* NULL if undefined */
  gsize authority_len;
  const char *path;      /* never NULL, possibly empty */
  gsize path_len;
  const char *query;     /* NULL if undefined */
  gsize query_len;
  const char *fragment;  /* NULL if undefined */
  gsize fragment_len;
} UriParts;

/* The component split of RFC 3986 Appendix B, with a scheme only if it
 * is valid (so "./a:b" stays a path). */
static void
split_uri (const char *s,
           UriParts   *parts)
{
  gsize len = strlen (s);
  const char *p = s, *end = s + len, *start;
  gsize n;

  memset (parts, 0, sizeof *parts);

  n = scheme_length (s, len);
  if (n > 0)
    {
      parts->scheme = s;
      parts->scheme_len = n;
      p = s + n + 1;
    }

  if (end - p >= 2 && p[0] == '/' && p[1] == '/')
    {
      p += 2;
      start = p;
      while (p < end && *p != '/' && *p != '?' && *p != '#')
        p++;
      parts->authority = start;
      parts->authority_len = p - start;
    }

  start = p;
  while (p < end && *p != '?' && *p != '#')
    p++;
  parts->path = start;
  parts->path_len = p - start;

  if (p < end && *p == '?')
    {
      start = ++p;
      while (p < end && *p != '#')
        p++;
      parts->query = start;
      parts->query_len = p - start;
    }

  if (p < end && *p == '#')
    {
      p++;
      parts->fragment = p;
      parts->fragment_len = end - p;
    }
}

/* RFC 3986 §5.2.3 */
static char *
merge_paths (const UriParts *base,
             const UriParts *ref)
{
  const char *last_slash = NULL;

  if (base->authority != NULL && base->path_len == 0)
    return g_strdup_printf ("/%.*s", (int) ref->path_len, ref->path);

  for (gsize i = 0; i < base->path_len; i++)
    if (base->path[i] == '/')
      last_slash = base->path + i;
  if (last_slash == NULL)
    return g_strndup (ref->path, ref->path_len);
  return g_strdup_printf ("%.*s%.*s", (int) (last_slash - base->path + 1), base->path,
                          (int) ref->path_len, ref->path);
}

/**
 * qnet_uri_resolve:
 * @base: an absolute URI (it must have a scheme)
 * @reference: a URI reference, relative or absolute
 * @error: return location for a #GError
 *
 * Resolves @reference against @base with the strict algorithm of RFC 3986
 * §5.2.2 and recomposes it (§5.3). Works on any scheme; dot segments are
 * removed from the path, nothing else is normalised.
 *
 * Returns: (transfer full) (nullable): the target URI, or %NULL with
 *   %QNET_HTTP_ERROR_INVALID_URL
 */
char *
qnet_uri_resolve (const char  *base,
                  const char  *reference,
                  GError     **error)
{
  UriParts b, r;
  GString *out;
  g_autofree char *path = NULL;
  const char *scheme, *authority, *query;
  gsize scheme_len, authority_len = 0, query_len = 0;

  if (!check_chars (base, strlen (base), error) ||
      !check_chars (reference, strlen (reference), error))
    return NULL;

  split_uri (base, &b);
  split_uri (reference, &r);
  if (b.scheme == NULL)
    {
      invalid_url (error, "%s", _("The base URL has no scheme"));
      return NULL;
    }

  if (r.scheme != NULL)
    {
      scheme = r.scheme;
      scheme_len = r.scheme_len;
      authority = r.authority;
      authority_len = r.authority_len;
      path = qnet_uri_remove_dot_segments (r.path, r.path_len);
      query = r.query;
      query_len = r.query_len;
    }
  else
    {
      scheme = b.scheme;
      scheme_len = b.scheme_len;
      if (r.authority != NULL)
        {
          authority = r.authority;
          authority_len = r.authority_len;
          path = qnet_uri_remove_dot_segments (r.path, r.path_len);
          query = r.query;
          query_len = r.query_len;
        }
      else
        {
          authority = b.authority;
          authority_len = b.authority_len;
          if (r.path_len == 0)
            {
              path = g_strndup (b.path, b.path_len);
              if (r.query != NULL)
                {
                  query = r.query;
                  query_len = r.query_len;
                }
              else
                {
                  query = b.query;
                  query_len = b.query_len;
                }
            }
          else
            {
              if (r.path[0] == '/')
                {
                  path = qnet_uri_remove_dot_segments (r.path, r.path_len);
                }
              else
                {
                  g_autofree char *merged = merge_paths (&b, &r);

                  path = qnet_uri_remove_dot_segments (merged, -1);
                }
              query = r.query;
              query_len = r.query_len;
            }
        }
    }

  /* RFC 3986 §5.3 */
  out = g_string_new (NULL);
  g_string_append_len (out, scheme, scheme_len);
  g_string_append_c (out, ':');
  if (authority != NULL)
    {
      g_string_append (out, "//");
      g_string_append_len (out, authority, authority_len);
    }
  g_string_append (out, path);
  if (query != NULL)
    {
      g_string_append_c (out, '?');
      g_string_append_len (out, query, query_len);
    }
  if (r.fragment != NULL)
    {
      g_string_append_c (out, '#');
      g_string_append_len (out, r.fragment, r.fragment_len);
    }
  return g_string_free (out, FALSE);
}

/**
 * qnet_url_resolve:
 * @base: the URL of the request
 * @reference: a URI reference (e.g. a `Location` value)
 * @error: return location for a #GError
 *
 * Resolves @reference against @base (qnet_uri_resolve()) and parses the
 * result. The fragment of @base is not inherited; user and password are
 * kept only when @reference has no authority of its own.
 *
 * Returns: (transfer full) (nullable): the target URL
 */
QnetUrl *
qnet_url_resolve (const QnetUrl  *base,
                  const char     *reference,
                  GError        **error)
{
  g_autofree char *base_text = qnet_url_to_string (base, QNET_URL_OMIT_FRAGMENT);
  g_autofree char *target = qnet_uri_resolve (base_text, reference, error);

  if (target == NULL)
    return NULL;
  return qnet_url_parse (target, error);
}
