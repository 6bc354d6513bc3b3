/* qnet-file.h: a file whose every operation is an event
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(QNET_INSIDE) && !defined(QNET_COMPILATION)
# error "Only <qnet.h> can be included directly."
#endif

#include <gio/gio.h>

#include "qnet-emitter.h"
#include "qnet-enums.h"
#include "qnet-version.h"

G_BEGIN_DECLS

#define QNET_TYPE_FILE (qnet_file_get_type ())

QNET_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (QnetFile, qnet_file, QNET, FILE, QnetEmitter)

QNET_AVAILABLE_IN_1_0
QnetFile   *qnet_file_new              (const char           *encoding);

QNET_AVAILABLE_IN_1_0
const char *qnet_file_get_encoding     (QnetFile             *self);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_set_encoding     (QnetFile             *self,
                                        const char           *encoding,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
const char *qnet_file_get_filename     (QnetFile             *self);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_is_open          (QnetFile             *self);

/* Opening and closing */

QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_open             (QnetFile             *self,
                                        const char           *path,
                                        QnetFileOpenFlags     flags,
                                        int                   mode,
                                        const char           *encoding,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
void        qnet_file_open_async       (QnetFile             *self,
                                        const char           *path,
                                        QnetFileOpenFlags     flags,
                                        int                   mode,
                                        const char           *encoding,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_open_finish      (QnetFile             *self,
                                        GAsyncResult         *result,
                                        GError              **error);

QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_close            (QnetFile             *self,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
void        qnet_file_close_async      (QnetFile             *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_close_finish     (QnetFile             *self,
                                        GAsyncResult         *result,
                                        GError              **error);

QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_sync             (QnetFile             *self,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
void        qnet_file_sync_async       (QnetFile             *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_sync_finish      (QnetFile             *self,
                                        GAsyncResult         *result,
                                        GError              **error);

/* Reading */

QNET_AVAILABLE_IN_1_0
char       *qnet_file_read             (QnetFile             *self,
                                        gssize                size,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
void        qnet_file_read_async       (QnetFile             *self,
                                        gssize                size,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
QNET_AVAILABLE_IN_1_0
char       *qnet_file_read_finish      (QnetFile             *self,
                                        GAsyncResult         *result,
                                        GError              **error);

QNET_AVAILABLE_IN_1_0
GBytes     *qnet_file_read_bytes       (QnetFile             *self,
                                        gssize                size,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
void        qnet_file_read_bytes_async (QnetFile             *self,
                                        gssize                size,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
QNET_AVAILABLE_IN_1_0
GBytes     *qnet_file_read_bytes_finish (QnetFile            *self,
                                         GAsyncResult        *result,
                                         GError             **error);

QNET_AVAILABLE_IN_1_0
char       *qnet_file_read_line        (QnetFile             *self,
                                        gboolean              include_eol,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
void        qnet_file_read_line_async  (QnetFile             *self,
                                        gboolean              include_eol,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
QNET_AVAILABLE_IN_1_0
char       *qnet_file_read_line_finish (QnetFile             *self,
                                        GAsyncResult         *result,
                                        GError              **error);

QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_read_u8          (QnetFile             *self,
                                        guint8               *value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_read_u16         (QnetFile             *self,
                                        guint16              *value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_read_u32         (QnetFile             *self,
                                        guint32              *value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_read_i8          (QnetFile             *self,
                                        gint8                *value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_read_i16         (QnetFile             *self,
                                        gint16               *value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_read_i32         (QnetFile             *self,
                                        gint32               *value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_read_i64         (QnetFile             *self,
                                        gint64               *value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_read_u16_le      (QnetFile             *self,
                                        guint16              *value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_read_u32_le      (QnetFile             *self,
                                        guint32              *value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_read_i16_le      (QnetFile             *self,
                                        gint16               *value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_read_i32_le      (QnetFile             *self,
                                        gint32               *value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_read_i64_le      (QnetFile             *self,
                                        gint64               *value,
                                        GCancellable         *cancellable,
                                        GError              **error);

/* Writing */

QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_write            (QnetFile             *self,
                                        const char           *text,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
void        qnet_file_write_async      (QnetFile             *self,
                                        const char           *text,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_write_finish     (QnetFile             *self,
                                        GAsyncResult         *result,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_print            (QnetFile             *self,
                                        const char           *text,
                                        GCancellable         *cancellable,
                                        GError              **error);

QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_write_bytes      (QnetFile             *self,
                                        GBytes               *bytes,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
void        qnet_file_write_bytes_async (QnetFile            *self,
                                         GBytes              *bytes,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_write_bytes_finish (QnetFile           *self,
                                          GAsyncResult       *result,
                                          GError            **error);

QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_write_i8         (QnetFile             *self,
                                        gint8                 value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_write_i16        (QnetFile             *self,
                                        gint16                value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_write_i32        (QnetFile             *self,
                                        gint32                value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_write_i64        (QnetFile             *self,
                                        gint64                value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_write_i16_le     (QnetFile             *self,
                                        gint16                value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_write_i32_le     (QnetFile             *self,
                                        gint32                value,
                                        GCancellable         *cancellable,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_write_i64_le     (QnetFile             *self,
                                        gint64                value,
                                        GCancellable         *cancellable,
                                        GError              **error);

/* Position, size, locks */

QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_set_position     (QnetFile             *self,
                                        gint64                offset,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gint64      qnet_file_get_position     (QnetFile             *self,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gint64      qnet_file_get_size         (QnetFile             *self,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_lock             (QnetFile             *self,
                                        gboolean              exclusive,
                                        GError              **error);
QNET_AVAILABLE_IN_1_0
gboolean    qnet_file_unlock           (QnetFile             *self,
                                        GError              **error);

G_END_DECLS
