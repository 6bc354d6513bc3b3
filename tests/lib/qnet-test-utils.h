/* qnet-test-utils.h: helpers shared by the C tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <qnet.h>

G_BEGIN_DECLS

/* Records every event an emitter raises (through its generic `event`
 * signal), so a test can assert the whole sequence and its keys. */
typedef struct _QnetTestRecorder QnetTestRecorder;

QnetTestRecorder *qnet_test_recorder_new          (void);
void              qnet_test_recorder_free         (QnetTestRecorder *rec);
/* Connects to @emitter's `event` signal (weakly; may attach several). */
void              qnet_test_recorder_attach       (QnetTestRecorder *rec,
                                                   gpointer          emitter);
/* (transfer none) (element-type QnetEvent) */
GPtrArray        *qnet_test_recorder_get_events   (QnetTestRecorder *rec);
/* Comma-separated signal names, e.g. "open-file,file-opened,data-written". */
char             *qnet_test_recorder_get_names    (QnetTestRecorder *rec);
void              qnet_test_recorder_clear        (QnetTestRecorder *rec);
/* The n-th event whose signal name is @name (n from 0), or NULL. */
QnetEvent        *qnet_test_recorder_find         (QnetTestRecorder *rec,
                                                   const char       *name,
                                                   guint             n);
guint             qnet_test_recorder_count        (QnetTestRecorder *rec,
                                                   const char       *name);

/* Asserts that the names equal @expected (comma-separated). */
#define qnet_test_recorder_assert_names(rec, expected) \
  G_STMT_START { \
    g_autofree char *__names = qnet_test_recorder_get_names (rec); \
    g_assert_cmpstr (__names, ==, (expected)); \
  } G_STMT_END

/* Key accessors on an event's hash; they fail the test when the key is
 * missing or of another type. */
gint64            qnet_test_event_get_int         (QnetEvent   *event,
                                                   const char  *key);
const char       *qnet_test_event_get_string      (QnetEvent   *event,
                                                   const char  *key);
gboolean          qnet_test_event_has_key         (QnetEvent   *event,
                                                   const char  *key);

/* Makes a fresh temporary directory for the test (removed by the caller
 * with qnet_test_rmdir_recursive). */
char             *qnet_test_make_tmpdir           (void);
void              qnet_test_rmdir_recursive       (const char  *path);

/* Iterates the thread-default main context until *flag is TRUE or
 * @timeout_ms passes (then the test fails). */
void              qnet_test_wait_for_flag         (gboolean    *flag,
                                                   guint        timeout_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QnetTestRecorder, qnet_test_recorder_free)

G_END_DECLS
