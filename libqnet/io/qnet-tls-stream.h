/* qnet-tls-stream.h: a TLS session over a base GIOStream, with GnuTLS
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Internal (layer 1, io/). A QnetTlsStream wraps a connected base
 * GIOStream whose input and output streams are pollable (a
 * GSocketConnection, or any GIOStream with GPollableInputStream and
 * GPollableOutputStream halves) and runs a GnuTLS session over it. Its own
 * input and output streams are pollable too: read_nonblocking() and
 * write_nonblocking() carry plaintext, the sources wake on the base
 * stream, and the blocking forms poll. The owner drives the handshake
 * explicitly (sync or async), then reads and writes plaintext.
 *
 * Transport: GnuTLS pulls from the base input stream without blocking
 * (G_IO_ERROR_WOULD_BLOCK becomes EAGAIN) and pushes to the base output
 * stream without blocking; ciphertext the base stream could not take at
 * once is kept (at most one record's worth beyond what the kernel took)
 * and written before anything else, so a write never reports
 * G_IO_ERROR_WOULD_BLOCK after GnuTLS consumed the plaintext.
 *
 * STARTTLS: wrapping a base stream that already carried plaintext is
 * fine as long as no byte of the TLS handshake was read ahead by the
 * owner. If the owner buffered bytes past its last plaintext message,
 * it passes them as @initial_input to qnet_tls_stream_new(): they are fed
 * to GnuTLS before anything read from the base stream.
 *
 * Bytes GnuTLS read past the peer's close_notify are not given back:
 * dropping TLS and going on in plaintext on the same connection (FTP's
 * CCC) is not supported.
 *
 * Closing: g_io_stream_close() (and so disposing the last reference, as
 * for every GIOStream) sends close_notify as far as the base stream takes
 * it without waiting, then closes the base stream. For a close_notify
 * that is sure to be written, call qnet_tls_stream_close_notify() first.
 *
 * Facts go to the owner through QnetTlsStreamCallbacks; this layer never
 * emits signals. Nothing here is thread-safe beyond what GIO promises for
 * a GIOStream: one pending operation per direction.
 */

#pragma once

#include <gio/gio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

G_BEGIN_DECLS

typedef enum {
  QNET_TLS_STREAM_CLIENT,
  QNET_TLS_STREAM_SERVER,
} QnetTlsStreamMode;

/* Server side: whether a client certificate is asked for. */
typedef enum {
  QNET_TLS_CLIENT_AUTH_NONE,     /* not requested (default) */
  QNET_TLS_CLIENT_AUTH_REQUEST,  /* requested; the handshake goes on without one */
  QNET_TLS_CLIENT_AUTH_REQUIRE,  /* required; the handshake fails without one */
} QnetTlsClientAuth;

/* How the stream reports facts to its owner. Every member may be NULL.
 * They are called from the thread and main context that drive the
 * handshake, never after the handshake finished; the stream holds a
 * reference on itself while it calls them, so the owner may drop or
 * close it from a callback (the handshake then fails). */
typedef struct {
  /* The peer's certificate did not verify (@code is "X509_V_ERR_…") and
   * verification is on: return TRUE to accept the peer anyway. @peer_der
   * is the peer's leaf certificate (DER); the whole chain is
   * qnet_tls_stream_get_peer_certificates(). Without this callback, or
   * when it returns FALSE, the handshake fails with
   * QNET_TLS_ERROR_CERTIFICATE. */
  gboolean (*accept_certificate) (gpointer    user_data,
                                  GBytes     *peer_der,
                                  const char *code);
  /* The handshake succeeded (cipher and version are known), just before
   * qnet_tls_stream_handshake() returns TRUE or the async handshake's
   * callback runs. */
  void     (*handshake_done)     (gpointer    user_data);
} QnetTlsStreamCallbacks;

#define QNET_TYPE_TLS_STREAM (qnet_tls_stream_get_type ())
G_DECLARE_FINAL_TYPE (QnetTlsStream, qnet_tls_stream, QNET, TLS_STREAM, GIOStream)

/* Wraps @base (not yet read from by GnuTLS). @initial_input (nullable) is
 * ciphertext the owner already read from @base (STARTTLS read-ahead).
 * Fails with G_IO_ERROR_NOT_SUPPORTED when @base's halves are not
 * pollable. */
