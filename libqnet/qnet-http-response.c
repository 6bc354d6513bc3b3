/* qnet-http-response.c: one HTTP response received by QnetHttpClient
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "qnet-http-client-private.h"

/**
 * QnetHttpResponse:
 *
 * A response received by [class@Qnet.HttpClient]: status line, headers,
 * the trailer fields of a chunked body, and the (decoded) body.
 *
 * ```c
 * g_autoptr(QnetHttpResponse) response = qnet_http_client_get (client, "/", NULL, NULL, &error);
 * g_autofree char *type = qnet_http_response_get_header (response, "content-type");
 * GBytes *body = qnet_http_response_get_body (response);
 * ```
 *
 * [property@Qnet.HttpResponse:headers] has the shape of the
 * `http-message-received` event hash: `http_version`, `status_code`,
 * `status_message` (when the status line has a reason), then one key per
 * header with its lower-cased name; a repeated header is an array of
 * strings in arrival order.
 *
 * A response is immutable once the client returned it.
 *
 * Since: 1.0
 */

struct _QnetHttpResponse
{
  GObject       parent_instance;

  QnetHttpHead *head;            /* (owned) */
  QnetHttpHead *trailers;        /* (owned) (nullable) */
  GVariant     *headers;         /* (owned) (nullable): made on first use */
  GVariant     *trailers_variant;/* (owned) (nullable): made on first use */
  GBytes       *body;            /* (owned) (nullable) */
  char         *url;             /* (owned) */
  guint         redirect_count;
  gint64        body_size;
  gint64        wire_size;
};

G_DEFINE_FINAL_TYPE (QnetHttpResponse, qnet_http_response, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS_CODE,
  PROP_STATUS_MESSAGE,
  PROP_HTTP_VERSION,
  PROP_URL,
  PROP_REDIRECT_COUNT,
  PROP_HEADERS,
  PROP_TRAILERS,
  PROP_BODY,
  PROP_BODY_SIZE,
  PROP_WIRE_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
qnet_http_response_finalize (GObject *object)
{
  QnetHttpResponse *self = QNET_HTTP_RESPONSE (object);

  g_clear_pointer (&self->head, qnet_http_head_free);
  g_clear_pointer (&self->trailers, qnet_http_head_free);
  g_clear_pointer (&self->headers, g_variant_unref);
  g_clear_pointer (&self->trailers_variant, g_variant_unref);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->url);

  G_OBJECT_CLASS (qnet_http_response_parent_class)->finalize (object);
}

