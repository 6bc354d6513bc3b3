/* qi-har.c: HTTP exchanges of a store as HAR 1.2
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One entry per request an HTTP client sent (an `http-send-message` whose
 * message is a request line). Phases follow the browser network timing:
 *   dns      hostname-lookup → hostname-resolved
 *   connect  connecting → connected (→ ssl-established: HAR counts TLS in it)
 *   ssl      start-ssl → ssl-established
 *   send     http-send-message → last packet-sent of the request
 *   wait     → http-message-received (final response headers)
 *   receive  → http-response-complete (or the connection's end)
 * `time` is the sum of the phases that apply (ssl only inside connect).
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "qi-har.h"
#include "qi-payload.h"

typedef struct {
  gint64 dns_b, dns_e;
  gint64 conn_b, conn_e;
  gint64 ssl_b, ssl_e;
  char  *server_ip;
} Phases;

typedef struct {
  gboolean active;
  Phases   phases;
  guint    request;        /* store event */
  gint64   send_b, send_e;
  gint64   sent_bytes;
  gboolean have_sent;
  guint    response;       /* store event or QI_NO_EVENT */
  gint64   headers_t;
  guint    complete;       /* store event or QI_NO_EVENT */
  gint64   end_t;
  guint    raw_headers;    /* http-headers-read, or QI_NO_EVENT */
  char    *error;
} Exchange;

typedef struct {
  gint64    started;
  JsonNode *node;
} Entry;

static void
phases_reset (Phases *ph)
{
  g_clear_pointer (&ph->server_ip, g_free);
  ph->dns_b = ph->dns_e = ph->conn_b = ph->conn_e = ph->ssl_b = ph->ssl_e = -1;
}

static void
format_iso8601_ms (GString *out,
                   gint64   us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  if (dt == NULL)
    {
      g_string_append (out, "1970-01-01T00:00:00.000Z");
      return;
    }
  g_string_append_printf (out, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt),
                          (int) ((us % G_USEC_PER_SEC) / 1000));
}

static double
ms (gint64 us)
{
  return us / 1000.0;
}

/* Finds a header (case-insensitive) in an a{sv} of headers; joins arrays. */
static char *
header_value (GVariant   *headers,
              const char *name)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (headers == NULL)
    return NULL;
  g_variant_iter_init (&iter, headers);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (g_ascii_strcasecmp (key, name) == 0)
        {
          char *ret = NULL;

          if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            ret = g_variant_dup_string (value, NULL);
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
            {
              g_autofree const char **strv = g_variant_get_strv (value, NULL);

              ret = g_strjoinv (", ", (char **) strv);
            }
          g_variant_unref (value);
          return ret;
        }
      g_variant_unref (value);
    }
  return NULL;
}

static gboolean
is_pseudo_header (const char *key)
{
  return strcmp (key, "http_version") == 0 || strcmp (key, "status_code") == 0 ||
         strcmp (key, "status_message") == 0 || strcmp (key, "method") == 0 ||
         strcmp (key, "path") == 0;
}

static void
add_name_value (JsonBuilder *b,
                const char  *name,
                const char  *value)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "value");
  json_builder_add_string_value (b, value);
  json_builder_end_object (b);
}

/* "headers": [{name, value}…]; repeated headers (arrays) give one each. */
static void
add_headers (JsonBuilder *b,
             GVariant    *headers)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  json_builder_set_member_name (b, "headers");
  json_builder_begin_array (b);
  if (headers != NULL)
    {
      g_variant_iter_init (&iter, headers);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          if (!is_pseudo_header (key))
            {
              if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
                add_name_value (b, key, g_variant_get_string (value, NULL));
              else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
                {
                  g_autofree const char **strv = g_variant_get_strv (value, NULL);

                  for (guint i = 0; strv[i] != NULL; i++)
                    add_name_value (b, key, strv[i]);
                }
              else
                {
                  g_autofree char *text = g_variant_print (value, FALSE);

                  add_name_value (b, key, text);
                }
            }
          g_variant_unref (value);
        }
    }
  json_builder_end_array (b);
}

