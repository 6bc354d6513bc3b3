/* qi-types.c: event families, span kinds and the shared key table
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <qnet.h>

#include "qi-types.h"

/* The known keys, in QiKey order. */
static const char * const known_keys[QI_N_KNOWN_KEYS] = {
  [QI_KEY_NONE] = "",
  [QI_KEY_READ] = "read",
  [QI_KEY_TOTAL_READ] = "total_read",
  [QI_KEY_TOTAL_TO_READ] = "total_to_read",
  [QI_KEY_SOCKET] = "socket",
  [QI_KEY_SENT] = "sent",
  [QI_KEY_TOTAL_SENT] = "total_sent",
  [QI_KEY_TOTAL_TO_SEND] = "total_to_send",
  [QI_KEY_LEN] = "len",
  [QI_KEY_LOCATION] = "location",
  [QI_KEY_STATUS_MESSAGE] = "status_message",
  [QI_KEY_COMMAND] = "command",
  [QI_KEY_ARG] = "arg",
  [QI_KEY_CODE] = "code",
  [QI_KEY_MESSAGE] = "message",
  [QI_KEY_NAME] = "name",
  [QI_KEY_SERVICE] = "service",
  [QI_KEY_ADDRESS] = "address",
  [QI_KEY_TYPE] = "type",
  [QI_KEY_TYPENAME] = "typename",
  [QI_KEY_PORT] = "port",
  [QI_KEY_HEADERS] = "headers",
  [QI_KEY_SIZE] = "size",
  [QI_KEY_TARGET] = "target",
  [QI_KEY_CIPHER] = "cipher",
  [QI_KEY_CIPHER_VERSION] = "cipher_version",
  [QI_KEY_FILENAME] = "filename",
  [QI_KEY_FLAGS] = "flags",
  [QI_KEY_MODE] = "mode",
  [QI_KEY_ENCODING] = "encoding",
  [QI_KEY_WRITTEN] = "written",
  [QI_KEY_TOTAL_WRITTEN] = "total_written",
  [QI_KEY_TOTAL_TO_WRITE] = "total_to_write",
  [QI_KEY_DATA] = "data",
  [QI_KEY_ERROR] = "error",
  [QI_KEY_ERROR_CODE] = "error_code",
  [QI_KEY_PEER_ADDRESS] = "peer_address",
  [QI_KEY_PEER_PORT] = "peer_port",
  [QI_KEY_CONNECTION_ID] = "connection_id",
  [QI_KEY_QUEUED] = "queued",
  [QI_KEY_OPERATION] = "operation",
  [QI_KEY_DOMAIN] = "domain",
  [QI_KEY_STATUS_CODE] = "status_code",
  [QI_KEY_BODY_SIZE] = "body_size",
  [QI_KEY_WIRE_SIZE] = "wire_size",
  [QI_KEY_BYTES] = "bytes",
  [QI_KEY_QNET_ARG] = "@arg",
};

/* A hostile peer could invent keys without end: past this many the key is
 * stored inline in the payload instead of interned. */
#define QI_MAX_INTERNED_KEYS 4096

static GMutex keys_lock;
static GHashTable *known_key_table;   /* read-only after init: str → id */
static GHashTable *dynamic_key_table; /* under keys_lock */
static GPtrArray *dynamic_keys;       /* under keys_lock: id - QI_N_KNOWN_KEYS → str */

static void
keys_init (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      known_key_table = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 1; i < QI_N_KNOWN_KEYS; i++)
        g_hash_table_insert (known_key_table, (gpointer) known_keys[i], GUINT_TO_POINTER (i));
      dynamic_key_table = g_hash_table_new (g_str_hash, g_str_equal);
      dynamic_keys = g_ptr_array_new ();
      g_once_init_leave (&once, 1);
    }
}

/* Returns the id of @key, or QI_KEY_NONE when the table is full (the caller
 * then stores the key inline). */
guint
qi_key_intern (const char *key,
               gsize       len)
{
  char buf[64];
  gpointer found;
  guint id = QI_KEY_NONE;

  keys_init ();
  if (len < sizeof buf)
    {
      memcpy (buf, key, len);
      buf[len] = '\0';
      found = g_hash_table_lookup (known_key_table, buf);
      if (found != NULL)
        return GPOINTER_TO_UINT (found);
    }

  g_mutex_lock (&keys_lock);
  {
    g_autofree char *copy = g_strndup (key, len);

    found = g_hash_table_lookup (dynamic_key_table, copy);
    if (found != NULL)
      id = GPOINTER_TO_UINT (found);
    else if (dynamic_keys->len < QI_MAX_INTERNED_KEYS && strlen (copy) == len)
      {
        char *owned = g_steal_pointer (&copy);

        g_ptr_array_add (dynamic_keys, owned);
        id = QI_N_KNOWN_KEYS + dynamic_keys->len - 1;
        g_hash_table_insert (dynamic_key_table, owned, GUINT_TO_POINTER (id));
      }
  }
  g_mutex_unlock (&keys_lock);

  return id;
}

