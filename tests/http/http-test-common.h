/* http-test-common.h: helpers shared by the HTTP tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <qnet.h>

#include "http-test-server.h"
#include "qnet-test-utils.h"

G_BEGIN_DECLS

/* A client for @server (URL http://127.0.0.1:PORT/) with @rec attached
 * (nullable) and a short I/O timeout, so a broken test ends quickly. */
QnetHttpClient *http_test_client_new          (HttpTestServer   *server,
                                               QnetTestRecorder *rec);
/* The names of @rec's events without packet-read and packet-sent, whose
 * number depends on how the network split the bytes. */
char           *http_test_names_without_packets (QnetTestRecorder *rec);
#define http_test_assert_names_without_packets(rec, expected) \
  G_STMT_START { \
    g_autofree char *__names = http_test_names_without_packets (rec); \
    g_assert_cmpstr (__names, ==, (expected)); \
  } G_STMT_END
/* Waits for an asynchronous result in the thread-default context. */
GAsyncResult   *http_test_wait_result         (GAsyncResult    **slot);
void            http_test_store_result        (GObject          *source,
                                               GAsyncResult     *result,
                                               gpointer          data);
/* Asserts that @rec saw exactly one operation-failed, for @operation
 * and @error. */
void            http_test_assert_failed_once  (QnetTestRecorder *rec,
                                               const char       *operation,
                                               const GError     *error);
/* @text as GBytes (transfer full). */
GBytes         *http_test_bytes               (const char       *text);
/* A table of headers from NULL-terminated name, value pairs. */
GHashTable     *http_test_headers             (const char       *first_name,
                                               ...) G_GNUC_NULL_TERMINATED;
/* gzip (or zlib when @zlib) of @data (transfer full). */
GBytes         *http_test_compress            (const void       *data,
                                               gsize             len,
                                               gboolean          zlib);

G_END_DECLS
