/* qi-format.c: human-readable text for events, durations and sizes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qi-format.h"
#include "qi-payload.h"

char *
qi_format_duration (gint64 us)
{
  double a = (double) ABS (us);

  if (us < 0)
    return g_strdup ("—");
  if (a < 1000)
    return g_strdup_printf (_("%lld µs"), (long long) us);
  if (a < 1000 * 1000)
    return g_strdup_printf (_("%.2f ms"), us / 1000.0);
  if (a < 60.0 * 1000 * 1000)
    return g_strdup_printf (_("%.3f s"), us / 1e6);
  return g_strdup_printf (_("%.1f s"), us / 1e6);
}

char *
qi_format_offset (gint64 us)
{
  return g_strdup_printf ("%+.6f", us / 1e6);
}

char *
qi_format_bytes (gint64 bytes)
{
  if (bytes < 0)
    return g_strdup ("—");
  if (bytes < 10000)
    return g_strdup_printf (_("%lld B"), (long long) bytes);
  return g_format_size_full ((guint64) bytes, G_FORMAT_SIZE_IEC_UNITS);
}

char *
qi_format_wall_time (gint64 us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *base = NULL;

  if (utc == NULL)
    return g_strdup ("?");
  local = g_date_time_to_local (utc);
  base = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
  return g_strdup_printf ("%s.%06d", base, (int) (((us % G_USEC_PER_SEC) + G_USEC_PER_SEC) % G_USEC_PER_SEC));
}

static void
append_str (GString      *out,
            const guint8 *p,
            const guint8 *e,
            QiKey         key)
{
  const char *s;
  gsize len;

  if (qi_payload_get_string (p, e, key, &s, &len))
    g_string_append_len (out, s, MIN (len, 512));
}

static gboolean
get_int (const guint8 *p,
         const guint8 *e,
         QiKey         key,
         gint64       *v)
{
  return qi_payload_get_int (p, e, key, v);
}

static void
append_progress (GString      *out,
                 const guint8 *p,
                 const guint8 *e,
                 QiKey         n_key,
                 QiKey         total_key,
                 QiKey         total_to_key)
{
  gint64 n = 0, total = 0, total_to = -1;

  get_int (p, e, n_key, &n);
  g_string_append_printf (out, _("%lld B"), (long long) n);
  if (get_int (p, e, total_key, &total))
    {
      if (get_int (p, e, total_to_key, &total_to) && total_to >= 0)
        g_string_append_printf (out, _(" (%lld of %lld)"), (long long) total, (long long) total_to);
      else
        g_string_append_printf (out, _(" (total %lld)"), (long long) total);
    }
}

static void
append_http_head (GString      *out,
                  const guint8 *p,
                  const guint8 *e)
{
  const guint8 *headers, *v;
  const char *s;
  gsize len;
  gint64 code;
  guint n = 0;

  if (!qi_payload_find (p, e, QI_KEY_HEADERS, &headers))
    return;
  if (qi_payload_dict_lookup (headers, e, "status_code", &v) && qi_payload_value_int (v, e, &code))
    {
      if (qi_payload_dict_lookup (headers, e, "http_version", &v) && qi_payload_value_string (v, e, &s, &len))
        g_string_append_printf (out, "HTTP/%.*s ", (int) MIN (len, 16), s);
      g_string_append_printf (out, "%" G_GINT64_FORMAT, code);
      if (qi_payload_dict_lookup (headers, e, "status_message", &v) && qi_payload_value_string (v, e, &s, &len))
        g_string_append_printf (out, " %.*s", (int) MIN (len, 128), s);
    }
  else
    {
      if (qi_payload_dict_lookup (headers, e, "method", &v) && qi_payload_value_string (v, e, &s, &len))
        g_string_append_printf (out, "%.*s ", (int) MIN (len, 32), s);
      if (qi_payload_dict_lookup (headers, e, "path", &v) && qi_payload_value_string (v, e, &s, &len))
        g_string_append_printf (out, "%.*s", (int) MIN (len, 256), s);
    }
  /* count the header fields */
  {
    g_autoptr(GVariant) dict = qi_payload_value_to_variant (headers, e);

    if (dict != NULL)
      {
        g_variant_ref_sink (dict);
        n = g_variant_n_children (dict);
      }
  }
  if (n > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " · %u field", " · %u fields", n), n);
}

/**
 * qi_event_store_dup_summary:
 * @self: a store
 * @index: an event
 *
 * Returns: (transfer full): a one-line summary of the event's keys
 */
