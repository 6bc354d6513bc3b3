/* qnet-http-client-request-private.h: QnetHttpClient's request machine,
 * shared by its files (request, connect, redirect)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qnet-http-client-private.h"

G_BEGIN_DECLS

/* A redirect's body is read (and dropped) to keep the connection when it
 * is at most this long; a longer one closes the connection instead. */
#define QNET_HTTP_MAX_DISCARD (1024 * 1024)

typedef struct {
  QnetHttpClient      *self;          /* (owned) */
  QnetSocketCall      *call;          /* (owned until returned) */
  QnetHttpRequestKind  kind;
  char                *method;        /* (owned) */
  QnetUrl             *url;           /* (owned): the current target */
  QnetHttpHeaderList   user_headers;
  GBytes              *body;          /* (owned) (nullable) */
  GInputStream        *body_stream;   /* (owned) (nullable) */
  gsize                chunk_size;
  QnetHttpHeaderList   trailers;
  GOutputStream       *out;           /* (owned) (nullable) */

  guint                redirects;
  guint                interim;
  gboolean             cross_origin;  /* credentials are not sent any more */
  gboolean             reused;        /* sent on a connection kept from before */
  gboolean             retried;
  gboolean             touched;       /* the connection was used: close it on failure */
  gboolean             request_close; /* the request said Connection: close */

  char                *conn_key;      /* (owned): what the connection must reach */
  char                *safe_url;      /* (owned): op->url without password */
  char                *host_header;   /* (owned) */
  char                *origin_target; /* (owned): path and query */
  gboolean             url_cached;    /* op->url is the client's cached resolution */

  QnetHttpHead        *head;          /* (owned unless head_borrowed) (nullable): the response head */
  gboolean             head_borrowed; /* head belongs to response */
  QnetHttpFraming      framing;
  QnetHttpResponse    *response;      /* (owned) (nullable) */
  guint64              upload_total;  /* chunk data sent */
} QnetHttpRequestOp;

static inline QnetSocket *
op_socket (QnetHttpRequestOp *op)
{
  return QNET_SOCKET (op->self);
}

static inline QnetEmitter *
op_emitter (QnetHttpRequestOp *op)
{
  return QNET_EMITTER (op->self);
}

static inline QnetHttpClientPrivate *
op_priv (QnetHttpRequestOp *op)
{
  return _qnet_http_client_get_private (op->self);
}

static inline GCancellable *
op_cancellable (QnetHttpRequestOp *op)
{
  return op->call->cancellable;
}

/* qnet-http-client-request.c */
void      _qnet_http_request_fail              (QnetHttpRequestOp *op,
                                                GError            *error);
void      _qnet_http_request_succeed           (QnetHttpRequestOp *op);
/* Closes the connection, which can no longer carry a request. */
void      _qnet_http_request_drop_connection   (QnetHttpRequestOp *op);
/* Takes @head (nullable). */
void      _qnet_http_request_set_head          (QnetHttpRequestOp *op,
                                                QnetHttpHead      *head);
void      _qnet_http_request_describe_target   (QnetHttpRequestOp *op);
char     *_qnet_http_request_proxy_credentials (QnetHttpRequestOp *op);
gboolean  _qnet_http_scheme_is_secure          (const char        *scheme);
void      _qnet_http_request_send              (QnetHttpRequestOp *op);
void      _qnet_http_request_body_start_events (QnetHttpRequestOp *op);
void      _qnet_http_request_body_end_events   (QnetHttpRequestOp *op);
void      _qnet_http_request_complete_event    (QnetHttpRequestOp  *op,
                                                QnetHttpBodyResult *result);
void      _qnet_http_request_settle_connection (QnetHttpRequestOp *op);

/* qnet-http-client-connect.c: reuses the connection, or connects (and
 * tunnels, and starts TLS), then sends. */
void      _qnet_http_request_connection        (QnetHttpRequestOp *op);
/* A failure before any response byte on a reused connection: sends again
 * on a fresh one (FALSE if not allowed). */
gboolean  _qnet_http_request_retry             (QnetHttpRequestOp *op);

/* qnet-http-client-redirect.c: a 3xx response with op->head. */
void      _qnet_http_request_redirect          (QnetHttpRequestOp *op);

G_END_DECLS