const char *
qi_key_to_string (guint key)
{
  const char *ret = NULL;

  keys_init ();
  if (key < QI_N_KNOWN_KEYS)
    return known_keys[key];

  g_mutex_lock (&keys_lock);
  if (key - QI_N_KNOWN_KEYS < dynamic_keys->len)
    ret = g_ptr_array_index (dynamic_keys, key - QI_N_KNOWN_KEYS);
  g_mutex_unlock (&keys_lock);

  return ret != NULL ? ret : "";
}

/* Codes are < 255 (EVENTS.md); the table is filled from the library. */
static const char *code_names[256];
static guint8 code_families[256];

static QiFamily
family_for_code (guint code)
{
  switch (code)
    {
    case QNET_EVENT_HOSTNAME_LOOKUP:
    case QNET_EVENT_HOSTNAME_RESOLVED:
      return QI_FAMILY_DNS;
    case QNET_EVENT_CONNECTING:
    case QNET_EVENT_CONNECTED:
    case QNET_EVENT_INCOMING_CONNECTION:
      return QI_FAMILY_CONNECTION;
    case QNET_EVENT_START_SSL:
    case QNET_EVENT_SSL_ESTABLISHED:
      return QI_FAMILY_TLS;
    case QNET_EVENT_PACKET_READ:
    case QNET_EVENT_PACKET_SENT:
    case QNET_EVENT_SOCKET_DATA_READ:
    case QNET_EVENT_SOCKET_DATA_SENT:
    case QNET_EVENT_THROTTLED:
    case QNET_EVENT_UNTHROTTLED:
      return QI_FAMILY_DATA;
    case QNET_EVENT_HTTP_CONTENT_LENGTH:
    case QNET_EVENT_HTTP_CHUNKED_START:
    case QNET_EVENT_HTTP_CHUNKED_END:
    case QNET_EVENT_HTTP_REDIRECT:
    case QNET_EVENT_HTTP_SEND_MESSAGE:
    case QNET_EVENT_HTTP_MESSAGE_RECEIVED:
    case QNET_EVENT_HTTP_FOOTERS_RECEIVED:
    case QNET_EVENT_HTTP_CHUNKED_DATA_RECEIVED:
    case QNET_EVENT_HTTP_CHUNK_SIZE:
    case QNET_EVENT_HTTP_CHUNKED_DATA_READ:
    case QNET_EVENT_HTTP_CHUNKED_DATA_SENT:
    case QNET_EVENT_HTTP_FOOTERS_SENT:
    case QNET_EVENT_HTTP_HEADERS_READ:
    case QNET_EVENT_HTTP_RESPONSE_COMPLETE:
      return QI_FAMILY_HTTP;
    case QNET_EVENT_FTP_SEND_MESSAGE:
    case QNET_EVENT_FTP_MESSAGE_RECEIVED:
    case QNET_EVENT_FTP_TRANSFER_COMPLETE:
      return QI_FAMILY_FTP;
    case QNET_EVENT_OPEN_FILE:
    case QNET_EVENT_FILE_OPENED:
    case QNET_EVENT_DATA_READ:
    case QNET_EVENT_DATA_WRITTEN:
      return QI_FAMILY_FILE;
    case QNET_EVENT_CONNECT_FAILED:
    case QNET_EVENT_OPERATION_FAILED:
      return QI_FAMILY_ERROR;
    case QNET_EVENT_CHANNEL_CLOSED:
    case QNET_EVENT_DELETED:
    default:
      return QI_FAMILY_LIFECYCLE;
    }
}

static void
codes_init (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      for (guint code = 0; code < G_N_ELEMENTS (code_names); code++)
        {
          code_names[code] = qnet_event_code_to_signal_name ((QnetEventCode) code);
          if (code_names[code] != NULL && code_names[code][0] == '\0')
            code_names[code] = NULL;
          code_families[code] = (guint8) family_for_code (code);
        }
      g_once_init_leave (&once, 1);
    }
}

gboolean
qi_code_is_known (guint code)
{
  codes_init ();
  return code < G_N_ELEMENTS (code_names) && code_names[code] != NULL;
}

const char *
qi_code_get_name (guint code)
{
  static char unknown[256][16];
  static gsize once = 0;

  codes_init ();
  if (code < G_N_ELEMENTS (code_names) && code_names[code] != NULL)
    return code_names[code];

  if (g_once_init_enter (&once))
    {
      for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
        g_snprintf (unknown[i], sizeof unknown[i], "event-%u", i);
      g_once_init_leave (&once, 1);
    }
  return unknown[code & 0xff];
}

