/* qnet-http-client-redirect.c: QnetHttpClient follows redirects
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A 3xx response (not 304) with one Location (repeated identical values
 * count as one): `http-redirect` is raised, then the limit is checked;
 * the body is read and dropped when short (the connection is kept) or
 * the connection is closed; the location is resolved against the current
 * URL (RFC 3986), must be http or https, and the method and body follow
 * RFC 9110 §15.4 (301/302 POST and 303 become GET, 307/308 repeat).
 * Credentials do not follow across origins.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "qnet-http-client-request-private.h"

/* ---- Redirects -------------------------------------------------------------------- */

static void
redirect_follow (QnetHttpRequestOp *op)
{
  guint status = qnet_http_head_get_status_code (op->head);
  /* All Location values are the same (checked before http-redirect). */
  g_auto(GStrv) locations = qnet_http_head_get_header_values (op->head, "Location");
  const char *location = locations[0];
  GError *error = NULL;
  QnetUrl *next;
  gboolean same_origin;

  next = qnet_url_resolve (op->url, location, &error);
  if (next == NULL)
    {
      GError *wrapped = g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT,
                                     _("Could not follow the redirect to “%s”: %s"),
                                     location, error->message);

      g_error_free (error);
      _qnet_http_request_fail (op, wrapped);
      return;
    }
  if (g_strcmp0 (next->scheme, "http") != 0 && g_strcmp0 (next->scheme, "https") != 0)
    {
      GError *scheme_error = g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT,
                                          _("Refusing to follow a redirect to a “%s” URL"),
                                          next->scheme);

      qnet_url_free (next);
      _qnet_http_request_fail (op, scheme_error);
      return;
    }

  if (status == 307 || status == 308)
    {
      if (op->body_stream != NULL)
        {
          qnet_url_free (next);
          _qnet_http_request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT,
                                         _("Could not follow the redirect to “%s”: %s"), location,
                                         _("a body read from a stream cannot be sent again")));
          return;
        }
    }
  else if ((status == 303 && strcmp (op->method, "HEAD") != 0) ||
           ((status == 301 || status == 302) && strcmp (op->method, "POST") == 0))
    {
      g_free (op->method);
      op->method = g_strdup ("GET");
      g_clear_pointer (&op->body, g_bytes_unref);
      g_clear_object (&op->body_stream);
      _qnet_http_header_list_remove (&op->user_headers, "Content-Type");
      _qnet_http_header_list_remove (&op->user_headers, "Content-Length");
      _qnet_http_header_list_remove (&op->user_headers, "Content-Encoding");
      _qnet_http_header_list_remove (&op->user_headers, "Transfer-Encoding");
    }

  same_origin = qnet_url_same_origin (op->url, next);
  if (!same_origin)
    {
      op->cross_origin = TRUE;
      _qnet_http_header_list_remove (&op->user_headers, "Authorization");
      _qnet_http_header_list_remove (&op->user_headers, "Cookie");
    }
  if (op->cross_origin)
    {
      g_clear_pointer (&next->user, g_free);
      g_clear_pointer (&next->password, g_free);
    }

  qnet_url_free (op->url);
  op->url = next;
  op->url_cached = FALSE;
  _qnet_http_request_describe_target (op);
  op->redirects++;
  _qnet_http_request_set_head (op, NULL);
  op->reused = FALSE;
  op->retried = FALSE;
  _qnet_http_request_connection (op);
}

static void
redirect_body_done (gpointer            data,
                    QnetHttpBodyResult *result,
                    GError             *error)
{
  QnetHttpRequestOp *op = data;

  _qnet_http_request_body_end_events (op);
  if (error != NULL)
    {
      /* The redirect stands; only the connection is lost. */
      g_error_free (error);
      _qnet_http_request_drop_connection (op);
    }
  else
    {
      _qnet_http_request_complete_event (op, result);
      _qnet_http_request_settle_connection (op);
    }
  redirect_follow (op);
}

void
_qnet_http_request_redirect (QnetHttpRequestOp *op)
{
  QnetHttpClientPrivate *priv = op_priv (op);
  guint status = qnet_http_head_get_status_code (op->head);
  g_auto(GStrv) locations = qnet_http_head_get_header_values (op->head, "Location");
  QnetHttpBodySpec spec;

  if (locations[0] == NULL)
    {
      _qnet_http_request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT,
                                     _("The server answered %u without a Location to redirect to"),
                                     status));
      return;
    }
  for (guint i = 1; locations[i] != NULL; i++)
    {
      if (strcmp (locations[i], locations[0]) != 0)
        {
          _qnet_http_request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_REDIRECT,
                                         _("The server answered %u with conflicting Location headers"),
                                         status));
          return;
        }
    }

  _qnet_emitter_emit_full (op_emitter (op), QNET_EVENT_SOURCE_HTTP_CLIENT, QNET_EVENT_HTTP_REDIRECT,
                           locations[0], qnet_http_head_get_reason (op->head));

  if (op->redirects >= priv->max_redirects)
    {
      _qnet_http_request_fail (op, g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_MAX_REDIRECTS,
                                     _("More than %u redirects (the last to “%s”)"),
                                     priv->max_redirects, locations[0]));
      return;
    }

  /* Drop the body: read it when it is small enough to keep the
   * connection, else close. */
  if (op->framing.body == QNET_HTTP_BODY_UNTIL_CLOSE ||
      (op->framing.body == QNET_HTTP_BODY_CONTENT_LENGTH && op->framing.content_length > QNET_HTTP_MAX_DISCARD))
    {
      _qnet_http_request_drop_connection (op);
      redirect_follow (op);
      return;
    }

  memset (&spec, 0, sizeof spec);
  spec.framing = op->framing;
  spec.source = QNET_EVENT_SOURCE_HTTP_CLIENT;
  spec.client_events = TRUE;
  spec.discard = TRUE;
  spec.max_memory = QNET_HTTP_MAX_DISCARD;
  _qnet_http_request_body_start_events (op);
  _qnet_http_read_body (op_socket (op), &spec, -1, op_cancellable (op), redirect_body_done, op);
}