static void
add_request_cookies (JsonBuilder *b,
                     const char  *cookie_header)
{
  json_builder_set_member_name (b, "cookies");
  json_builder_begin_array (b);
  if (cookie_header != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (cookie_header, ";", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *part = g_strstrip (parts[i]);
          char *eq = strchr (part, '=');

          if (part[0] == '\0')
            continue;
          if (eq != NULL)
            *eq = '\0';
          add_name_value (b, part, eq != NULL ? eq + 1 : "");
        }
    }
  json_builder_end_array (b);
}

static void
add_set_cookie (JsonBuilder *b,
                const char  *line)
{
  g_auto(GStrv) parts = g_strsplit (line, ";", -1);
  char *first = g_strstrip (parts[0]);
  char *eq = strchr (first, '=');

  if (first[0] == '\0')
    return;
  if (eq != NULL)
    *eq = '\0';
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, first);
  json_builder_set_member_name (b, "value");
  json_builder_add_string_value (b, eq != NULL ? eq + 1 : "");
  for (guint i = 1; parts[i] != NULL; i++)
    {
      char *attr = g_strstrip (parts[i]);
      char *aeq = strchr (attr, '=');
      const char *val = "";

      if (aeq != NULL)
        {
          *aeq = '\0';
          val = aeq + 1;
        }
      if (g_ascii_strcasecmp (attr, "path") == 0)
        {
          json_builder_set_member_name (b, "path");
          json_builder_add_string_value (b, val);
        }
      else if (g_ascii_strcasecmp (attr, "domain") == 0)
        {
          json_builder_set_member_name (b, "domain");
          json_builder_add_string_value (b, val);
        }
      else if (g_ascii_strcasecmp (attr, "expires") == 0)
        {
          json_builder_set_member_name (b, "expires");
          json_builder_add_string_value (b, val);
        }
      else if (g_ascii_strcasecmp (attr, "httponly") == 0)
        {
          json_builder_set_member_name (b, "httpOnly");
          json_builder_add_boolean_value (b, TRUE);
        }
      else if (g_ascii_strcasecmp (attr, "secure") == 0)
        {
          json_builder_set_member_name (b, "secure");
          json_builder_add_boolean_value (b, TRUE);
        }
    }
  json_builder_end_object (b);
}

static void
add_response_cookies (JsonBuilder *b,
                      GVariant    *headers)
{
  g_autoptr(GVariant) value = headers ? g_variant_lookup_value (headers, "set-cookie", NULL) : NULL;

  json_builder_set_member_name (b, "cookies");
  json_builder_begin_array (b);
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    add_set_cookie (b, g_variant_get_string (value, NULL));
  else if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **strv = g_variant_get_strv (value, NULL);

      for (guint i = 0; strv[i] != NULL; i++)
        add_set_cookie (b, strv[i]);
    }
  json_builder_end_array (b);
}

static void
add_query_string (JsonBuilder *b,
                  const char  *target)
{
  const char *q = strchr (target, '?');

  json_builder_set_member_name (b, "queryString");
  json_builder_begin_array (b);
  if (q != NULL)
    {
      g_autofree char *query = g_strdup (q + 1);
      char *hash = strchr (query, '#');
      g_auto(GStrv) pairs = NULL;

      if (hash != NULL)
        *hash = '\0';
      pairs = g_strsplit (query, "&", -1);
      for (guint i = 0; pairs[i] != NULL; i++)
        {
          char *eq = strchr (pairs[i], '=');
          g_autofree char *name = NULL;
          g_autofree char *value = NULL;

          if (pairs[i][0] == '\0')
            continue;
          if (eq != NULL)
            *eq = '\0';
          name = g_uri_unescape_string (pairs[i], NULL);
          value = eq != NULL ? g_uri_unescape_string (eq + 1, NULL) : g_strdup ("");
          add_name_value (b, name ? name : pairs[i], value ? value : (eq ? eq + 1 : ""));
        }
    }
  json_builder_end_array (b);
}

