/* tls-test-common.h: fixtures, loopback connections and peers for the TLS tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "qnet-tls-stream.h"

G_BEGIN_DECLS

/* Bound on every wait in these tests. */
#define TLS_TEST_TIMEOUT_MS 10000
/* The password of tests/data/tls/client-key-pkcs8-encrypted.*. */
#define TLS_TEST_KEY_PASSWORD "qnet-test-password"

/* tests/data/tls/@name (transfer full). */
char              *tls_test_data_path          (const char          *name);
GBytes            *tls_test_data_bytes         (const char          *name);
/* The leaf and the key of a fixture pair, as gnutls objects, set on @tls. */
void               tls_test_set_certificate    (QnetTlsStream       *tls,
                                                const char          *cert_name,
                                                const char          *key_name);

/* A TCP port on 127.0.0.1 that was free a moment ago. */
guint16            tls_test_free_port          (void);
/* Blocking connect to @host:@port (5 s timeout). */
GSocketConnection *tls_test_connect            (const char          *host,
                                                guint16              port);
/* Two ends of one loopback TCP connection (made without a main loop). */
void               tls_test_socket_pair        (GSocketConnection  **client,
                                                GSocketConnection  **server);

/* Runs the thread-default main context until *flag or the bound. */
void               tls_test_wait               (gboolean            *flag);

/* Client and server over a fresh loopback pair, not yet configured. */
typedef struct {
  GSocketConnection *client_conn;
  GSocketConnection *server_conn;
  QnetTlsStream     *client;
  QnetTlsStream     *server;
} TlsTestPair;

/* Server with server.pem/server-key.pem; client trusting ca.pem and
 * expecting "localhost". */
TlsTestPair       *tls_test_pair_new           (void);
/* The streams only, nothing configured. */
TlsTestPair       *tls_test_pair_new_bare      (void);
void               tls_test_pair_free          (TlsTestPair         *pair);
/* Both handshakes, asynchronously in one main loop; returns each error. */
void               tls_test_pair_handshake     (TlsTestPair         *pair,
                                                GError             **client_error,
                                                GError             **server_error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlsTestPair, tls_test_pair_free)

/* Reads until end of stream (or error) with the async API; the result is
 * NUL-terminated, *error set on failure. */
GBytes            *tls_test_read_all           (GInputStream        *stream,
                                                gsize                max,
                                                GError             **error);
/* Writes all of @data with the async API in the thread-default loop. */
void               tls_test_write_all          (GOutputStream       *stream,
                                                const void          *data,
                                                gsize                len,
                                                GError             **error);
/* Reads exactly @len bytes (async API). */
GBytes            *tls_test_read_exactly       (GInputStream        *stream,
                                                gsize                len,
                                                GError             **error);

/* A program run as a peer (gnutls-serv, gnutls-cli). */
typedef struct _TlsTestPeer TlsTestPeer;

/* Starts `gnutls-serv --echo` on a free port with @cert/@key (fixture
 * names) and @extra arguments (NULL-terminated, nullable), and waits
 * until it accepts connections. */
TlsTestPeer       *tls_test_gnutls_serv_start  (const char          *cert,
                                                const char          *key,
                                                const char * const  *extra);
guint16            tls_test_peer_get_port      (TlsTestPeer         *peer);
GSubprocess       *tls_test_peer_get_process   (TlsTestPeer         *peer);
/* Spawns @argv with pipes for stdin and stdout. */
TlsTestPeer       *tls_test_peer_spawn         (const char * const  *argv);
/* Waits (bounded) until the program exits by itself. */
void               tls_test_peer_wait_exit     (TlsTestPeer         *peer);
/* Terminates the program (SIGTERM, then SIGKILL) and waits for it. */
void               tls_test_peer_stop          (TlsTestPeer         *peer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TlsTestPeer, tls_test_peer_stop)

/* A scripted hostile server in its own thread: accepts one connection,
 * reads what the client sends first (up to 16 KiB), answers @reply (may be
 * empty), then closes at once (@close_after) or holds the connection until
 * the client closes or @hold_ms pass. */
typedef struct _TlsTestScriptServer TlsTestScriptServer;

TlsTestScriptServer *tls_test_script_server_start (GBytes              *reply,
                                                   gboolean             close_after,
                                                   guint                hold_ms);
guint16              tls_test_script_server_get_port (TlsTestScriptServer *server);
/* Bytes the client sent before the reply. */
gsize                tls_test_script_server_stop (TlsTestScriptServer *server);

G_END_DECLS