static void
qnet_http_response_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  QnetHttpResponse *self = QNET_HTTP_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_STATUS_CODE:
      g_value_set_uint (value, qnet_http_response_get_status_code (self));
      break;
    case PROP_STATUS_MESSAGE:
      g_value_set_string (value, qnet_http_response_get_status_message (self));
      break;
    case PROP_HTTP_VERSION:
      g_value_set_string (value, qnet_http_response_get_http_version (self));
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_REDIRECT_COUNT:
      g_value_set_uint (value, self->redirect_count);
      break;
    case PROP_HEADERS:
      g_value_set_variant (value, qnet_http_response_get_headers (self));
      break;
    case PROP_TRAILERS:
      g_value_set_variant (value, qnet_http_response_get_trailers (self));
      break;
    case PROP_BODY:
      g_value_set_boxed (value, self->body);
      break;
    case PROP_BODY_SIZE:
      g_value_set_int64 (value, self->body_size);
      break;
    case PROP_WIRE_SIZE:
      g_value_set_int64 (value, self->wire_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_http_response_class_init (QnetHttpResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qnet_http_response_finalize;
  object_class->get_property = qnet_http_response_get_property;

  /**
   * QnetHttpResponse:status-code:
   *
   * The status code, 100 to 599.
   *
   * Since: 1.0
   */
  properties[PROP_STATUS_CODE] =
    g_param_spec_uint ("status-code", NULL, NULL, 0, 999, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetHttpResponse:status-message:
   *
   * The reason phrase of the status line, or %NULL when it had none.
   *
   * Since: 1.0
   */
  properties[PROP_STATUS_MESSAGE] =
    g_param_spec_string ("status-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetHttpResponse:http-version:
   *
   * The HTTP version of the response, `"1.0"` or `"1.1"`.
   *
   * Since: 1.0
   */
  properties[PROP_HTTP_VERSION] =
    g_param_spec_string ("http-version", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetHttpResponse:url:
   *
   * The URL this response came from: the final one, after redirects
   * (without the password).
   *
   * Since: 1.0
   */
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetHttpResponse:redirect-count:
   *
   * How many redirects were followed to get this response.
   *
   * Since: 1.0
   */
  properties[PROP_REDIRECT_COUNT] =
    g_param_spec_uint ("redirect-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetHttpResponse:headers:
   *
   * The header block as an `a{sv}`, in the shape of the
   * `http-message-received` event.
   *
   * Since: 1.0
   */
  properties[PROP_HEADERS] =
    g_param_spec_variant ("headers", NULL, NULL, G_VARIANT_TYPE_VARDICT, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetHttpResponse:trailers:
   *
   * The trailer fields after a chunked body (`a{sv}`, lower-cased
   * names), or %NULL when there were none.
   *
   * Since: 1.0
   */
  properties[PROP_TRAILERS] =
    g_param_spec_variant ("trailers", NULL, NULL, G_VARIANT_TYPE_VARDICT, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetHttpResponse:body:
   *
   * The decoded body, or %NULL when it was written to a stream
   * ([method@Qnet.HttpClient.send_to_stream]) or the response had none.
   *
   * Since: 1.0
   */
  properties[PROP_BODY] =
    g_param_spec_boxed ("body", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetHttpResponse:body-size:
   *
   * The decoded body bytes delivered (to memory or to the stream).
   *
   * Since: 1.0
   */
  properties[PROP_BODY_SIZE] =
    g_param_spec_int64 ("body-size", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetHttpResponse:wire-size:
   *
   * The body bytes received from the network (before decoding; chunk
   * framing excluded).
   *
   * Since: 1.0
   */
  properties[PROP_WIRE_SIZE] =
    g_param_spec_int64 ("wire-size", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qnet_http_response_init (QnetHttpResponse *self)
{
}

/* Takes @head. */
QnetHttpResponse *
_qnet_http_response_new (QnetHttpHead *head,
                         const char   *url,
                         guint         redirect_count)
{
  QnetHttpResponse *self = g_object_new (QNET_TYPE_HTTP_RESPONSE, NULL);

  self->head = head;
  self->url = g_strdup (url);
  self->redirect_count = redirect_count;
  return self;
}

void
_qnet_http_response_set_body (QnetHttpResponse *self,
                              GBytes           *body,
                              gint64            body_size,
                              gint64            wire_size)
{
  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = body != NULL ? g_bytes_ref (body) : NULL;
  self->body_size = body_size;
  self->wire_size = wire_size;
}

void
_qnet_http_response_set_trailers (QnetHttpResponse   *self,
                                  const QnetHttpHead *trailers)
{
  g_clear_pointer (&self->trailers, qnet_http_head_free);
  g_clear_pointer (&self->trailers_variant, g_variant_unref);
  if (trailers != NULL && qnet_http_head_get_n_fields (trailers) > 0)
    self->trailers = qnet_http_head_copy (trailers);
}

const QnetHttpHead *
_qnet_http_response_get_head (QnetHttpResponse *self)
{
  return self->head;
}

/**
 * qnet_http_response_get_status_code:
 * @self: a #QnetHttpResponse
 *
 * Gets the status code.
 *
 * Returns: the status code
 *
 * Since: 1.0
 */
guint
qnet_http_response_get_status_code (QnetHttpResponse *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), 0);

  return qnet_http_head_get_status_code (self->head);
}

/**
 * qnet_http_response_get_status_message:
 * @self: a #QnetHttpResponse
 *
 * Gets the reason phrase, or %NULL if the status line had none.
 *
 * Returns: (nullable): the reason phrase, or %NULL if the status line had
 *   none
 *
 * Since: 1.0
 */
const char *
qnet_http_response_get_status_message (QnetHttpResponse *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), NULL);

  return qnet_http_head_get_reason (self->head);
}

/**
 * qnet_http_response_get_http_version:
 * @self: a #QnetHttpResponse
 *
 * Gets the HTTP version of the response, `"1.0"` or `"1.1"`.
 *
 * Returns: `"1.0"` or `"1.1"`
 *
 * Since: 1.0
 */
const char *
qnet_http_response_get_http_version (QnetHttpResponse *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), NULL);

  return qnet_http_head_get_http_version (self->head);
}

/**
 * qnet_http_response_get_url:
 * @self: a #QnetHttpResponse
 *
 * Gets the URL the response came from, after redirects, without the password.
 *
 * Returns: the URL the response came from, after redirects, without the
 *   password
 *
 * Since: 1.0
 */
const char *
qnet_http_response_get_url (QnetHttpResponse *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), NULL);

  return self->url;
}

/**
 * qnet_http_response_get_redirect_count:
 * @self: a #QnetHttpResponse
 *
 * Gets the number of redirects followed.
 *
 * Returns: the number of redirects followed
 *
 * Since: 1.0
 */
guint
qnet_http_response_get_redirect_count (QnetHttpResponse *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), 0);

  return self->redirect_count;
}

/**
 * qnet_http_response_get_headers:
 * @self: a #QnetHttpResponse
 *
 * Gets the header block (`a{sv}`), see [property@Qnet.HttpResponse:headers].
 *
 * Returns: (transfer none): the header block (`a{sv}`), see
 *   [property@Qnet.HttpResponse:headers]
 *
 * Since: 1.0
 */
GVariant *
qnet_http_response_get_headers (QnetHttpResponse *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), NULL);

  if (self->headers == NULL)
    self->headers = g_variant_ref_sink (qnet_http_head_to_variant (self->head));
  return self->headers;
}

