/* http-test-server.h: scripted loopback servers replaying exact bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A server listens on a free port of 127.0.0.1 (or on a UNIX socket) from
 * its own thread (a GThreadedSocketService with its own main context), so
 * that blocking client calls in the test's thread are served too. Each
 * accepted connection runs the next script in the queue (the last one is
 * repeated when the queue runs dry): a list of steps that read a request,
 * send exact bytes, wait, close or reset. What the client sent is kept
 * for assertions. Every wait is bounded (HTTP_TEST_TIMEOUT_MS).
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HTTP_TEST_TIMEOUT_MS 10000

typedef struct _HttpTestScript HttpTestScript;
typedef struct _HttpTestServer HttpTestServer;

HttpTestScript *http_test_script_new           (void);
/* Reads one request: its head, then a Content-Length or chunked body. */
void            http_test_script_read_request  (HttpTestScript *script);
void            http_test_script_send          (HttpTestScript *script,
                                                const char     *text);
void            http_test_script_send_len      (HttpTestScript *script,
                                                const void     *data,
                                                gsize           len);
/* Takes @bytes. */
void            http_test_script_send_bytes    (HttpTestScript *script,
                                                GBytes         *bytes);
void            http_test_script_sleep         (HttpTestScript *script,
                                                guint           ms);
/* Closes (FIN) after the previous steps. */
void            http_test_script_close         (HttpTestScript *script);
/* Closes with a reset (RST): SO_LINGER 0. */
void            http_test_script_reset         (HttpTestScript *script);
/* Keeps the connection open without a word until the client closes it
 * or the server is freed. */
void            http_test_script_hold          (HttpTestScript *script);
void            http_test_script_free          (HttpTestScript *script);

/* A script answering every request on its connection (up to @n) with
 * @response, then closing. */
HttpTestScript *http_test_script_new_reply     (const char     *response,
                                                guint           n);

HttpTestServer *http_test_server_new           (void);
/* Listens on a UNIX socket at @path instead. */
HttpTestServer *http_test_server_new_unix      (const char     *path);
/* Takes @script: it serves the next connection. */
void            http_test_server_add_script    (HttpTestServer *server,
                                                HttpTestScript *script);
guint16         http_test_server_get_port      (HttpTestServer *server);
/* "http://127.0.0.1:PORT@path" (transfer full). */
char           *http_test_server_get_url       (HttpTestServer *server,
                                                const char     *path);
/* Raw requests received so far (head and body), in order. (transfer full) */
GPtrArray      *http_test_server_get_requests  (HttpTestServer *server);
/* The n-th request as a string (transfer full), or NULL. */
char           *http_test_server_get_request   (HttpTestServer *server,
                                                guint           n);
guint           http_test_server_get_n_requests    (HttpTestServer *server);
guint           http_test_server_get_n_connections (HttpTestServer *server);
/* Waits (bounded) until every connection's script finished. */
void            http_test_server_wait_idle     (HttpTestServer *server);
void            http_test_server_free          (HttpTestServer *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpTestServer, http_test_server_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpTestScript, http_test_script_free)

G_END_DECLS
