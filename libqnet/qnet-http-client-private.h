/* qnet-http-client-private.h: QnetHttpClient internals and the HTTP message
 * I/O shared with QnetSocket's HTTP helpers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qnet-error.h"
#include "qnet-http-client.h"
#include "qnet-http-response.h"
#include "qnet-socket-http.h"
#include "qnet-socket-private.h"
#include "io/qnet-content-decoder.h"
#include "proto/qnet-http-chunked.h"
#include "proto/qnet-http-framing.h"
#include "proto/qnet-http-head.h"
#include "proto/qnet-http-writer.h"
#include "proto/qnet-limits.h"
#include "proto/qnet-url.h"

G_BEGIN_DECLS

/* ---- QnetHttpResponse (qnet-http-response.c) ------------------------------- */

/* Takes @head. */
QnetHttpResponse   *_qnet_http_response_new          (QnetHttpHead       *head,
                                                      const char         *url,
                                                      guint               redirect_count);
void                _qnet_http_response_set_body     (QnetHttpResponse   *self,
                                                      GBytes             *body,
                                                      gint64              body_size,
                                                      gint64              wire_size);
void                _qnet_http_response_set_trailers (QnetHttpResponse   *self,
                                                      const QnetHttpHead *trailers);
const QnetHttpHead *_qnet_http_response_get_head     (QnetHttpResponse   *self);

/* ---- HTTP message I/O on a connected QnetSocket (qnet-http-client-io.c,
 * qnet-http-client-body.c) ---------------------------------------------------
 *
 * Shared by QnetSocket's HTTP helpers (events with source 1) and
 * QnetHttpClient (source 2). Every operation works on the socket's stream
 * I/O directly: it raises `packet-read` for each network read (with the
 * source it is given) and `packet-sent` through the socket, closes the
 * socket when the peer closed or the connection broke (`channel-closed`),
 * and wraps socket errors with the target's name. It never raises
 * `operation-failed`: the public operation that uses it does, once. Each
 * ends with exactly one call of its done function, which may run before
 * the starting function returns.
 */

/* Header lists to write, in order; names and values owned by the array. */
typedef struct {
  GPtrArray *names;   /* (element-type utf8) (owned) */
  GPtrArray *values;  /* (element-type utf8) (owned) */
} QnetHttpHeaderList;

void      _qnet_http_header_list_init      (QnetHttpHeaderList  *list);
void      _qnet_http_header_list_clear     (QnetHttpHeaderList  *list);
/* Appends, or with @replace sets the first field named @name (any case)
 * and drops its other occurrences. */
void      _qnet_http_header_list_set       (QnetHttpHeaderList  *list,
                                            const char          *name,
                                            const char          *value,
                                            gboolean             replace);
void      _qnet_http_header_list_remove    (QnetHttpHeaderList  *list,
                                            const char          *name);
const char *_qnet_http_header_list_get     (QnetHttpHeaderList  *list,
                                            const char          *name);
/* Pairs pointing into @list (transfer container). */
QnetHttpHeaderPair *_qnet_http_header_list_pairs (QnetHttpHeaderList *list);
/* The `headers` of `http-send-message`: every field as sent, original
 * case, repeated names as `as`. (transfer floating) */
GVariant *_qnet_http_header_list_to_variant (QnetHttpHeaderList *list);
/* Copies a caller's header table into @list, refusing CR, LF and NUL and
 * invalid names with G_IO_ERROR_INVALID_ARGUMENT. */
gboolean  _qnet_http_header_list_add_table (QnetHttpHeaderList  *list,
                                            GHashTable          *headers,
                                            gboolean             replace,
                                            GError             **error);

/* One network read's result, recorded by its completion. */
typedef struct {
  gboolean  pending;    /* a read was started and has not completed */
  gboolean  completed;  /* it completed: @data / @error are set */
  GBytes   *data;       /* (owned) (nullable) */
  GError   *error;      /* (owned) (nullable) */
} QnetHttpReadSlot;

void      _qnet_http_read_slot_clear       (QnetHttpReadSlot    *slot);