/**
 * qnet_http_response_get_trailers:
 * @self: a #QnetHttpResponse
 *
 * Gets the trailer fields (`a{sv}`), or %NULL when the body had none.
 *
 * Returns: (transfer none) (nullable): the trailer fields (`a{sv}`), or
 *   %NULL when the body had none
 *
 * Since: 1.0
 */
GVariant *
qnet_http_response_get_trailers (QnetHttpResponse *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), NULL);

  if (self->trailers == NULL)
    return NULL;
  if (self->trailers_variant == NULL)
    self->trailers_variant = g_variant_ref_sink (qnet_http_head_to_variant (self->trailers));
  return self->trailers_variant;
}

/**
 * qnet_http_response_get_body:
 * @self: a #QnetHttpResponse
 *
 * Gets the decoded body, or %NULL when it went to a stream or there was none.
 *
 * Returns: (transfer none) (nullable): the decoded body, or %NULL when it
 *   went to a stream or there was none
 *
 * Since: 1.0
 */
GBytes *
qnet_http_response_get_body (QnetHttpResponse *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), NULL);

  return self->body;
}

/**
 * qnet_http_response_get_body_size:
 * @self: a #QnetHttpResponse
 *
 * Gets the decoded body bytes delivered, to memory or to a stream.
 *
 * Returns: the decoded body bytes delivered, to memory or to a stream
 *
 * Since: 1.0
 */
gint64
qnet_http_response_get_body_size (QnetHttpResponse *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), 0);

  return self->body_size;
}

/**
 * qnet_http_response_get_wire_size:
 * @self: a #QnetHttpResponse
 *
 * Gets the body bytes received, before decoding.
 *
 * Returns: the body bytes received, before decoding
 *
 * Since: 1.0
 */