QnetTlsStream    *qnet_tls_stream_new                    (GIOStream         *base,
                                                          QnetTlsStreamMode  mode,
                                                          GBytes            *initial_input,
                                                          GError           **error);

GIOStream        *qnet_tls_stream_get_base_stream        (QnetTlsStream     *self);
QnetTlsStreamMode qnet_tls_stream_get_mode               (QnetTlsStream     *self);

/* ---- Configuration: before the handshake starts ---------------------- */

/* @callbacks must stay valid while the stream lives (usually a static
 * const struct); @user_data is not referenced. */
void              qnet_tls_stream_set_callbacks          (QnetTlsStream                *self,
                                                          const QnetTlsStreamCallbacks *callbacks,
                                                          gpointer                      user_data);
/* Client side: the host name (or IP literal, brackets allowed) the
 * certificate must match; also sent as SNI unless it is an IP literal.
 * NULL (default): no host-name check and no SNI. The owner sets it to the
 * name it connected to, or to its override. */
void              qnet_tls_stream_set_server_identity    (QnetTlsStream     *self,
                                                          const char        *host);
const char       *qnet_tls_stream_get_server_identity    (QnetTlsStream     *self);
/* Whether a peer certificate that does not verify fails the handshake
 * (after asking accept_certificate). Default TRUE. The verification code
 * is computed either way. In server mode it applies to the client
 * certificate, when one is asked for and sent. */
void              qnet_tls_stream_set_verify_peer        (QnetTlsStream     *self,
                                                          gboolean           verify);
/* Whether the system trust store is used for verification (default TRUE). */
void              qnet_tls_stream_set_system_trust       (QnetTlsStream     *self,
                                                          gboolean           use_system_trust);
/* Adds the CA certificates of @path (PEM, one or more, or one DER
 * certificate) to the trusted ones (in addition to the system store when
 * that is on). Fails with QNET_TLS_ERROR_INVALID_CERTIFICATE (or a
 * G_IO_ERROR reading the file) and leaves the trust unchanged. */
gboolean          qnet_tls_stream_set_ca_file            (QnetTlsStream     *self,
                                                          const char        *path,
                                                          GError           **error);
/* Own certificate (leaf first, then its issuers) and its private key;
 * required in server mode, optional client certificate in client mode.
 * The objects are copied. Fails with QNET_TLS_ERROR_INVALID_KEY when the
 * key does not belong to @chain[0]. */
gboolean          qnet_tls_stream_set_certificate        (QnetTlsStream           *self,
                                                          const gnutls_x509_crt_t *chain,
                                                          guint                    n_chain,
                                                          gnutls_x509_privkey_t    key,
                                                          GError                 **error);
/* Server side: ask for a client certificate. Default NONE. */
void              qnet_tls_stream_set_client_auth        (QnetTlsStream     *self,
                                                          QnetTlsClientAuth  auth);
/* GnuTLS priority string (NULL: the system default). Fails with
 * G_IO_ERROR_INVALID_ARGUMENT when GnuTLS rejects it. */
gboolean          qnet_tls_stream_set_priority           (QnetTlsStream     *self,
                                                          const char        *priority,
                                                          GError           **error);
/* When TRUE, a peer that closes the connection without close_notify
 * makes the read that sees it fail with QNET_TLS_ERROR_TRUNCATED (once;
 * later reads return 0). When FALSE (default) that read returns 0 (end of
 * stream) and qnet_tls_stream_was_truncated() tells. May change at any
 * time (e.g. only while reading a body delimited by the close). */
void              qnet_tls_stream_set_require_close_notify (QnetTlsStream   *self,
                                                            gboolean         require);

/* ---- Handshake -------------------------------------------------------- */

/* @timeout_ms: -1 no limit, 0 do not wait for the peer, > 0 the limit for
 * the whole handshake (then G_IO_ERROR_TIMED_OUT). Errors:
 * QNET_TLS_ERROR_HANDSHAKE with GnuTLS's reason (or the base stream's
 * error's message), QNET_TLS_ERROR_CERTIFICATE when the peer's
 * certificate was rejected (message: host, human text and code),
 * G_IO_ERROR_CANCELLED, G_IO_ERROR_TIMED_OUT, G_IO_ERROR_PENDING while one
 * runs. A handshake runs once: after success it returns TRUE at once,
 * after a failure it fails again with the same error. The sync form polls
 * the base stream (no main context involved). */