/* A whole message head is written, then @body if any (a separate buffer,
 * as Qore does). `http-send-message` is raised first, with @source. */
typedef void (*QnetHttpWriteDone) (gpointer  user_data,
                                   GError   *error);

void      _qnet_http_send_message          (QnetSocket          *sock,
                                            QnetEventSource      source,
                                            const char          *first_line,
                                            QnetHttpHeaderList  *headers,
                                            GBytes              *head,
                                            GBytes              *body,
                                            gint                 timeout_ms,
                                            GCancellable        *cancellable,
                                            QnetHttpWriteDone    done,
                                            gpointer             user_data);

/* Reads one head. @head (transfer full) on success; @nothing_read tells
 * that the peer closed or failed before sending a single byte of it (a
 * stale keep-alive connection). Raises `http-headers-read` (with
 * capture-data) and `http-message-received` with @source. */
/* As @kind: a response if the message starts with "HTTP/", else a request. */
#define QNET_HTTP_HEAD_DETECT ((QnetHttpHeadKind) -1)

typedef void (*QnetHttpHeadDone) (gpointer      user_data,
                                  QnetHttpHead *head,
                                  GError       *error,
                                  gboolean      nothing_read);

void      _qnet_http_read_head             (QnetSocket          *sock,
                                            QnetHttpHeadKind     kind,
                                            QnetEventSource      source,
                                            gint                 timeout_ms,
                                            GCancellable        *cancellable,
                                            QnetHttpHeadDone     done,
                                            gpointer             user_data);

typedef struct {
  QnetHttpFraming  framing;
  QnetEventSource  source;          /* of packet-read and socket-data-read */
  gboolean         client_events;   /* raise 15, 16, 17, 26 (QnetHttpClient) */
  QnetHttpCoding   codings[QNET_HTTP_MAX_CONTENT_CODINGS];
  guint            n_codings;       /* undone in the order of the list's reverse */
  GOutputStream   *out;             /* (nullable): deliver the body here */
  gboolean         discard;         /* deliver nowhere (a redirect's body) */
  gint64           max_memory;      /* cap of a body kept in memory */
  gboolean         blocking;        /* a blocking call: @out may be written synchronously */
} QnetHttpBodySpec;

typedef struct {
  GBytes       *body;       /* (owned) (nullable): in-memory body */
  QnetHttpHead *trailers;   /* (owned) (nullable) */
  guint64       body_size;  /* decoded bytes delivered */
  guint64       wire_size;  /* body bytes received (chunk framing excluded) */
} QnetHttpBodyResult;

void      _qnet_http_body_result_clear     (QnetHttpBodyResult  *result);

/* @result is valid (and owned by the callee) during the call only; the
 * done function steals what it keeps. On error @result holds what was
 * delivered so far. */
typedef void (*QnetHttpBodyDone) (gpointer            user_data,
                                  QnetHttpBodyResult *result,
                                  GError             *error);

void      _qnet_http_read_body             (QnetSocket             *sock,
                                            const QnetHttpBodySpec *spec,
                                            gint                    timeout_ms,
                                            GCancellable           *cancellable,
                                            QnetHttpBodyDone        done,
                                            gpointer                user_data);

/* ---- QnetHttpClient internals ----------------------------------------------- */

/* Qore's HTTPClient defaults. */
#define QNET_HTTP_CLIENT_DEFAULT_TIMEOUT          300000
#define QNET_HTTP_CLIENT_DEFAULT_CONNECT_TIMEOUT  60000