QiFamily
qi_code_get_family (guint code)
{
  codes_init ();
  if (code < G_N_ELEMENTS (code_families))
    return (QiFamily) code_families[code];
  return QI_FAMILY_LIFECYCLE;
}

const char *
qi_family_get_name (QiFamily family)
{
  switch (family)
    {
    case QI_FAMILY_DNS: return _("DNS");
    case QI_FAMILY_CONNECTION: return _("Connection");
    case QI_FAMILY_TLS: return _("TLS");
    case QI_FAMILY_DATA: return _("Data");
    case QI_FAMILY_HTTP: return _("HTTP");
    case QI_FAMILY_FTP: return _("FTP");
    case QI_FAMILY_FILE: return _("File");
    case QI_FAMILY_LIFECYCLE: return _("Lifecycle");
    case QI_FAMILY_ERROR: return _("Errors");
    case QI_N_FAMILIES:
    default:
      return "";
    }
}

const char *
qi_family_get_id (QiFamily family)
{
  static const char * const ids[QI_N_FAMILIES] = {
    "dns", "connection", "tls", "data", "http", "ftp", "file", "lifecycle", "error",
  };

  return family < QI_N_FAMILIES ? ids[family] : "";
}

const char *
qi_span_kind_get_name (QiSpanKind kind)
{
  switch (kind)
    {
    case QI_SPAN_DNS: return _("DNS lookup");
    case QI_SPAN_CONNECT: return _("Connecting");
    case QI_SPAN_TLS: return _("TLS handshake");
    case QI_SPAN_SEND: return _("Sending");
    case QI_SPAN_WAIT: return _("Waiting");
    case QI_SPAN_RECEIVE: return _("Receiving");
    case QI_SPAN_CHUNKED: return _("Chunked body");
    case QI_SPAN_FTP: return _("FTP command");
    case QI_SPAN_FILE: return _("File open");
    case QI_N_SPAN_KINDS:
    default:
      return "";
    }
}

/* Medium-lightness colours that stay readable on light and dark
 * backgrounds (GNOME palette where possible). */
static const guint32 family_rgb[QI_N_FAMILIES] = {
  [QI_FAMILY_DNS] = 0x2190a4,
  [QI_FAMILY_CONNECTION] = 0xe66100,
  [QI_FAMILY_TLS] = 0x9141ac,
  [QI_FAMILY_DATA] = 0xc88800,
  [QI_FAMILY_HTTP] = 0x3584e4,
  [QI_FAMILY_FTP] = 0x986a44,
  [QI_FAMILY_FILE] = 0x26a269,
  [QI_FAMILY_LIFECYCLE] = 0x8a8990,
  [QI_FAMILY_ERROR] = 0xe01b24,
};

static const guint32 span_rgb[QI_N_SPAN_KINDS] = {
  [QI_SPAN_DNS] = 0x2190a4,
  [QI_SPAN_CONNECT] = 0xe66100,
  [QI_SPAN_TLS] = 0x9141ac,
  [QI_SPAN_SEND] = 0x62a0ea,
  [QI_SPAN_WAIT] = 0x99c1f1,
  [QI_SPAN_RECEIVE] = 0x1c71d8,
  [QI_SPAN_CHUNKED] = 0x1a5fb4,
  [QI_SPAN_FTP] = 0x986a44,
  [QI_SPAN_FILE] = 0x26a269,
};

static void
split_rgb (guint32  rgb,
           double  *r,
           double  *g,
           double  *b)
{
  *r = ((rgb >> 16) & 0xff) / 255.0;
  *g = ((rgb >> 8) & 0xff) / 255.0;
  *b = (rgb & 0xff) / 255.0;
}

void
qi_family_get_rgb (QiFamily  family,
                   double   *r,
                   double   *g,
                   double   *b)
{
  split_rgb (family < QI_N_FAMILIES ? family_rgb[family] : 0x888888, r, g, b);
}

void
qi_span_kind_get_rgb (QiSpanKind  kind,
                      double     *r,
                      double     *g,
                      double     *b)
{
  split_rgb (kind < QI_N_SPAN_KINDS ? span_rgb[kind] : 0x888888, r, g, b);
}

QiFamily
qi_span_kind_get_family (QiSpanKind kind)
{
  switch (kind)
    {
    case QI_SPAN_DNS: return QI_FAMILY_DNS;
    case QI_SPAN_CONNECT: return QI_FAMILY_CONNECTION;
    case QI_SPAN_TLS: return QI_FAMILY_TLS;
    case QI_SPAN_SEND:
    case QI_SPAN_WAIT:
    case QI_SPAN_RECEIVE:
    case QI_SPAN_CHUNKED:
      return QI_FAMILY_HTTP;
    case QI_SPAN_FTP: return QI_FAMILY_FTP;
    case QI_SPAN_FILE: return QI_FAMILY_FILE;
    case QI_N_SPAN_KINDS:
    default:
      return QI_FAMILY_LIFECYCLE;
    }
}