char *
qi_event_store_dup_summary (QiEventStore *self,
                            guint         index)
{
  const QiRecord *rec = qi_event_store_get_record (self, index);
  const guint8 *p = qi_event_store_get_payload (self, rec);
  const guint8 *e = p + rec->len;
  GString *out = g_string_new (NULL);
  gint64 v;

  switch (rec->code)
    {
    case QNET_EVENT_PACKET_READ:
      append_progress (out, p, e, QI_KEY_READ, QI_KEY_TOTAL_READ, QI_KEY_TOTAL_TO_READ);
      break;
    case QNET_EVENT_PACKET_SENT:
      append_progress (out, p, e, QI_KEY_SENT, QI_KEY_TOTAL_SENT, QI_KEY_TOTAL_TO_SEND);
      if (get_int (p, e, QI_KEY_SOCKET, &v))
        g_string_append_printf (out, _(" · fd %lld"), (long long) v);
      break;
    case QNET_EVENT_DATA_READ:
    case QNET_EVENT_HTTP_CHUNKED_DATA_RECEIVED:
      append_progress (out, p, e, QI_KEY_READ, QI_KEY_TOTAL_READ, QI_KEY_TOTAL_TO_READ);
      break;
    case QNET_EVENT_DATA_WRITTEN:
      append_progress (out, p, e, QI_KEY_WRITTEN, QI_KEY_TOTAL_WRITTEN, QI_KEY_TOTAL_TO_WRITE);
      break;
    case QNET_EVENT_HTTP_CONTENT_LENGTH:
      if (get_int (p, e, QI_KEY_LEN, &v))
        g_string_append_printf (out, "Content-Length: %" G_GINT64_FORMAT, v);
      break;
    case QNET_EVENT_HTTP_REDIRECT:
      g_string_append (out, "→ ");
      append_str (out, p, e, QI_KEY_LOCATION);
      if (qi_payload_find (p, e, QI_KEY_STATUS_MESSAGE, &(const guint8 *) { NULL }))
        {
          g_string_append (out, " (");
          append_str (out, p, e, QI_KEY_STATUS_MESSAGE);
          g_string_append (out, ")");
        }
      break;
    case QNET_EVENT_FTP_SEND_MESSAGE:
      append_str (out, p, e, QI_KEY_COMMAND);
      if (qi_payload_find (p, e, QI_KEY_ARG, &(const guint8 *) { NULL }))
        {
          g_string_append_c (out, ' ');
          append_str (out, p, e, QI_KEY_ARG);
        }
      break;
    case QNET_EVENT_FTP_MESSAGE_RECEIVED:
      if (get_int (p, e, QI_KEY_CODE, &v))
        g_string_append_printf (out, "%" G_GINT64_FORMAT " ", v);
      append_str (out, p, e, QI_KEY_MESSAGE);
      break;
    case QNET_EVENT_HOSTNAME_LOOKUP:
      append_str (out, p, e, QI_KEY_NAME);
      if (qi_payload_find (p, e, QI_KEY_SERVICE, &(const guint8 *) { NULL }))
        {
          g_string_append_c (out, ':');
          append_str (out, p, e, QI_KEY_SERVICE);
        }
      break;
    case QNET_EVENT_HOSTNAME_RESOLVED:
      append_str (out, p, e, QI_KEY_ADDRESS);
      g_string_append (out, " (");
      append_str (out, p, e, QI_KEY_TYPENAME);
      g_string_append (out, ")");
      if (get_int (p, e, QI_KEY_PORT, &v) && v >= 0)
        g_string_append_printf (out, _(" port %lld"), (long long) v);
      break;
    case QNET_EVENT_HTTP_SEND_MESSAGE:
      {
        g_autoptr(GVariant) headers = NULL;
        const guint8 *hv;

        append_str (out, p, e, QI_KEY_MESSAGE);
        if (qi_payload_find (p, e, QI_KEY_HEADERS, &hv))
          {
            headers = qi_payload_value_to_variant (hv, e);
            if (headers != NULL)
              {
                guint n;

                g_variant_ref_sink (headers);
                n = g_variant_n_children (headers);
                if (n > 0)
                  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " · %u field", " · %u fields", n), n);
              }
          }
      }
      break;
    case QNET_EVENT_HTTP_MESSAGE_RECEIVED:
    case QNET_EVENT_HTTP_FOOTERS_RECEIVED:
    case QNET_EVENT_HTTP_FOOTERS_SENT:
      append_http_head (out, p, e);
      break;
    case QNET_EVENT_HTTP_CHUNK_SIZE:
      if (get_int (p, e, QI_KEY_SIZE, &v))
        g_string_append_printf (out, _("next chunk %lld B"), (long long) v);
      if (get_int (p, e, QI_KEY_TOTAL_READ, &v))
        g_string_append_printf (out, _(" (total %lld)"), (long long) v);
      break;
    case QNET_EVENT_CONNECTING:
      append_str (out, p, e, QI_KEY_ADDRESS);
      if (get_int (p, e, QI_KEY_PORT, &v) && v >= 0)
        g_string_append_printf (out, ":%" G_GINT64_FORMAT, v);
      g_string_append (out, " (");
      append_str (out, p, e, QI_KEY_TARGET);
      g_string_append (out, ")");
      break;
    case QNET_EVENT_SSL_ESTABLISHED:
      append_str (out, p, e, QI_KEY_CIPHER);
      g_string_append (out, " · ");
      append_str (out, p, e, QI_KEY_CIPHER_VERSION);
      break;
    case QNET_EVENT_OPEN_FILE:
    case QNET_EVENT_FILE_OPENED:
      append_str (out, p, e, QI_KEY_FILENAME);
      if (get_int (p, e, QI_KEY_FLAGS, &v))
        g_string_append_printf (out, _(" · flags 0x%llx"), (unsigned long long) v);
      break;
    case QNET_EVENT_HTTP_CHUNKED_DATA_READ:
    case QNET_EVENT_HTTP_CHUNKED_DATA_SENT:
    case QNET_EVENT_SOCKET_DATA_READ:
    case QNET_EVENT_SOCKET_DATA_SENT:
    case QNET_EVENT_HTTP_HEADERS_READ:
      {
        g_autoptr(GVariant) data = qi_event_store_dup_value (self, index, QI_KEY_DATA);

        if (data != NULL && g_variant_is_of_type (data, G_VARIANT_TYPE_BYTESTRING))
          g_string_append_printf (out, _("%lu B"), (unsigned long) g_variant_get_size (data));
        else if (data != NULL && g_variant_is_of_type (data, G_VARIANT_TYPE_STRING))
          g_string_append_printf (out, _("%lu characters"),
                                  (unsigned long) strlen (g_variant_get_string (data, NULL)));
      }
      break;
    case QNET_EVENT_CONNECT_FAILED:
      append_str (out, p, e, QI_KEY_TARGET);
      g_string_append (out, ": ");
      append_str (out, p, e, QI_KEY_ERROR);
      break;
    case QNET_EVENT_INCOMING_CONNECTION:
      g_string_append (out, _("from "));
      append_str (out, p, e, QI_KEY_PEER_ADDRESS);
      if (get_int (p, e, QI_KEY_PEER_PORT, &v))
        g_string_append_printf (out, ":%" G_GINT64_FORMAT, v);
      if (get_int (p, e, QI_KEY_CONNECTION_ID, &v))
        g_string_append_printf (out, _(" → #%lld"), (long long) v);
      break;
    case QNET_EVENT_THROTTLED:
    case QNET_EVENT_UNTHROTTLED:
      if (get_int (p, e, QI_KEY_QUEUED, &v))
        g_string_append_printf (out, _("%lld B queued"), (long long) v);
      break;
    case QNET_EVENT_OPERATION_FAILED:
      append_str (out, p, e, QI_KEY_OPERATION);
      g_string_append (out, ": ");
      append_str (out, p, e, QI_KEY_MESSAGE);
      break;
    case QNET_EVENT_HTTP_RESPONSE_COMPLETE:
      if (get_int (p, e, QI_KEY_STATUS_CODE, &v))
        g_string_append_printf (out, _("status %lld"), (long long) v);
      if (get_int (p, e, QI_KEY_BODY_SIZE, &v))
        g_string_append_printf (out, _(" · body %lld B"), (long long) v);
      if (get_int (p, e, QI_KEY_WIRE_SIZE, &v))
        g_string_append_printf (out, _(" · wire %lld B"), (long long) v);
      break;
    case QNET_EVENT_FTP_TRANSFER_COMPLETE:
      append_str (out, p, e, QI_KEY_COMMAND);
      if (get_int (p, e, QI_KEY_BYTES, &v))
        g_string_append_printf (out, _(" · %lld B"), (long long) v);
      break;
    default:
      break;
    }

  /* no newlines in a one-line summary */
  for (gsize i = 0; i < out->len; i++)
    if (out->str[i] == '\n' || out->str[i] == '\r' || out->str[i] == '\t')
      out->str[i] = ' ';
  return g_string_free (out, FALSE);
}

