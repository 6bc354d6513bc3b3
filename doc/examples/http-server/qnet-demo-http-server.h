/* qnet-demo-http-server.h: a small HTTP/1.1 server built from QnetSocket's HTTP helpers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An example of QnetSocket's server side and HTTP helpers, and a peer for
 * tests (curl is its client in tests/http), for the bindings tests (as the
 * `qnet-demo-http-server` program) and for the inspector's demo. It uses
 * only <qnet.h>: drop the .c and .h into any program.
 *
 * It serves, from the thread-default main context of
 * qnet_demo_http_server_start(), every connection asynchronously with
 * keep-alive:
 *
 *   GET|HEAD /hello             200 "Hello from libqnet\n" (text/plain)
 *   GET /bytes/N                200, N bytes (N <= 64 MiB) of a repeating pattern
 *   GET /chunked/N/S            200, chunked: N chunks of S bytes ('a' + i),
 *                               then the trailer "X-Chunks: N"
 *   GET /status/NNN             status NNN (100 < NNN < 600) with a short text
 *   GET /redirect/N             302 to /redirect/N-1; /redirect/0 to /hello
 *   POST|PUT /echo              200 with the request body (and its Content-Type)
 *   GET /headers                200, the request head as "name: value" lines
 *   GET /close                  200 with "Connection: close", then closes
 *   anything else               404
 *
 * Every server and connection socket is a QnetEmitter: set a connection
 * callback to watch (or queue) their events.
 */

#pragma once

#include <qnet.h>

G_BEGIN_DECLS

typedef struct _QnetDemoHttpServer QnetDemoHttpServer;

/* Called with each accepted connection before it is served. */
typedef void (*QnetDemoConnectionFunc) (QnetDemoHttpServer *server,
                                        QnetSocket         *connection,
                                        gpointer            user_data);

QnetDemoHttpServer *qnet_demo_http_server_new              (void);
/* @address: "127.0.0.1:0" (a free port), "host:port", or a UNIX socket path. */
gboolean            qnet_demo_http_server_start            (QnetDemoHttpServer     *self,
                                                            const char             *address,
                                                            GError                **error);
guint16             qnet_demo_http_server_get_port         (QnetDemoHttpServer     *self);
/* "http://127.0.0.1:PORT@path" (transfer full). */
char               *qnet_demo_http_server_get_url          (QnetDemoHttpServer     *self,
                                                            const char             *path);
/* (transfer none) */
QnetSocket         *qnet_demo_http_server_get_listener     (QnetDemoHttpServer     *self);
void                qnet_demo_http_server_set_connection_func (QnetDemoHttpServer  *self,
                                                            QnetDemoConnectionFunc  func,
                                                            gpointer                user_data);
guint               qnet_demo_http_server_get_n_connections (QnetDemoHttpServer    *self);
guint               qnet_demo_http_server_get_n_requests   (QnetDemoHttpServer     *self);
/* Stops listening and closes every connection. */
void                qnet_demo_http_server_free             (QnetDemoHttpServer     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QnetDemoHttpServer, qnet_demo_http_server_free)

G_END_DECLS
