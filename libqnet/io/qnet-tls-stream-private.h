/* qnet-tls-stream-private.h: what QnetTlsStream's two halves use
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qnet-tls-stream.h"

G_BEGIN_DECLS

/* Non-fatal GnuTLS results in a row (interrupted calls, warning alerts,
 * refused renegotiations) before a read or a handshake step gives up. */
#define QNET_TLS_MAX_RETRIES 32
/* Certificates in the own chain. */
#define QNET_TLS_MAX_CHAIN 16

/* The object is split over qnet-tls-stream.c (object, configuration,
 * queries), qnet-tls-stream-handshake.c (session, handshake,
 * close_notify) and qnet-tls-stream-io.c (transport, plaintext I/O). */
typedef enum {
  HANDSHAKE_IDLE,
  HANDSHAKE_RUNNING,
  HANDSHAKE_FINISHING,   /* verified; the last flight is being written */
  HANDSHAKE_DONE,
  HANDSHAKE_FAILED,
} HandshakeState;

struct _QnetTlsStream
{
  GIOStream parent_instance;

  GIOStream             *base;       /* (owned) */
  GPollableInputStream  *base_in;    /* (unowned): owned by base */
  GPollableOutputStream *base_out;   /* (unowned): owned by base */
  GInputStream          *in;         /* (owned) */
  GOutputStream         *out;        /* (owned) */
  QnetTlsStreamMode      mode;

  /* Configuration. */
  const QnetTlsStreamCallbacks *callbacks;  /* (unowned) (nullable) */
  gpointer                      callbacks_data;
  char                  *server_identity;   /* (owned) (nullable): brackets stripped */
  gboolean               verify_peer;
  gboolean               system_trust;
  GBytes                *ca_data;           /* (owned) (nullable) */
  gnutls_x509_crt_fmt_t  ca_format;
  GPtrArray             *own_chain;         /* (owned) (nullable) (element-type GBytes): DER */
  gnutls_x509_privkey_t  own_key;           /* (owned) (nullable) */
  QnetTlsClientAuth      client_auth;
  char                  *priority;          /* (owned) (nullable) */
  gboolean               require_close_notify;

  /* Session. */
  gnutls_session_t                 session;  /* (owned) (nullable) */
  gnutls_certificate_credentials_t creds;    /* (owned) (nullable) */
  gnutls_certificate_credentials_t shared_creds; /* (unowned) (nullable): process-wide */
  HandshakeState         handshake_state;
  GError                *handshake_error;    /* (owned) (nullable) */
  char                  *cipher_name;        /* (owned) (nullable) */
  char                  *protocol_version;   /* (owned) (nullable) */
  const char            *verify_code;        /* (unowned) (nullable): static */
  gboolean               certificate_accepted;
  GPtrArray             *peer_chain;         /* (owned) (nullable) (element-type GBytes) */
  char                  *requested_server_name; /* (owned) (nullable) */

  /* Transport. */
  GBytes                *initial_input;      /* (owned) (nullable) */
  gsize                  initial_offset;
  GError                *in_error;           /* (owned) (nullable): base read error */
  GMutex                 out_lock;           /* guards the three below */
  GByteArray            *out_pending;        /* (owned): ciphertext not yet written */
  gsize                  out_offset;
  GError                *out_error;          /* (owned) (nullable): base write error */

  gboolean               read_closed;        /* end of stream reached */
  gboolean               got_close_notify;
  gboolean               truncated;
  gboolean               write_closed;       /* close_notify sent */
  gboolean               closing;            /* g_io_stream_close() ran */
};


static inline gboolean
qnet_tls_set_gnutls_error (GError    **error,
                           GQuark      domain,
                           gint        code,
                           const char *what,
                           int         gnutls_ret)
{
  g_set_error (error, domain, code, "%s: %s", what, gnutls_strerror (gnutls_ret));
  return FALSE;
}

/* Sets GnuTLS's transport functions on the new session. */
void           qnet_tls_stream_install_transport       (QnetTlsStream  *self);
/* The base stream's pollable source for @condition. */
GSource       *qnet_tls_stream_create_base_source      (QnetTlsStream  *self,
                                                        GIOCondition    condition,
                                                        GCancellable   *cancellable);
/* Queues close_notify once (the caller flushes); fails when no session
 * is established. */
gboolean       qnet_tls_stream_queue_close_notify      (QnetTlsStream  *self,
                                                        GError        **error);

/* The plaintext halves (qnet-tls-input-stream.c, qnet-tls-output-stream.c).
 * They keep a weak reference on their QnetTlsStream. */
#define QNET_TYPE_TLS_INPUT_STREAM (qnet_tls_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (QnetTlsInputStream, qnet_tls_input_stream,
                      QNET, TLS_INPUT_STREAM, GInputStream)

#define QNET_TYPE_TLS_OUTPUT_STREAM (qnet_tls_output_stream_get_type ())
G_DECLARE_FINAL_TYPE (QnetTlsOutputStream, qnet_tls_output_stream,
                      QNET, TLS_OUTPUT_STREAM, GOutputStream)

GInputStream  *qnet_tls_input_stream_new              (QnetTlsStream *tls);
GOutputStream *qnet_tls_output_stream_new             (QnetTlsStream *tls);

/* Plaintext I/O without blocking: G_IO_ERROR_WOULD_BLOCK when nothing can
 * be done now. The read returns at most one record's plaintext. */
gssize         qnet_tls_stream_read_nonblocking        (QnetTlsStream  *self,
                                                        void           *buffer,
                                                        gsize           count,
                                                        GError        **error);
gssize         qnet_tls_stream_write_nonblocking       (QnetTlsStream  *self,
                                                        const void     *buffer,
                                                        gsize           count,
                                                        GError        **error);
/* Whether an operation in @condition's direction (G_IO_IN: read, G_IO_OUT:
 * write) can make progress without touching the base stream (decrypted
 * data pending, end of stream or an error to report, nothing queued). */
gboolean       qnet_tls_stream_ready_now               (QnetTlsStream  *self,
                                                        GIOCondition    condition);
/* Like ready_now, or the base stream is readable/writable. */
gboolean       qnet_tls_stream_is_ready                (QnetTlsStream  *self,
                                                        GIOCondition    condition);
/* A source dispatching @pollable (the half, given to the
 * GPollableSourceFunc callback) when @condition is ready. */
GSource       *qnet_tls_stream_create_source           (QnetTlsStream  *self,
                                                        GIOCondition    condition,
                                                        GObject        *pollable,
                                                        GCancellable   *cancellable);
/* Blocks until the base stream is ready for @condition, @deadline
 * (monotonic µs; -1 none) passes (G_IO_ERROR_TIMED_OUT) or @cancellable
 * fires. */
gboolean       qnet_tls_stream_wait                    (QnetTlsStream  *self,
                                                        GIOCondition    condition,
                                                        gint64          deadline,
                                                        GCancellable   *cancellable,
                                                        GError        **error);
G_END_DECLS