typedef struct
{
  QnetUrl            *url;               /* (owned) (nullable): the base URL */
  char               *url_string;        /* (owned) (nullable) */
  QnetUrl            *proxy_url;         /* (owned) (nullable) */
  char               *proxy_url_string;  /* (owned) (nullable) */
  char               *http_version;      /* (owned): "1.0" or "1.1" */
  guint               max_redirects;
  char               *default_path;      /* (owned) */
  char               *username;          /* (owned) (nullable) */
  char               *password;          /* (owned) (nullable) */
  char               *proxy_username;    /* (owned) (nullable) */
  char               *proxy_password;    /* (owned) (nullable) */
  char               *user_agent;        /* (owned) (nullable) */
  gboolean            redirect_passthru;
  gboolean            error_passthru;
  gboolean            decode_content;
  gboolean            persistent;
  QnetHttpResponse   *last_response;     /* (owned) (nullable) */
  QnetHttpHeaderList  default_headers;   /* added with add_default_header */

  /* The last request's path and the URL it resolved to (the same path
   * is usually requested again: resolving is skipped then). */
  char               *cache_path;        /* (owned) (nullable) */
  QnetUrl            *cache_url;         /* (owned) (nullable) */
  char               *cache_safe_url;    /* (owned) (nullable): without password */
  char               *cache_host;        /* (owned) (nullable): the Host header */
  char               *cache_target;      /* (owned) (nullable): origin-form target */
  char               *cache_conn_key;    /* (owned) (nullable) */

  /* The connection: what it reaches, and whether it can carry the next
   * request (the last response was read whole and allowed it). */
  char               *conn_key;          /* (owned) (nullable) */
  gboolean            conn_reusable;
  gboolean            busy;              /* one request at a time */
} QnetHttpClientPrivate;

typedef enum {
  QNET_HTTP_CLIENT_PROP_0,
  QNET_HTTP_CLIENT_PROP_URL,
  QNET_HTTP_CLIENT_PROP_PROXY_URL,
  QNET_HTTP_CLIENT_PROP_HTTP_VERSION,
  QNET_HTTP_CLIENT_PROP_MAX_REDIRECTS,
  QNET_HTTP_CLIENT_PROP_DEFAULT_PATH,
  QNET_HTTP_CLIENT_PROP_USERNAME,
  QNET_HTTP_CLIENT_PROP_PASSWORD,
  QNET_HTTP_CLIENT_PROP_PROXY_USERNAME,
  QNET_HTTP_CLIENT_PROP_PROXY_PASSWORD,
  QNET_HTTP_CLIENT_PROP_USER_AGENT,
  QNET_HTTP_CLIENT_PROP_REDIRECT_PASSTHRU,
  QNET_HTTP_CLIENT_PROP_ERROR_PASSTHRU,
  QNET_HTTP_CLIENT_PROP_DECODE_CONTENT,
  QNET_HTTP_CLIENT_PROP_PERSISTENT,
  QNET_HTTP_CLIENT_PROP_LAST_RESPONSE,
  QNET_HTTP_CLIENT_N_PROPS
} QnetHttpClientProp;

QnetHttpClientPrivate *_qnet_http_client_get_private (QnetHttpClient *self);
void                   _qnet_http_client_notify      (QnetHttpClient     *self,
                                                      QnetHttpClientProp  prop);
/* Forgets the resolved-path cache (the URL or default path changed). */
void                   _qnet_http_client_clear_cache (QnetHttpClient *self);
void                   _qnet_http_client_set_last_response (QnetHttpClient   *self,
                                                            QnetHttpResponse *response);

/* The request machine (qnet-http-client-request.c). */
typedef enum {
  QNET_HTTP_REQUEST_MEMORY,   /* the body in QnetHttpResponse:body */
  QNET_HTTP_REQUEST_STREAM,   /* the body to a GOutputStream */
  QNET_HTTP_REQUEST_CONNECT,  /* open_connection: connect only */
} QnetHttpRequestKind;

typedef struct {
  QnetHttpRequestKind  kind;
  const char          *method;
  const char          *path;        /* (nullable) */
  GHashTable          *headers;     /* (nullable) */
  GBytes              *body;        /* (nullable) */
  GInputStream        *body_stream; /* (nullable): chunked upload */
  gsize                chunk_size;
  GVariant            *trailers;    /* (nullable) a{sv} of strings */
  GOutputStream       *out;         /* (nullable) */
} QnetHttpRequestArgs;

/* Runs a request on @call (whose result is the QnetHttpResponse, or TRUE
 * for QNET_HTTP_REQUEST_CONNECT). */
void _qnet_http_client_request_start (QnetHttpClient            *self,
                                      QnetSocketCall            *call,
                                      const QnetHttpRequestArgs *args);

G_END_DECLS
