/* socket-test.h: helpers shared by the QnetSocket tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <qnet.h>

#include "qnet-test-utils.h"

G_BEGIN_DECLS

/* Every blocking wait of a test is bounded by this. */
#define TEST_TIMEOUT_MS 10000

/* A raw peer: a thread that accepts @n_connections on its own listening
 * GSocket and runs @func on each with plain blocking GSocket calls (each
 * bounded by TEST_TIMEOUT_MS), then closes it. */
typedef struct _TestPeer TestPeer;
typedef void (*TestPeerFunc) (GSocket  *conn,
                              guint     index,
                              gpointer  data);

/* @family: G_SOCKET_FAMILY_IPV4 (127.0.0.1), _IPV6 (::1) or _UNIX (@path). */
TestPeer   *test_peer_new             (GSocketFamily   family,
                                       const char     *path,
                                       guint           n_connections,
                                       TestPeerFunc    func,
                                       gpointer        data);
guint16     test_peer_get_port        (TestPeer       *peer);
/* "127.0.0.1:PORT", "[::1]:PORT" or the path. */
const char *test_peer_get_dest        (TestPeer       *peer);
/* Waits for the thread and frees the peer. */
void        test_peer_join            (TestPeer       *peer);

void        test_sock_read_exact      (GSocket        *socket,
                                       void           *buffer,
                                       gsize           len);
/* Reads until end of stream. */
GBytes     *test_sock_read_to_eof     (GSocket        *socket);
/* Reads through the first occurrence of @delimiter. */
char       *test_sock_read_until      (GSocket        *socket,
                                       const char     *delimiter);
void        test_sock_write_all       (GSocket        *socket,
                                       const void     *data,
                                       gsize           len);
/* Closes with SO_LINGER 0: the peer sees a reset. */
void        test_sock_reset           (GSocket        *socket);

/* A loopback socket bound to @port (0: any) and not listening: connects
 * to it are refused. */
GSocket    *test_refusing_socket      (GSocketFamily   family,
                                       guint16         port,
                                       guint16        *out_port);

/* A loopback port whose connects stay pending: a listener with a full
 * backlog. The constructor checks that a further connect really blocks. */
typedef struct _TestBlackhole TestBlackhole;
TestBlackhole *test_blackhole_new     (void);
guint16     test_blackhole_get_port   (TestBlackhole  *hole);
void        test_blackhole_free       (TestBlackhole  *hole);

/* The recorded events, one per line: "name(key=value, ...)" without the
 * common keys; "socket" (a descriptor) is shown as FD. */
char       *test_describe_events      (QnetTestRecorder *rec);

/* Raises the soft RLIMIT_NOFILE to at least @want (fails the test if the
 * hard limit is lower). */
void        test_raise_fd_limit       (guint           want);

/* A GAsyncReadyCallback storing a reference on the result in
 * *(GAsyncResult **) @data, and the bounded wait for it. */
void          test_async_ready          (GObject        *source,
                                         GAsyncResult   *result,
                                         gpointer        data);
GAsyncResult *test_async_wait           (GAsyncResult  **slot);

/* Iterates the thread-default context until @cond holds (bounded by
 * TEST_TIMEOUT_MS, then the test fails). */
#define test_iterate_until(cond) \
  G_STMT_START { \
    gint64 __deadline = g_get_monotonic_time () + TEST_TIMEOUT_MS * 1000; \
    while (!(cond)) \
      { \
        g_assert_cmpint (g_get_monotonic_time (), <, __deadline); \
        g_main_context_iteration (NULL, FALSE); \
        if (!(cond)) \
          g_usleep (1000); \
      } \
  } G_STMT_END

/* Iterates the thread-default context until *@flag (bounded). */
#define test_wait(flag) qnet_test_wait_for_flag ((flag), TEST_TIMEOUT_MS)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestBlackhole, test_blackhole_free)

G_END_DECLS