const char *
qi_format_text_header (void)
{
  return _("      TIME (s)      PID  OBJECT                                    EVENT                       SUMMARY");
}

static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  glong n = g_utf8_strlen (text, -1);

  if ((guint) n > width)
    {
      const char *cut = g_utf8_offset_to_pointer (text, width - 1);

      g_string_append_len (out, text, cut - text);
      g_string_append (out, "…");
    }
  else
    {
      g_string_append (out, text);
      for (guint i = n; i < width; i++)
        g_string_append_c (out, ' ');
    }
}

char *
qi_format_text_line (QiEventStore *store,
                     guint         index,
                     gint64        origin_us)
{
  const QiRecord *rec = qi_event_store_get_record (store, index);
  QiObject *obj = qi_event_store_get_object (store, rec->object);
  QiProcess *proc = qi_event_store_get_process (store, obj->process);
  g_autofree char *title = qi_event_store_dup_object_title (store, rec->object);
  g_autofree char *summary = qi_event_store_dup_summary (store, index);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%14.6f %8" G_GINT64_FORMAT "  ", (rec->t - origin_us) / 1e6, proc->pid);
  append_padded (out, title, 40);
  g_string_append (out, "  ");
  append_padded (out, qi_code_get_name (rec->code), 26);
  g_string_append (out, "  ");
  g_string_append (out, summary);
  return g_string_free (out, FALSE);
}