gint64
qnet_http_response_get_wire_size (QnetHttpResponse *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), 0);

  return self->wire_size;
}

/**
 * qnet_http_response_get_header:
 * @self: a #QnetHttpResponse
 * @name: a header name (any case)
 *
 * Looks a header up case-insensitively. A header that was received
 * several times gives its values joined with `", "`.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL if absent
 *
 * Since: 1.0
 */
char *
qnet_http_response_get_header (QnetHttpResponse *self,
                               const char       *name)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return qnet_http_head_get_header_list (self->head, name);
}

/**
 * qnet_http_response_get_header_values:
 * @self: a #QnetHttpResponse
 * @name: a header name (any case)
 *
 * Gets every value of the header in arrival order (empty when absent).
 *
 * Returns: (transfer full) (array zero-terminated=1): every value of the
 *   header in arrival order (empty when absent)
 *
 * Since: 1.0
 */
char **
qnet_http_response_get_header_values (QnetHttpResponse *self,
                                      const char       *name)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return qnet_http_head_get_header_values (self->head, name);
}

/**
 * qnet_http_response_get_header_names:
 * @self: a #QnetHttpResponse
 *
 * Gets the header names as received (original case, in arrival order, repeated ones once).
 *
 * Returns: (transfer full) (array zero-terminated=1): the header names as
 *   received (original case, in arrival order, repeated ones once)
 *
 * Since: 1.0
 */
char **
qnet_http_response_get_header_names (QnetHttpResponse *self)
{
  GPtrArray *names;

  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), NULL);

  names = g_ptr_array_new ();
  for (guint i = 0; i < qnet_http_head_get_n_fields (self->head); i++)
    {
      const char *name = qnet_http_head_get_field_name (self->head, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < names->len && !seen; j++)
        seen = g_ascii_strcasecmp (g_ptr_array_index (names, j), name) == 0;
      if (!seen)
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

/**
 * qnet_http_response_get_trailer:
 * @self: a #QnetHttpResponse
 * @name: a trailer field name (any case)
 *
 * Gets the trailer value (repeated values joined with `", "`), or %NULL if absent.
 *
 * Returns: (transfer full) (nullable): the trailer value (repeated values
 *   joined with `", "`), or %NULL if absent
 *
 * Since: 1.0
 */
char *
qnet_http_response_get_trailer (QnetHttpResponse *self,
                                const char       *name)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->trailers == NULL)
    return NULL;
  return qnet_http_head_get_header_list (self->trailers, name);
}

/**
 * qnet_http_response_has_header:
 * @self: a #QnetHttpResponse
 * @name: a header name (any case)
 *
 * Tells whether the response has a header field named @name.
 *
 * Returns: %TRUE if the response has the header
 *
 * Since: 1.0
 */
gboolean
qnet_http_response_has_header (QnetHttpResponse *self,
                               const char       *name)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return qnet_http_head_get_header (self->head, name) != NULL;
}

/**
 * qnet_http_response_get_content_length:
 * @self: a #QnetHttpResponse
 *
 * Gets the valid `Content-Length` of the response, or -1 if it had none.
 *
 * Returns: the valid `Content-Length` of the response, or -1 if it had
 *   none
 *
 * Since: 1.0
 */
gint64
qnet_http_response_get_content_length (QnetHttpResponse *self)
{
  gint64 length = -1;

  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), -1);

  if (!qnet_http_parse_content_length (self->head, &length, NULL))
    return -1;
  return length;
}

/**
 * qnet_http_response_get_content_type:
 * @self: a #QnetHttpResponse
 *
 * Gets the `Content-Type` value, or %NULL.
 *
 * Returns: (nullable): the `Content-Type` value, or %NULL
 *
 * Since: 1.0
 */
const char *
qnet_http_response_get_content_type (QnetHttpResponse *self)
{
  g_return_val_if_fail (QNET_IS_HTTP_RESPONSE (self), NULL);

  return qnet_http_head_get_header (self->head, "Content-Type");
}
