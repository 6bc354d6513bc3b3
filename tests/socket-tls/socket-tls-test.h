/* socket-tls-test.h: helpers shared by the QnetSocket TLS tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Peers are real programs on free loopback ports (gnutls-serv, nginx with
 * its ssl module, gnutls-cli, curl), started and stopped by each test,
 * with the fixtures of tests/data/tls (make-certs.sh). A missing program
 * fails the test, never skips it. Every wait is bounded.
 */

#pragma once

#include <qnet.h>

#include "qnet-test-nginx.h"
#include "socket-test.h"
#include "tls-test-common.h"

G_BEGIN_DECLS

/* Bound on every wait of these tests. */
#define STLS_TIMEOUT_MS 10000

/* What the test fixtures negotiate with TLS 1.3 (GnuTLS and OpenSSL both
 * prefer it). */
#define STLS_TLS13_CIPHER "TLS_AES_256_GCM_SHA384"

/* Sets QnetSocket:certificate and :private-key from fixtures (a
 * password-protected key is opened with TLS_TEST_KEY_PASSWORD). */
void        stls_use_identity      (QnetSocket   *sock,
                                    const char   *cert,
                                    const char   *key);
/* Trusts tests/data/tls/ca.pem (QnetSocket:ca-file). */
void        stls_trust_test_ca     (QnetSocket   *sock);
/* A fixture certificate (transfer full). */
QnetTlsCertificate *stls_load_certificate (const char *name);

/* A TLS server program the tests connect to. */
typedef enum {
  STLS_PEER_GNUTLS_SERV,   /* gnutls-serv --echo */
  STLS_PEER_NGINX,         /* nginx serving /hello.txt over HTTPS */
} StlsPeerKind;

typedef struct _StlsPeer StlsPeer;

/* @client_ca: require a client certificate signed by this fixture
 * (nullable). @tls12_only: offer TLS 1.2 only. */
StlsPeer   *stls_peer_start        (StlsPeerKind  kind,
                                    const char   *cert,
                                    const char   *key,
                                    const char   *client_ca,
                                    gboolean      tls12_only);
guint16     stls_peer_get_port     (StlsPeer     *peer);
StlsPeerKind stls_peer_get_kind    (StlsPeer     *peer);
const char *stls_peer_get_name     (StlsPeer     *peer);
/* gnutls-serv only: SIGKILL, so its connections end without close_notify. */
void        stls_peer_kill         (StlsPeer     *peer);
void        stls_peer_free         (StlsPeer     *peer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StlsPeer, stls_peer_free)

/* The body of nginx's /hello.txt. */
#define STLS_HELLO_BODY "hello over TLS from nginx\n"

/* One application exchange over @sock (connected to @peer with TLS): an
 * echoed line for gnutls-serv, a GET of /hello.txt (HTTP/1.0, read until
 * nginx closes, which it does with close_notify) for nginx. Returns the
 * HTTP status for nginx, 0 for gnutls-serv. */
guint       stls_peer_exchange     (StlsPeer     *peer,
                                    QnetSocket   *sock);

/* A program run by a test with its standard input and output as pipes;
 * the output is collected from the thread-default main context. */
typedef struct _StlsProgram StlsProgram;

StlsProgram *stls_program_spawn    (const char * const *argv);
void        stls_program_write     (StlsProgram  *program,
                                    const char   *text);
void        stls_program_close_stdin (StlsProgram *program);
void        stls_program_signal    (StlsProgram  *program,
                                    int           signum);
/* Iterates the thread-default context until the output contains @text. */
void        stls_program_wait_output (StlsProgram *program,
                                    const char   *text);
/* Iterates until the program exited (bounded); returns its output. */
const char *stls_program_wait_exit (StlsProgram  *program,
                                    gint         *exit_status);
const char *stls_program_get_output (StlsProgram *program);
void        stls_program_free      (StlsProgram  *program);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StlsProgram, stls_program_free)

/* A listening QnetSocket on 127.0.0.1 (free port) with the server.pem
 * identity. */
QnetSocket *stls_listen            (void);

G_END_DECLS
