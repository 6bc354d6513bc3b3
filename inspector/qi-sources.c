/* qi-sources.c: trace files (parsed in a worker thread) and live taps
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>

#include "qi-sources.h"

/* Trace files ----------------------------------------------------------- */

guint
qi_trace_parse_buffer (QiEventStore *store,
                       guint32       origin,
                       const char   *data,
                       gsize         len)
{
  const char *p = data;
  const char *end = data + len;
  guint n = 0;

  /* a UTF-8 byte order mark, as HAR readers also tolerate */
  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      gsize line_len = line_end - p;

      if (line_len > 0 && p[line_len - 1] == '\r')
        line_len--;
      if (line_len > 0)
        {
          guint before = qi_event_store_get_n_events (store);

          qi_event_store_append_json (store, origin, p, line_len, NULL);
          n += qi_event_store_get_n_events (store) - before;
        }
      p = line_end + 1;
    }
  return n;
}

static QiEventStore *
parse_file (GFile         *file,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(QiEventStore) batch = NULL;
  guint32 origin;
  const char *data;
  gsize len, done = 0;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Only local trace files can be opened"));
      return NULL;
    }
  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;

  batch = qi_event_store_new_detached ();
  origin = qi_event_store_add_origin (batch, QI_ORIGIN_FILE, name);
  data = g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);

  /* in slices of about 4 MiB, ending at a newline, to notice cancellation */
  while (done < len)
    {
      gsize slice = MIN (len - done, 4u * 1024 * 1024);
      const char *nl;

      if (done + slice < len)
        {
          nl = memchr (data + done + slice, '\n', len - done - slice);
          slice = nl != NULL ? (gsize) (nl - (data + done)) + 1 : len - done;
        }
      qi_trace_parse_buffer (batch, origin, data + done, slice);
      done += slice;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }
  return g_steal_pointer (&batch);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  QiEventStore *batch = parse_file (task_data, cancellable, &error);

  if (batch == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, batch, g_object_unref);
}

typedef struct {
  guint n_events;
} LoadResult;

static void
load_parsed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  QiEventStore *store = g_task_get_source_object (outer);
  GError *error = NULL;
  g_autoptr(QiEventStore) batch = g_task_propagate_pointer (G_TASK (result), &error);

  if (batch == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  {
    guint n = qi_event_store_get_n_events (batch);

    qi_event_store_merge (store, batch);
    g_task_return_int (outer, n);
  }
}

/**
 * qi_trace_file_load_async:
 * @store: the store to load into
 * @file: a JSON Lines trace
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the events are in @store
 * @user_data: for @callback
 *
 * Parses @file in a worker thread into a detached store, then merges that
 * into @store in the caller's main context (one ::changed at the next
 * flush).
 */
void
qi_trace_file_load_async (QiEventStore        *store,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *outer;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (QI_IS_EVENT_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (outer, qi_trace_file_load_async);
  inner = g_task_new (NULL, cancellable, load_parsed_cb, outer);
  g_task_set_task_data (inner, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (inner, load_thread);
}

gboolean
qi_trace_file_load_finish (QiEventStore  *store,
                           GAsyncResult  *result,
                           guint         *n_events,
                           GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_events != NULL)
    *n_events = (guint) n;
  return TRUE;
}

/* The blocking form, for the command line. */
gboolean
qi_trace_file_load (QiEventStore  *store,
                    GFile         *file,
                    guint         *n_events,
                    GError       **error)
{
  g_autoptr(QiEventStore) batch = parse_file (file, NULL, error);

  if (batch == NULL)
    return FALSE;
  if (n_events != NULL)
    *n_events = qi_event_store_get_n_events (batch);
  qi_event_store_merge (store, batch);
  qi_event_store_flush (store);
  return TRUE;
}

/* Live tap -------------------------------------------------------------- */

#define READ_CHUNK (64 * 1024)

typedef struct {
  QiLiveTap         *tap;         /* (unowned) */
  GSocketConnection *connection;  /* (owned) */
  GCancellable      *cancellable; /* (owned) */
  GByteArray        *partial;     /* (owned) an incomplete line */
  gboolean           discarding;  /* skipping a line that was too long */
  guint32            origin;
  guint8             buf[READ_CHUNK];
} TapConnection;

struct _QiLiveTap
{
  GObject            parent_instance;

  QiEventStore      *store;        /* (owned) */
  GSocketService    *service;      /* (owned) (nullable) */
  char              *path;         /* (owned) (nullable) */
  GPtrArray         *connections;  /* (owned) TapConnection */
  guint              n_accepted;
  guint64            n_lines;
};

G_DEFINE_FINAL_TYPE (QiLiveTap, qi_live_tap, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_CONNECTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tap_connection_free (TapConnection *tc)
{
  g_cancellable_cancel (tc->cancellable);
  g_clear_object (&tc->cancellable);
  g_io_stream_close (G_IO_STREAM (tc->connection), NULL, NULL);
  g_clear_object (&tc->connection);
  g_byte_array_unref (tc->partial);
  g_free (tc);
}

static void start_read (TapConnection *tc);

static void
handle_data (TapConnection *tc,
             const guint8  *data,
             gsize          len)
{
  QiLiveTap *self = tc->tap;
  const guint8 *p = data;
  const guint8 *end = data + len;

  while (p < end)
    {
      const guint8 *nl = memchr (p, '\n', end - p);
      const guint8 *stop = nl != NULL ? nl : end;

      if (tc->discarding)
        {
          if (nl != NULL)
            tc->discarding = FALSE;
        }
      else if (tc->partial->len + (stop - p) > QI_STORE_MAX_LINE)
        {
          /* hostile or broken writer: skip to the next newline */
          g_byte_array_set_size (tc->partial, 0);
          tc->discarding = nl == NULL;
          qi_event_store_append_json (self->store, tc->origin, "", 0, NULL);
        }
      else if (nl == NULL)
        g_byte_array_append (tc->partial, p, stop - p);
      else
        {
          const char *line = (const char *) p;
          gsize line_len = stop - p;

          if (tc->partial->len > 0)
            {
              g_byte_array_append (tc->partial, p, stop - p);
              line = (const char *) tc->partial->data;
              line_len = tc->partial->len;
            }
          if (line_len > 0 && line[line_len - 1] == '\r')
            line_len--;
          if (line_len > 0)
            {
              qi_event_store_append_json (self->store, tc->origin, line, line_len, NULL);
              self->n_lines++;
            }
          g_byte_array_set_size (tc->partial, 0);
        }
      p = nl != NULL ? nl + 1 : end;
    }
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  TapConnection *tc = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  QiLiveTap *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* tc is being freed */

  self = tc->tap;
  if (n <= 0)
    {
      /* EOF or error: the traced process went away */
      g_ptr_array_remove (self->connections, tc);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONNECTIONS]);
      return;
    }
  handle_data (tc, tc->buf, n);
  start_read (tc);
}

static void
start_read (TapConnection *tc)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (tc->connection));

  /* below the redraw priority: drawing never starves under a flood */
  g_input_stream_read_async (in, tc->buf, sizeof tc->buf, G_PRIORITY_DEFAULT_IDLE,
                             tc->cancellable, read_cb, tc);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             QiLiveTap         *self)
{
  TapConnection *tc;
  g_autofree char *name = NULL;

  if (self->connections->len >= QI_LIVE_TAP_MAX_CONNECTIONS)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      return TRUE;
    }

  self->n_accepted++;
  name = g_strdup_printf (_("live tap #%u"), self->n_accepted);
  tc = g_new0 (TapConnection, 1);
  tc->tap = self;
  tc->connection = g_object_ref (connection);
  tc->cancellable = g_cancellable_new ();
  tc->partial = g_byte_array_new ();
  tc->origin = qi_event_store_add_origin (self->store, QI_ORIGIN_LIVE, name);
  g_ptr_array_add (self->connections, tc);
  start_read (tc);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONNECTIONS]);
  return TRUE;
}

static void
qi_live_tap_dispose (GObject *object)
{
  QiLiveTap *self = QI_LIVE_TAP (object);

  qi_live_tap_stop (self);
  G_OBJECT_CLASS (qi_live_tap_parent_class)->dispose (object);
}

static void
qi_live_tap_finalize (GObject *object)
{
  QiLiveTap *self = QI_LIVE_TAP (object);

  g_ptr_array_unref (self->connections);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (qi_live_tap_parent_class)->finalize (object);
}

static void
qi_live_tap_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  QiLiveTap *self = QI_LIVE_TAP (object);

  switch (prop_id)
    {
    case PROP_N_CONNECTIONS:
      g_value_set_uint (value, self->connections->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qi_live_tap_class_init (QiLiveTapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qi_live_tap_dispose;
  object_class->finalize = qi_live_tap_finalize;
  object_class->get_property = qi_live_tap_get_property;

  properties[PROP_N_CONNECTIONS] =
    g_param_spec_uint ("n-connections", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qi_live_tap_init (QiLiveTap *self)
{
  self->connections = g_ptr_array_new_with_free_func ((GDestroyNotify) tap_connection_free);
}

QiLiveTap *
qi_live_tap_new (QiEventStore *store)
{
  QiLiveTap *self = g_object_new (QI_TYPE_LIVE_TAP, NULL);

  self->store = g_object_ref (store);
  return self;
}

/* TRUE if something accepts connections on @path. */
static gboolean
path_is_live (const char *path)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_DEFAULT, NULL);
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);

  return socket != NULL && g_socket_connect (socket, address, NULL, NULL);
}

/**
 * qi_live_tap_listen:
 * @self: a tap
 * @path: (nullable): the UNIX socket to listen on, %NULL for the default
 *   (`$XDG_RUNTIME_DIR/qnet-inspector/socket`)
 * @error: return location for a #GError
 *
 * Accepts traced processes (`QNET_TRACE=unix:PATH`, or `QNET_TRACE=inspector`
 * for the default). A stale socket file is replaced; a live one (another
 * inspector) is an error.
 */
gboolean
qi_live_tap_listen (QiLiveTap   *self,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *socket_path = path != NULL ? g_strdup (path) : qnet_trace_get_default_socket_path ();
  g_autofree char *dir = g_path_get_dirname (socket_path);
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketService) service = NULL;

  g_return_val_if_fail (QI_IS_LIVE_TAP (self), FALSE);

  qi_live_tap_stop (self);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  if (g_file_test (socket_path, G_FILE_TEST_EXISTS))
    {
      if (path_is_live (socket_path))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                       _("Another inspector is already listening on %s"), socket_path);
          return FALSE;
        }
      g_unlink (socket_path);
    }

  address = g_unix_socket_address_new (socket_path);
  service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT,
                                      NULL, NULL, error))
    return FALSE;
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), self);
  g_socket_service_start (service);

  self->service = g_steal_pointer (&service);
  self->path = g_steal_pointer (&socket_path);
  return TRUE;
}

void
qi_live_tap_stop (QiLiveTap *self)
{
  g_return_if_fail (QI_IS_LIVE_TAP (self));

  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_signal_handlers_disconnect_by_data (self->service, self);
      g_clear_object (&self->service);
      g_unlink (self->path);
    }
  g_clear_pointer (&self->path, g_free);
  if (self->connections->len > 0)
    {
      g_ptr_array_set_size (self->connections, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CONNECTIONS]);
    }
}

const char *
qi_live_tap_get_path (QiLiveTap *self)
{
  return self->path;
}

guint
qi_live_tap_get_n_connections (QiLiveTap *self)
{
  return self->connections->len;
}

guint64
qi_live_tap_get_n_lines (QiLiveTap *self)
{
  return self->n_lines;
}
