/* qnet-connector.h: resolve a destination and try its addresses (internal, layer 1)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A QnetConnector resolves a QnetAddress with GResolver (unless it is
 * numeric or a UNIX path), then tries each address in turn with a
 * non-blocking connect, on the thread-default main context of the caller,
 * until one succeeds. It reports what happens through callbacks (facts
 * only: this layer never emits signals) and ends with exactly one call of
 * the done function. The whole operation is bounded by @timeout_ms.
 *
 * After each callback the connector checks whether it was cancelled (the
 * owner may close its object from a handler) and stops then.
 */

#pragma once

#include <gio/gio.h>

#include "qnet-address.h"

G_BEGIN_DECLS

typedef struct _QnetConnector QnetConnector;

typedef struct {
  /* A host name is about to be resolved (not for numeric addresses). */
  void (*lookup)     (gpointer        user_data,
                      const char     *name,
                      const char     *service);
  /* Once per address the resolver returned, before the first attempt. */
  void (*resolved)   (gpointer        user_data,
                      GInetAddress   *address,
                      guint16         port);
  /* Before each connection attempt. */
  void (*connecting) (gpointer        user_data,
                      GSocketAddress *address);
} QnetConnectorCallbacks;

/* @socket (transfer full, nullable) is the connected, non-blocking socket
 * on success; otherwise @error (transfer full) says why: the last
 * attempt's G_IO_ERROR, a G_RESOLVER_ERROR for a failed lookup,
 * G_IO_ERROR_TIMED_OUT or G_IO_ERROR_CANCELLED. In resolve-only mode
 * @socket is NULL on success and the addresses are
 * qnet_connector_get_addresses(). */
typedef void (*QnetConnectorDoneFunc) (QnetConnector *connector,
                                       gpointer       user_data,
                                       GSocket       *socket,
                                       GError        *error);

/* Starts connecting. @timeout_ms: -1 none, 0 do not wait (an attempt that
 * cannot complete at once times out), > 0 the limit for the whole
 * operation. @done may run before this returns. Returns a reference the
 * caller releases with qnet_connector_unref() (any time). */
QnetConnector *qnet_connector_connect        (const QnetAddress            *target,
                                              gint                          timeout_ms,
                                              GCancellable                 *cancellable,
                                              const QnetConnectorCallbacks *callbacks,
                                              QnetConnectorDoneFunc         done,
                                              gpointer                      user_data);
/* Only resolves (lookup and resolved callbacks, then done). */
QnetConnector *qnet_connector_resolve        (const QnetAddress            *target,
                                              gint                          timeout_ms,
                                              GCancellable                 *cancellable,
                                              const QnetConnectorCallbacks *callbacks,
                                              QnetConnectorDoneFunc         done,
                                              gpointer                      user_data);
/* (transfer none) (element-type GInetAddress): the resolved addresses. */
GList         *qnet_connector_get_addresses  (QnetConnector                *self);
/* Stops the operation: done follows with G_IO_ERROR_CANCELLED (at once
 * when called from one of the callbacks, else from the main loop). Does
 * nothing after done. */
void           qnet_connector_cancel         (QnetConnector                *self);
QnetConnector *qnet_connector_ref            (QnetConnector                *self);
void           qnet_connector_unref          (QnetConnector                *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QnetConnector, qnet_connector_unref)

G_END_DECLS