static gint64
request_headers_size (const char *message,
                      GVariant   *headers)
{
  gint64 size = strlen (message) + 2 + 2;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (headers == NULL)
    return size;
  g_variant_iter_init (&iter, headers);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        size += strlen (key) + 2 + strlen (g_variant_get_string (value, NULL)) + 2;
      g_variant_unref (value);
    }
  return size;
}

static void
finish_exchange (QiEventStore *store,
                 QiObject     *obj,
                 Exchange     *ex,
                 GArray       *entries)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *message = qi_event_store_dup_string (store, ex->request, QI_KEY_MESSAGE);
  g_autoptr(GVariant) req_headers = qi_event_store_dup_value (store, ex->request, QI_KEY_HEADERS);
  g_autoptr(GVariant) resp_headers = NULL;
  g_auto(GStrv) parts = NULL;
  const char *method, *target, *version;
  g_autofree char *url = NULL;
  g_autofree char *host = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *content_length = NULL;
  QiProcess *proc = qi_event_store_get_process (store, obj->process);
  GString *started = g_string_new (NULL);
  gint64 start, dns = -1, connect = -1, ssl = -1, blocked = -1, send, wait, receive;
  gint64 req_headers_size, req_body_size = -1;
  gint64 status = 0, body_size = -1, wire_size = -1;
  double total;
  Entry entry;

  if (req_headers != NULL && !g_variant_is_of_type (req_headers, G_VARIANT_TYPE_VARDICT))
    g_clear_pointer (&req_headers, g_variant_unref);
  if (ex->response != QI_NO_EVENT)
    {
      resp_headers = qi_event_store_dup_value (store, ex->response, QI_KEY_HEADERS);
      if (resp_headers != NULL && !g_variant_is_of_type (resp_headers, G_VARIANT_TYPE_VARDICT))
        g_clear_pointer (&resp_headers, g_variant_unref);
    }

  parts = g_strsplit (message ? message : "", " ", 3);
  method = parts[0] != NULL ? parts[0] : "GET";
  target = parts[0] != NULL && parts[1] != NULL ? parts[1] : "/";
  version = parts[0] != NULL && parts[1] != NULL && parts[2] != NULL ? parts[2] : "HTTP/1.1";

  host = header_value (req_headers, "Host");
  if (g_str_has_prefix (target, "http://") || g_str_has_prefix (target, "https://"))
    url = g_strdup (target);
  else
    url = g_strdup_printf ("%s://%s%s", obj->secure ? "https" : "http",
                           host != NULL ? host : (obj->label[0] ? obj->label : "localhost"),
                           target[0] == '/' ? target : "/");

  /* timings */
  start = ex->send_b;
  if (ex->phases.dns_b >= 0 && ex->phases.dns_e >= ex->phases.dns_b)
    {
      dns = ex->phases.dns_e - ex->phases.dns_b;
      start = MIN (start, ex->phases.dns_b);
    }
  if (ex->phases.conn_b >= 0 && ex->phases.conn_e >= ex->phases.conn_b)
    {
      gint64 conn_end = ex->phases.conn_e;

      if (ex->phases.ssl_b >= 0 && ex->phases.ssl_e >= ex->phases.ssl_b)
        {
          ssl = ex->phases.ssl_e - ex->phases.ssl_b;
          conn_end = MAX (conn_end, ex->phases.ssl_e);
        }
      connect = conn_end - ex->phases.conn_b;
      start = MIN (start, ex->phases.conn_b);
    }
  if (start < ex->send_b)
    blocked = MAX (0, ex->send_b - start - MAX (dns, 0) - MAX (connect, 0));
  send = MAX (0, ex->send_e - ex->send_b);
  if (ex->response != QI_NO_EVENT)
    {
      wait = MAX (0, ex->headers_t - ex->send_e);
      receive = MAX (0, ex->end_t - ex->headers_t);
    }
  else
    {
      wait = MAX (0, ex->end_t - ex->send_e);
      receive = 0;
    }
  total = ms (send) + ms (wait) + ms (receive) + (blocked >= 0 ? ms (blocked) : 0) +
          (dns >= 0 ? ms (dns) : 0) + (connect >= 0 ? ms (connect) : 0);

  req_headers_size = request_headers_size (message ? message : "", req_headers);
  if (ex->have_sent)
    req_body_size = MAX (0, ex->sent_bytes - req_headers_size);
  else if ((content_length = header_value (req_headers, "Content-Length")) != NULL)
    req_body_size = g_ascii_strtoll (content_length, NULL, 10);
  else
    req_body_size = 0;

  if (ex->complete != QI_NO_EVENT)
    {
      qi_event_store_lookup_int (store, ex->complete, QI_KEY_BODY_SIZE, &body_size);
      qi_event_store_lookup_int (store, ex->complete, QI_KEY_WIRE_SIZE, &wire_size);
    }
  if (resp_headers != NULL)
    g_variant_lookup (resp_headers, "status_code", "x", &status);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "startedDateTime");
  format_iso8601_ms (started, start);
  json_builder_add_string_value (b, started->str);
  json_builder_set_member_name (b, "time");
  json_builder_add_double_value (b, total);

  /* request */
  json_builder_set_member_name (b, "request");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, method);
  json_builder_set_member_name (b, "url");
  json_builder_add_string_value (b, url);
  json_builder_set_member_name (b, "httpVersion");
  json_builder_add_string_value (b, version);
  cookie = header_value (req_headers, "Cookie");
  add_request_cookies (b, cookie);
  add_headers (b, req_headers);
  add_query_string (b, target);
  json_builder_set_member_name (b, "headersSize");
  json_builder_add_int_value (b, req_headers_size);
  json_builder_set_member_name (b, "bodySize");
  json_builder_add_int_value (b, req_body_size);
  json_builder_end_object (b);

  /* response */
  json_builder_set_member_name (b, "response");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, status);
  json_builder_set_member_name (b, "statusText");
  {
    const char *text = NULL;

    if (resp_headers != NULL)
      g_variant_lookup (resp_headers, "status_message", "&s", &text);
    json_builder_add_string_value (b, text ? text : "");
  }
  json_builder_set_member_name (b, "httpVersion");
  {
    const char *v = NULL;
    g_autofree char *full = NULL;

    if (resp_headers != NULL)
      g_variant_lookup (resp_headers, "http_version", "&s", &v);
    full = v != NULL ? (g_str_has_prefix (v, "HTTP/") ? g_strdup (v) : g_strdup_printf ("HTTP/%s", v))
                     : g_strdup ("");
    json_builder_add_string_value (b, full);
  }
  add_response_cookies (b, resp_headers);
  add_headers (b, resp_headers);
  json_builder_set_member_name (b, "content");
  json_builder_begin_object (b);
  {
    g_autofree char *mime = header_value (resp_headers, "content-type");

    json_builder_set_member_name (b, "size");
    json_builder_add_int_value (b, body_size >= 0 ? body_size : MAX (wire_size, 0));
    if (body_size >= 0 && wire_size >= 0 && body_size > wire_size)
      {
        json_builder_set_member_name (b, "compression");
        json_builder_add_int_value (b, body_size - wire_size);
      }
    json_builder_set_member_name (b, "mimeType");
    json_builder_add_string_value (b, mime ? mime : "x-unknown");
  }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "redirectURL");
  {
    g_autofree char *location = header_value (resp_headers, "location");

    json_builder_add_string_value (b, location ? location : "");
  }
  json_builder_set_member_name (b, "headersSize");
  {
    gint64 hs = -1;

    if (ex->raw_headers != QI_NO_EVENT)
      {
        g_autofree char *raw = qi_event_store_dup_string (store, ex->raw_headers, QI_KEY_DATA);

        if (raw != NULL)
          hs = strlen (raw);
      }
    json_builder_add_int_value (b, hs);
  }
  json_builder_set_member_name (b, "bodySize");
  json_builder_add_int_value (b, status == 304 ? 0 : wire_size);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "cache");
  json_builder_begin_object (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "timings");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "blocked");
  json_builder_add_double_value (b, blocked >= 0 ? ms (blocked) : -1);
  json_builder_set_member_name (b, "dns");
  json_builder_add_double_value (b, dns >= 0 ? ms (dns) : -1);
  json_builder_set_member_name (b, "connect");
  json_builder_add_double_value (b, connect >= 0 ? ms (connect) : -1);
  json_builder_set_member_name (b, "send");
  json_builder_add_double_value (b, ms (send));
  json_builder_set_member_name (b, "wait");
  json_builder_add_double_value (b, ms (wait));
  json_builder_set_member_name (b, "receive");
  json_builder_add_double_value (b, ms (receive));
  json_builder_set_member_name (b, "ssl");
  json_builder_add_double_value (b, ssl >= 0 ? ms (ssl) : -1);
  json_builder_end_object (b);

  if (ex->phases.server_ip != NULL)
    {
      json_builder_set_member_name (b, "serverIPAddress");
      json_builder_add_string_value (b, ex->phases.server_ip);
    }
  json_builder_set_member_name (b, "connection");
  {
    g_autofree char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, obj->id);

    json_builder_add_string_value (b, id);
  }
  json_builder_set_member_name (b, "_qnet_pid");
  json_builder_add_int_value (b, proc->pid);
  json_builder_set_member_name (b, "_qnet_type");
  json_builder_add_string_value (b, obj->type_name);
  if (ex->error != NULL)
    {
      json_builder_set_member_name (b, "_error");
      json_builder_add_string_value (b, ex->error);
    }
  json_builder_end_object (b);

  entry.started = start;
  entry.node = json_builder_get_root (b);
  g_array_append_val (entries, entry);
  g_string_free (started, TRUE);
  g_clear_pointer (&ex->error, g_free);
  phases_reset (&ex->phases);
  ex->active = FALSE;
}

static void
collect_object (QiEventStore *store,
                QiObject     *obj,
                GArray       *entries)
{
  Phases pending = { 0, };
  Exchange ex = { 0, };

  phases_reset (&pending);
  phases_reset (&ex.phases);

  for (guint i = 0; i < obj->events->len; i++)
    {
      guint index = g_array_index (obj->events, guint32, i);
      const QiRecord *rec = qi_event_store_get_record (store, index);
      gint64 v;

      switch (rec->code)
        {
        case QNET_EVENT_HOSTNAME_LOOKUP:
          pending.dns_b = rec->t;
          pending.dns_e = -1;
          break;
        case QNET_EVENT_HOSTNAME_RESOLVED:
          if (pending.dns_b >= 0 && pending.dns_e < 0)
            pending.dns_e = rec->t;
          break;
        case QNET_EVENT_CONNECTING:
          if (pending.dns_b >= 0 && pending.dns_e < 0)
            pending.dns_e = rec->t;
          if (pending.conn_b < 0)
            pending.conn_b = rec->t;
          g_free (pending.server_ip);
          pending.server_ip = qi_event_store_dup_string (store, index, QI_KEY_ADDRESS);
          break;
        case QNET_EVENT_CONNECTED:
          pending.conn_e = rec->t;
          break;
        case QNET_EVENT_START_SSL:
          pending.ssl_b = rec->t;
          break;
        case QNET_EVENT_SSL_ESTABLISHED:
          pending.ssl_e = rec->t;
          break;
        case QNET_EVENT_HTTP_SEND_MESSAGE:
          {
            g_autofree char *msg = qi_event_store_dup_string (store, index, QI_KEY_MESSAGE);

            if (msg == NULL || g_str_has_prefix (msg, "HTTP/"))
              break;
            if (ex.active)
              {
                ex.end_t = rec->t;
                finish_exchange (store, obj, &ex, entries);
              }
            memset (&ex, 0, sizeof ex);
            ex.active = TRUE;
            ex.phases = pending;
            memset (&pending, 0, sizeof pending);
            phases_reset (&pending);
            ex.request = index;
            ex.send_b = ex.send_e = ex.headers_t = ex.end_t = rec->t;
            ex.response = ex.complete = ex.raw_headers = QI_NO_EVENT;
          }
          break;
        case QNET_EVENT_PACKET_SENT:
          if (ex.active && ex.response == QI_NO_EVENT)
            {
              ex.send_e = rec->t;
              if (qi_event_store_lookup_int (store, index, QI_KEY_SENT, &v) && v > 0)
                ex.sent_bytes += v;
              ex.have_sent = TRUE;
            }
          break;
        case QNET_EVENT_HTTP_HEADERS_READ:
          if (ex.active)
            ex.raw_headers = index;
          break;
        case QNET_EVENT_HTTP_MESSAGE_RECEIVED:
          if (ex.active)
            {
              g_autoptr(GVariant) headers = qi_event_store_dup_value (store, index, QI_KEY_HEADERS);
              gint64 status = 0;

              if (headers != NULL && g_variant_is_of_type (headers, G_VARIANT_TYPE_VARDICT) &&
                  g_variant_lookup (headers, "status_code", "x", &status) && status >= 200)
                {
                  ex.response = index;
                  ex.headers_t = ex.end_t = rec->t;
                }
            }
          break;
        case QNET_EVENT_PACKET_READ:
          if (ex.active && ex.response != QI_NO_EVENT)
            ex.end_t = rec->t;
          break;
        case QNET_EVENT_HTTP_RESPONSE_COMPLETE:
          if (ex.active)
            {
              ex.complete = index;
              ex.end_t = rec->t;
              finish_exchange (store, obj, &ex, entries);
            }
          break;
        case QNET_EVENT_OPERATION_FAILED:
        case QNET_EVENT_CONNECT_FAILED:
          if (ex.active)
            {
              ex.error = qi_event_store_dup_string (store, index,
                                                    rec->code == QNET_EVENT_CONNECT_FAILED
                                                    ? QI_KEY_ERROR : QI_KEY_MESSAGE);
              ex.end_t = rec->t;
              finish_exchange (store, obj, &ex, entries);
            }
          break;
        case QNET_EVENT_CHANNEL_CLOSED:
          if (ex.active && ex.response != QI_NO_EVENT)
            {
              ex.end_t = rec->t;
              finish_exchange (store, obj, &ex, entries);
            }
          break;
        default:
          break;
        }
    }
  if (ex.active)
    finish_exchange (store, obj, &ex, entries);
  phases_reset (&pending);
  phases_reset (&ex.phases);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a, *eb = b;

  return ea->started < eb->started ? -1 : ea->started > eb->started;
}

/**
 * qi_har_build:
 * @store: a store
 * @n_entries: (out) (optional): the number of entries
 *
 * Returns: (transfer full): the HAR document (`{"log": …}`)
 */
JsonNode *
qi_har_build (QiEventStore *store,
              guint        *n_entries)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));

  for (guint i = 0; i < qi_event_store_get_n_objects (store); i++)
    collect_object (store, qi_event_store_get_object (store, i), entries);
  g_array_sort (entries, compare_entries);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "log");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, "1.2");
  json_builder_set_member_name (b, "creator");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, "qnet-inspector");
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, PACKAGE_VERSION);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "pages");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < entries->len; i++)
    json_builder_add_value (b, g_array_index (entries, Entry, i).node);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  if (n_entries != NULL)
    *n_entries = entries->len;
  return json_builder_get_root (b);
}

char *
qi_har_to_string (QiEventStore *store,
                  guint        *n_entries)
{
  g_autoptr(JsonNode) root = qi_har_build (store, n_entries);
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

gboolean
qi_har_write (QiEventStore  *store,
              const char    *path,
              guint         *n_entries,
              GError       **error)
{
  g_autofree char *text = qi_har_to_string (store, n_entries);

  return g_file_set_contents (path, text, -1, error);
}