gboolean          qnet_tls_stream_handshake              (QnetTlsStream       *self,
                                                          gint                 timeout_ms,
                                                          GCancellable        *cancellable,
                                                          GError             **error);
/* Driven by pollable sources (and a timeout source) on the thread-default
 * main context of the caller. */
void              qnet_tls_stream_handshake_async        (QnetTlsStream       *self,
                                                          gint                 timeout_ms,
                                                          int                  io_priority,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean          qnet_tls_stream_handshake_finish       (QnetTlsStream       *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
gboolean          qnet_tls_stream_is_handshaken          (QnetTlsStream       *self);

/* ---- After the handshake (NULL before) ------------------------------- */

/* IANA name of the negotiated suite, e.g. "TLS_AES_256_GCM_SHA384" or
 * "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384". */
const char       *qnet_tls_stream_get_cipher_name        (QnetTlsStream     *self);
/* "TLS1.3", "TLS1.2", ... */
const char       *qnet_tls_stream_get_protocol_version   (QnetTlsStream     *self);
/* The verification result of the peer's certificate: "X509_V_OK" or an
 * "X509_V_ERR_…" name (see qnet-tls-verify.h), also when verification
 * was off or the callback accepted the peer; NULL before the handshake and
 * when the peer sent no certificate (server mode). */
const char       *qnet_tls_stream_get_verify_code        (QnetTlsStream     *self);
/* TRUE when accept_certificate accepted a peer that did not verify. */
gboolean          qnet_tls_stream_get_certificate_accepted (QnetTlsStream   *self);
/* (transfer full) (nullable): the peer's leaf certificate, DER. */
GBytes           *qnet_tls_stream_get_peer_certificate   (QnetTlsStream     *self);
/* (transfer full) (element-type GBytes) (nullable): the peer's chain as
 * sent, DER, leaf first. Available from inside accept_certificate too. */
GPtrArray        *qnet_tls_stream_get_peer_certificates  (QnetTlsStream     *self);
/* Server side: the host name the client asked for with SNI, or NULL. */
const char       *qnet_tls_stream_get_requested_server_name (QnetTlsStream  *self);

/* ---- Shutdown ---------------------------------------------------------- */

/* Sends close_notify (once) and writes out everything pending; the read
 * side stays open (the peer's own close_notify ends it) and the base
 * stream is not closed. @timeout_ms as for the handshake. Errors:
 * QNET_TLS_ERROR_FAILED when no session was established, the base
 * stream's error, G_IO_ERROR_TIMED_OUT, G_IO_ERROR_CANCELLED. Writes after
 * it fail with G_IO_ERROR_CLOSED. */
gboolean          qnet_tls_stream_close_notify           (QnetTlsStream       *self,
                                                          gint                 timeout_ms,
                                                          GCancellable        *cancellable,
                                                          GError             **error);
void              qnet_tls_stream_close_notify_async     (QnetTlsStream       *self,
                                                          gint                 timeout_ms,
                                                          int                  io_priority,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean          qnet_tls_stream_close_notify_finish    (QnetTlsStream       *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
/* The peer sent close_notify (reads returned end of stream cleanly). */
gboolean          qnet_tls_stream_got_close_notify       (QnetTlsStream     *self);
/* The peer closed the connection without close_notify (seen by a read). */
gboolean          qnet_tls_stream_was_truncated          (QnetTlsStream     *self);
/* Ciphertext is waiting to be written to the base stream (flush the
 * output stream, or close_notify, to write it). */
gboolean          qnet_tls_stream_has_pending_output     (QnetTlsStream     *self);

/* Flushing what a write left buffered: the socket layer completes a send
 * only when its ciphertext reached the base stream. */
/* Writes pending ciphertext without blocking (TRUE when none is left). */
gboolean       qnet_tls_stream_flush_nonblocking       (QnetTlsStream  *self,
                                                        GError        **error);
/* Blocking flush, and its asynchronous form (pollable sources on the
 * thread-default context). */
gboolean       qnet_tls_stream_flush                   (QnetTlsStream  *self,
                                                        gint64          deadline,
                                                        GCancellable   *cancellable,
                                                        GError        **error);
void           qnet_tls_stream_flush_async             (QnetTlsStream       *self,
                                                        gpointer             source_object,
                                                        gint                 timeout_ms,
                                                        int                  io_priority,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean       qnet_tls_stream_flush_finish            (GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS
