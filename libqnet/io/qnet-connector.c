/* qnet-connector.c: resolve a destination and try its addresses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <sys/socket.h>

#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>

#include "qnet-connector.h"

struct _QnetConnector
{
  grefcount                     ref;

  /* The target (copied). */
  QnetAddressKind               kind;
  char                         *host;
  char                         *service;
  char                         *path;
  guint16                       port;
  GSocketFamily                 family;
  GInetAddress                 *numeric;
  gboolean                      resolve_only;

  gint                          timeout_ms;
  GMainContext                 *context;          /* (owned) */
  GCancellable                 *cancellable;      /* (owned): ours, cancelled by the user's, close or timeout */
  GCancellable                 *user_cancellable; /* (owned) (nullable) */
  gulong                        user_handler;
  GSource                      *timeout_source;   /* (owned) (nullable) */
  gboolean                      timed_out;
  gboolean                      finished;

  GList                        *addresses;        /* (owned) (element-type GInetAddress) */
  GList                        *next;             /* (not owned): the next address to try */
  GSocket                      *socket;           /* (owned) (nullable): attempt in progress */
  GSource                      *socket_source;    /* (owned) (nullable) */
  GError                       *last_error;       /* (owned) (nullable) */

  const QnetConnectorCallbacks *callbacks;
  QnetConnectorDoneFunc         done;
  gpointer                      user_data;
};

static void try_next_address (QnetConnector *self);

static void
free_address (gpointer address)
{
  /* The one "address" of a UNIX target is NULL. */
  if (address != NULL)
    g_object_unref (address);
}

QnetConnector *
qnet_connector_ref (QnetConnector *self)
{
  g_ref_count_inc (&self->ref);
  return self;
}

void
qnet_connector_unref (QnetConnector *self)
{
  if (self == NULL || !g_ref_count_dec (&self->ref))
    return;

  g_assert (self->finished);
  g_free (self->host);
  g_free (self->service);
  g_free (self->path);
  g_clear_object (&self->numeric);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->user_cancellable);
  g_list_free_full (self->addresses, free_address);
  g_clear_object (&self->socket);
  g_clear_error (&self->last_error);
  g_free (self);
}

GList *
qnet_connector_get_addresses (QnetConnector *self)
{
  return self->addresses;
}

static void
clear_socket_source (QnetConnector *self)
{
  if (self->socket_source != NULL)
    {
      g_source_destroy (self->socket_source);
      g_clear_pointer (&self->socket_source, g_source_unref);
    }
}

/* Ends the operation once; drops the operation's own reference. */
static void
finish (QnetConnector *self,
        GSocket       *socket,
        GError        *error)
{
  if (self->finished)
    {
      g_clear_object (&socket);
      g_clear_error (&error);
      return;
    }
  self->finished = TRUE;

  clear_socket_source (self);
  if (self->timeout_source != NULL)
    {
      g_source_destroy (self->timeout_source);
      g_clear_pointer (&self->timeout_source, g_source_unref);
    }
  if (self->user_cancellable != NULL && self->user_handler != 0)
    {
      g_cancellable_disconnect (self->user_cancellable, self->user_handler);
      self->user_handler = 0;
    }
  if (self->socket != NULL && self->socket != socket)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);

  self->done (self, self->user_data, socket, error);
  qnet_connector_unref (self);
}

/* The error for a stop caused by our cancellable (user, close or timeout). */
static GError *
stop_error (QnetConnector *self)
{
  if (self->timed_out)
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("Connection timed out"));
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Operation was cancelled"));
}

/* After a callback: TRUE (and finished) if the owner stopped us. */
static gboolean
stopped (QnetConnector *self)
{
  if (self->finished)
    return TRUE;
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      finish (self, NULL, stop_error (self));
      return TRUE;
    }
  return FALSE;
}

static gboolean
on_timeout (gpointer data)
{
  QnetConnector *self = data;

  self->timed_out = TRUE;
  g_cancellable_cancel (self->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_user_cancelled (GCancellable *cancellable,
                   gpointer      data)
{
  QnetConnector *self = data;

  /* May run in another thread; cancelling is thread-safe. */
  g_cancellable_cancel (self->cancellable);
}

static gboolean
on_connect_ready (GSocket      *socket,
                  GIOCondition  condition,
                  gpointer      data)
{
  QnetConnector *self = data;
  GError *error = NULL;

  qnet_connector_ref (self);
  clear_socket_source (self);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      finish (self, NULL, stop_error (self));
    }
  else if (g_socket_check_connect_result (socket, &error))
    {
      finish (self, g_steal_pointer (&self->socket), NULL);
    }
  else
    {
      g_clear_error (&self->last_error);
      self->last_error = error;
      g_socket_close (self->socket, NULL);
      g_clear_object (&self->socket);
      try_next_address (self);
    }

  qnet_connector_unref (self);
  return G_SOURCE_REMOVE;
}

static GSocketAddress *
make_socket_address (QnetConnector *self,
                     GInetAddress  *address)
{
  if (self->kind == QNET_ADDRESS_UNIX)
    return g_unix_socket_address_new (self->path);
  return g_inet_socket_address_new (address, self->port);
}

/* Tries self->next; on an immediate failure moves on (bounded by the
 * number of addresses). */
static void
try_next_address (QnetConnector *self)
{
  while (!self->finished)
    {
      g_autoptr(GSocketAddress) address = NULL;
      g_autoptr(GSocket) socket = NULL;
      struct sockaddr_storage native;
      gsize native_len;
      GError *error = NULL;
      int rc;

      if (self->next == NULL)
        {
          GError *last = g_steal_pointer (&self->last_error);

          if (last == NULL)
            last = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND,
                                        _("No address to connect to"));
          finish (self, NULL, last);
          return;
        }

      address = make_socket_address (self, self->next->data);
      self->next = self->next->next;

      if (self->callbacks->connecting != NULL)
        {
          self->callbacks->connecting (self->user_data, address);
          if (stopped (self))
            return;
        }

      socket = g_socket_new (g_socket_address_get_family (address),
                             G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
      native_len = g_socket_address_get_native_size (address);
      if (socket != NULL &&
          !g_socket_address_to_native (address, &native, sizeof native, &error))
        g_clear_object (&socket);
      if (socket == NULL)
        {
          g_clear_error (&self->last_error);
          self->last_error = error;
          continue;
        }
      g_socket_set_blocking (socket, FALSE);

      do
        rc = connect (g_socket_get_fd (socket), (struct sockaddr *) &native, (socklen_t) native_len);
      while (rc < 0 && errno == EINTR);

      if (rc == 0)
        {
          finish (self, g_steal_pointer (&socket), NULL);
          return;
        }

      if (errno == EINPROGRESS)
        {
          if (self->timeout_ms == 0)
            {
              self->timed_out = TRUE;
              g_socket_close (socket, NULL);
              finish (self, NULL, stop_error (self));
              return;
            }
          self->socket = g_steal_pointer (&socket);
          self->socket_source = g_socket_create_source (self->socket, G_IO_OUT, self->cancellable);
          g_source_set_callback (self->socket_source, G_SOURCE_FUNC (on_connect_ready), self, NULL);
          g_source_set_static_name (self->socket_source, "[qnet] connect");
          g_source_attach (self->socket_source, self->context);
          return;
        }

      {
        int errsv = errno;

        g_clear_error (&self->last_error);
        self->last_error = g_error_new_literal (G_IO_ERROR, g_io_error_from_errno (errsv),
                                                g_strerror (errsv));
        g_socket_close (socket, NULL);
      }
    }
}

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  QnetConnector *self = data;  /* the reference taken for the lookup */
  GError *error = NULL;
  GList *list;

  list = g_resolver_lookup_by_name_with_flags_finish (G_RESOLVER (source), result, &error);

  if (self->finished)
    {
      g_resolver_free_addresses (list);
      g_clear_error (&error);
    }
  else if (list == NULL)
    {
      if (g_cancellable_is_cancelled (self->cancellable))
        {
          g_clear_error (&error);
          error = stop_error (self);
        }
      finish (self, NULL, error);
    }
  else
    {
      self->addresses = list;
      self->next = list;

      if (self->callbacks->resolved != NULL)
        {
          for (GList *l = list; l != NULL; l = l->next)
            {
                  self->callbacks->resolved (self->user_data, l->data, self->port);
                  if (stopped (self))
                break;
            }
        }

      if (!self->finished)
        {
          if (self->resolve_only)
            finish (self, NULL, NULL);
          else
            try_next_address (self);
        }
    }

  qnet_connector_unref (self);
}

static QnetConnector *
connector_start (const QnetAddress            *target,
                 gboolean                      resolve_only,
                 gint                          timeout_ms,
                 GCancellable                 *cancellable,
                 const QnetConnectorCallbacks *callbacks,
                 QnetConnectorDoneFunc         done,
                 gpointer                      user_data)
{
  QnetConnector *self = g_new0 (QnetConnector, 1);

  g_ref_count_init (&self->ref);
  self->kind = target->kind;
  self->host = g_strdup (target->host);
  self->service = g_strdup (target->service);
  self->path = g_strdup (target->path);
  self->port = target->port;
  self->family = target->family;
  self->numeric = target->numeric != NULL ? g_object_ref (target->numeric) : NULL;
  self->resolve_only = resolve_only;
  self->timeout_ms = timeout_ms;
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->callbacks = callbacks;
  self->done = done;
  self->user_data = user_data;

  /* One reference for the caller, one for the operation (dropped by finish). */
  qnet_connector_ref (self);

  if (cancellable != NULL)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          finish (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                   _("Operation was cancelled")));
          return self;
        }
      self->user_cancellable = g_object_ref (cancellable);
      self->user_handler = g_cancellable_connect (cancellable, G_CALLBACK (on_user_cancelled),
                                                  self, NULL);
    }

  if (timeout_ms > 0)
    {
      self->timeout_source = g_timeout_source_new (timeout_ms);
      g_source_set_callback (self->timeout_source, on_timeout, self, NULL);
      g_source_set_static_name (self->timeout_source, "[qnet] connect timeout");
      g_source_attach (self->timeout_source, self->context);
    }

  if (self->kind == QNET_ADDRESS_UNIX)
    {
      self->addresses = g_list_prepend (NULL, NULL);  /* one attempt, on the path */
      self->next = self->addresses;
      if (resolve_only)
        finish (self, NULL, NULL);
      else
        try_next_address (self);
      return self;
    }

  if (self->numeric != NULL)
    {
      self->addresses = g_list_prepend (NULL, g_object_ref (self->numeric));
      self->next = self->addresses;
      if (resolve_only)
        finish (self, NULL, NULL);
      else
        try_next_address (self);
      return self;
    }

  if (self->host == NULL)
    {
      finish (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                               _("No host given")));
      return self;
    }

  if (callbacks->lookup != NULL)
    {
      callbacks->lookup (user_data, self->host, self->service);
      if (stopped (self))
        return self;
    }

  {
    g_autoptr(GResolver) resolver = g_resolver_get_default ();
    GResolverNameLookupFlags flags = G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT;

    if (self->family == G_SOCKET_FAMILY_IPV4)
      flags = G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY;
    else if (self->family == G_SOCKET_FAMILY_IPV6)
      flags = G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY;

    g_resolver_lookup_by_name_with_flags_async (resolver, self->host, flags, self->cancellable,
                                                on_resolved, qnet_connector_ref (self));
  }

  return self;
}

QnetConnector *
qnet_connector_connect (const QnetAddress            *target,
                        gint                          timeout_ms,
                        GCancellable                 *cancellable,
                        const QnetConnectorCallbacks *callbacks,
                        QnetConnectorDoneFunc         done,
                        gpointer                      user_data)
{
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (callbacks != NULL && done != NULL, NULL);

  return connector_start (target, FALSE, timeout_ms, cancellable, callbacks, done, user_data);
}

QnetConnector *
qnet_connector_resolve (const QnetAddress            *target,
                        gint                          timeout_ms,
                        GCancellable                 *cancellable,
                        const QnetConnectorCallbacks *callbacks,
                        QnetConnectorDoneFunc         done,
                        gpointer                      user_data)
{
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (callbacks != NULL && done != NULL, NULL);

  return connector_start (target, TRUE, timeout_ms, cancellable, callbacks, done, user_data);
}

void
qnet_connector_cancel (QnetConnector *self)
{
  if (self == NULL || self->finished)
    return;

  /* From one of our callbacks, the check after it finishes at once;
   * otherwise the pending lookup or attempt wakes up cancelled. */
  g_cancellable_cancel (self->cancellable);
}
