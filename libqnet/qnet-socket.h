/* qnet-socket.h: TCP and UNIX sockets with every socket event
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
#include "qnet-tls-certificate.h"
#include "qnet-tls-private-key.h"
#include "qnet-version.h"

G_BEGIN_DECLS

#define QNET_TYPE_SOCKET (qnet_socket_get_type ())

QNET_AVAILABLE_IN_1_0
G_DECLARE_DERIVABLE_TYPE (QnetSocket, qnet_socket, QNET, SOCKET, QnetEmitter)

/**
 * QnetSocketClass:
 * @parent_class: the parent class
 * @received: class handler of [signal@Qnet.Socket::received]
 * @accept_certificate: class handler of
 *   [signal@Qnet.Socket::accept-certificate]; %FALSE (reject) when unset
 *
 * The class structure of [class@Qnet.Socket].
 *
 * Since: 1.0
 */
struct _QnetSocketClass
{
  QnetEmitterClass parent_class;

  void     (*received)           (QnetSocket         *self,
                                  GBytes             *data);
  gboolean (*accept_certificate) (QnetSocket         *self,
                                  QnetTlsCertificate *peer,
                                  const char         *code);

  /*< private >*/
  gpointer _reserved[15];
};

QNET_AVAILABLE_IN_1_0
QnetSocket      *qnet_socket_new                       (void);

/* Properties */

QNET_AVAILABLE_IN_1_0
QnetSocketState  qnet_socket_get_state                 (QnetSocket   *self);
QNET_AVAILABLE_IN_1_0
gint             qnet_socket_get_timeout               (QnetSocket   *self);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_set_timeout               (QnetSocket   *self,
                                                        gint          timeout_ms);
QNET_AVAILABLE_IN_1_0
gint             qnet_socket_get_connect_timeout       (QnetSocket   *self);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_set_connect_timeout       (QnetSocket   *self,
                                                        gint          timeout_ms);
QNET_AVAILABLE_IN_1_0
const char      *qnet_socket_get_charset               (QnetSocket   *self);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_set_charset               (QnetSocket   *self,
                                                        const char   *charset);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_get_no_delay              (QnetSocket   *self);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_set_no_delay              (QnetSocket   *self,
                                                        gboolean      no_delay);
QNET_AVAILABLE_IN_1_0
gint             qnet_socket_get_fd                    (QnetSocket   *self);
QNET_AVAILABLE_IN_1_0
GSocketAddress  *qnet_socket_get_local_address         (QnetSocket   *self);
QNET_AVAILABLE_IN_1_0
GSocketAddress  *qnet_socket_get_remote_address        (QnetSocket   *self);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_get_is_secure             (QnetSocket   *self);
QNET_AVAILABLE_IN_1_0
guint64          qnet_socket_get_write_high_watermark  (QnetSocket   *self);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_set_write_high_watermark  (QnetSocket   *self,
                                                        guint64       watermark);
QNET_AVAILABLE_IN_1_0
guint64          qnet_socket_get_write_low_watermark   (QnetSocket   *self);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_set_write_low_watermark   (QnetSocket   *self,
                                                        guint64       watermark);
QNET_AVAILABLE_IN_1_0
guint64          qnet_socket_get_expect                (QnetSocket   *self);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_set_expect                (QnetSocket   *self,
                                                        guint64       expect);

/* Client */

QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_connect_to                (QnetSocket          *self,
                                                        const char          *dest,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_connect_to_async          (QnetSocket          *self,
                                                        const char          *dest,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_connect_to_finish         (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_connect_inet              (QnetSocket          *self,
                                                        const char          *host,
                                                        const char          *service,
                                                        GSocketFamily        family,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_connect_inet_async        (QnetSocket          *self,
                                                        const char          *host,
                                                        const char          *service,
                                                        GSocketFamily        family,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_connect_inet_finish       (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_connect_unix              (QnetSocket          *self,
                                                        const char          *path,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_connect_unix_async        (QnetSocket          *self,
                                                        const char          *path,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_connect_unix_finish       (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* Server */

QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_bind                      (QnetSocket          *self,
                                                        const char          *dest,
                                                        gboolean             reuseaddr,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_bind_async                (QnetSocket          *self,
                                                        const char          *dest,
                                                        gboolean             reuseaddr,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_bind_finish               (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_bind_inet                 (QnetSocket          *self,
                                                        const char          *interface,
                                                        const char          *service,
                                                        gboolean             reuseaddr,
                                                        GSocketFamily        family,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_bind_inet_async           (QnetSocket          *self,
                                                        const char          *interface,
                                                        const char          *service,
                                                        gboolean             reuseaddr,
                                                        GSocketFamily        family,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_bind_inet_finish          (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_bind_unix                 (QnetSocket          *self,
                                                        const char          *path,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_listen                    (QnetSocket          *self,
                                                        gint                 backlog,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
QnetSocket      *qnet_socket_accept                    (QnetSocket          *self,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_accept_async              (QnetSocket          *self,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
QnetSocket      *qnet_socket_accept_finish             (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_start_accepting           (QnetSocket          *self,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_stop_accepting            (QnetSocket          *self);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_is_accepting              (QnetSocket          *self);

/* Sending */

QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send                      (QnetSocket          *self,
                                                        const char          *text,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_send_async                (QnetSocket          *self,
                                                        const char          *text,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_finish               (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_bytes                (QnetSocket          *self,
                                                        GBytes              *bytes,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_send_bytes_async          (QnetSocket          *self,
                                                        GBytes              *bytes,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_bytes_finish         (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_queue_bytes               (QnetSocket          *self,
                                                        GBytes              *bytes,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gsize            qnet_socket_get_queued_bytes          (QnetSocket          *self);

/* Receiving */

QNET_AVAILABLE_IN_1_0
char            *qnet_socket_recv                      (QnetSocket          *self,
                                                        gssize               size,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_async                (QnetSocket          *self,
                                                        gssize               size,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
char            *qnet_socket_recv_finish               (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
GBytes          *qnet_socket_recv_bytes                (QnetSocket          *self,
                                                        gssize               size,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_bytes_async          (QnetSocket          *self,
                                                        gssize               size,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
GBytes          *qnet_socket_recv_bytes_finish         (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
GBytes          *qnet_socket_recv_until                (QnetSocket          *self,
                                                        const char          *delimiter,
                                                        gsize                max,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_until_async          (QnetSocket          *self,
                                                        const char          *delimiter,
                                                        gsize                max,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
GBytes          *qnet_socket_recv_until_finish         (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* Push mode */

QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_start_receiving           (QnetSocket          *self,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_stop_receiving            (QnetSocket          *self);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_is_receiving              (QnetSocket          *self);

/* Queries */

QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_is_data_available         (QnetSocket          *self,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_is_data_available_async   (QnetSocket          *self,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_is_data_available_finish  (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_is_write_finished         (QnetSocket          *self,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_is_write_finished_async   (QnetSocket          *self,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_is_write_finished_finish  (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
GVariant        *qnet_socket_get_peer_info             (QnetSocket          *self,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
GVariant        *qnet_socket_get_socket_info           (QnetSocket          *self,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gint             qnet_socket_get_port                  (QnetSocket          *self);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_is_open                   (QnetSocket          *self);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_shutdown                  (QnetSocket          *self,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_close                     (QnetSocket          *self);

/* Integers (big-endian, and _le: little-endian) */

QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i8                   (QnetSocket *self, gint8 value, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i16                  (QnetSocket *self, gint16 value, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i32                  (QnetSocket *self, gint32 value, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i64                  (QnetSocket *self, gint64 value, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i16_le               (QnetSocket *self, gint16 value, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i32_le               (QnetSocket *self, gint32 value, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i64_le               (QnetSocket *self, gint64 value, GCancellable *cancellable, GError **error);

QNET_AVAILABLE_IN_1_0
void             qnet_socket_send_i8_async             (QnetSocket *self, gint8 value, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_send_i16_async            (QnetSocket *self, gint16 value, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_send_i32_async            (QnetSocket *self, gint32 value, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_send_i64_async            (QnetSocket *self, gint64 value, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_send_i16_le_async         (QnetSocket *self, gint16 value, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_send_i32_le_async         (QnetSocket *self, gint32 value, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_send_i64_le_async         (QnetSocket *self, gint64 value, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i8_finish            (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i16_finish           (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i32_finish           (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i64_finish           (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i16_le_finish        (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i32_le_finish        (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_send_i64_le_finish        (QnetSocket *self, GAsyncResult *result, GError **error);

QNET_AVAILABLE_IN_1_0
gint8            qnet_socket_recv_i8                   (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
guint8           qnet_socket_recv_u8                   (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
gint16           qnet_socket_recv_i16                  (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
guint16          qnet_socket_recv_u16                  (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
gint32           qnet_socket_recv_i32                  (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
guint32          qnet_socket_recv_u32                  (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
gint64           qnet_socket_recv_i64                  (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
gint16           qnet_socket_recv_i16_le               (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
guint16          qnet_socket_recv_u16_le               (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
gint32           qnet_socket_recv_i32_le               (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
guint32          qnet_socket_recv_u32_le               (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GError **error);
QNET_AVAILABLE_IN_1_0
gint64           qnet_socket_recv_i64_le               (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GError **error);

QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_i8_async             (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_u8_async             (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_i16_async            (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_u16_async            (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_i32_async            (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_u32_async            (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_i64_async            (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_i16_le_async         (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_u16_le_async         (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_i32_le_async         (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_u32_le_async         (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_recv_i64_le_async         (QnetSocket *self, gint timeout_ms, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);

QNET_AVAILABLE_IN_1_0
gint8            qnet_socket_recv_i8_finish            (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
guint8           qnet_socket_recv_u8_finish            (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
gint16           qnet_socket_recv_i16_finish           (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
guint16          qnet_socket_recv_u16_finish           (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
gint32           qnet_socket_recv_i32_finish           (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
guint32          qnet_socket_recv_u32_finish           (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
gint64           qnet_socket_recv_i64_finish           (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
gint16           qnet_socket_recv_i16_le_finish        (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
guint16          qnet_socket_recv_u16_le_finish        (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
gint32           qnet_socket_recv_i32_le_finish        (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
guint32          qnet_socket_recv_u32_le_finish        (QnetSocket *self, GAsyncResult *result, GError **error);
QNET_AVAILABLE_IN_1_0
gint64           qnet_socket_recv_i64_le_finish        (QnetSocket *self, GAsyncResult *result, GError **error);

/* TLS (qnet-socket-tls.c) */

QNET_AVAILABLE_IN_1_0
QnetTlsCertificate *qnet_socket_get_certificate          (QnetSocket          *self);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_set_certificate           (QnetSocket          *self,
                                                        QnetTlsCertificate  *certificate);
QNET_AVAILABLE_IN_1_0
QnetTlsPrivateKey *qnet_socket_get_private_key         (QnetSocket          *self);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_set_private_key           (QnetSocket          *self,
                                                        QnetTlsPrivateKey   *key);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_get_verify_peer           (QnetSocket          *self);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_set_verify_peer           (QnetSocket          *self,
                                                        gboolean             verify);
QNET_AVAILABLE_IN_1_0
const char      *qnet_socket_get_server_name           (QnetSocket          *self);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_set_server_name           (QnetSocket          *self,
                                                        const char          *server_name);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_get_require_client_certificate (QnetSocket     *self);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_set_require_client_certificate (QnetSocket     *self,
                                                        gboolean             require);
QNET_AVAILABLE_IN_1_0
const char      *qnet_socket_get_ca_file               (QnetSocket          *self);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_set_ca_file               (QnetSocket          *self,
                                                        const char          *path,
                                                        GError             **error);

QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_connect_ssl               (QnetSocket          *self,
                                                        const char          *dest,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_connect_ssl_async         (QnetSocket          *self,
                                                        const char          *dest,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_connect_ssl_finish        (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_connect_inet_ssl          (QnetSocket          *self,
                                                        const char          *host,
                                                        const char          *service,
                                                        GSocketFamily        family,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_connect_inet_ssl_async    (QnetSocket          *self,
                                                        const char          *host,
                                                        const char          *service,
                                                        GSocketFamily        family,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_connect_inet_ssl_finish   (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_connect_unix_ssl          (QnetSocket          *self,
                                                        const char          *path,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_connect_unix_ssl_async    (QnetSocket          *self,
                                                        const char          *path,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_connect_unix_ssl_finish   (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_upgrade_client_to_ssl     (QnetSocket          *self,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_upgrade_client_to_ssl_async (QnetSocket        *self,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_upgrade_client_to_ssl_finish (QnetSocket       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_upgrade_server_to_ssl     (QnetSocket          *self,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_upgrade_server_to_ssl_async (QnetSocket        *self,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_upgrade_server_to_ssl_finish (QnetSocket       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
QnetSocket      *qnet_socket_accept_ssl                (QnetSocket          *self,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_accept_ssl_async          (QnetSocket          *self,
                                                        gint                 timeout_ms,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
QnetSocket      *qnet_socket_accept_ssl_finish         (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_shutdown_ssl              (QnetSocket          *self,
                                                        GCancellable        *cancellable,
                                                        GError             **error);
QNET_AVAILABLE_IN_1_0
void             qnet_socket_shutdown_ssl_async        (QnetSocket          *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
QNET_AVAILABLE_IN_1_0
gboolean         qnet_socket_shutdown_ssl_finish       (QnetSocket          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

QNET_AVAILABLE_IN_1_0
const char      *qnet_socket_get_cipher_name           (QnetSocket          *self);
QNET_AVAILABLE_IN_1_0
const char      *qnet_socket_get_cipher_version        (QnetSocket          *self);
QNET_AVAILABLE_IN_1_0
const char      *qnet_socket_verify_peer_certificate   (QnetSocket          *self);
QNET_AVAILABLE_IN_1_0
QnetTlsCertificate *qnet_socket_get_peer_certificate   (QnetSocket          *self);

G_END_DECLS
