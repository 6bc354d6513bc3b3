/* http-test-server.c: scripted loopback servers replaying exact bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>

#include "http-test-server.h"

typedef enum {
  STEP_READ_REQUEST,
  STEP_SEND,
  STEP_SLEEP,
  STEP_CLOSE,
  STEP_RESET,
  STEP_HOLD,
} StepKind;

typedef struct {
  StepKind  kind;
  GBytes   *data;  /* STEP_SEND */
  guint     ms;    /* STEP_SLEEP */
} Step;

struct _HttpTestScript {
  GArray *steps;  /* (element-type Step) */
};

struct _HttpTestServer {
  GThread        *thread;
  GMainContext   *context;
  GSocketService *service;
  GCancellable   *cancellable;
  guint16         port;
  char           *unix_path;

  GMutex          lock;
  GCond           cond;
  GQueue          scripts;      /* (element-type HttpTestScript) */
  HttpTestScript *last;         /* repeated when the queue is empty */
  GPtrArray      *requests;     /* (element-type GBytes) */
  guint           connections;
  guint           active;
  gboolean        ready;
  gint            stop;         /* atomic */
};

static void
step_clear (gpointer data)
{
  Step *step = data;

  g_clear_pointer (&step->data, g_bytes_unref);
}

HttpTestScript *
http_test_script_new (void)
{
  HttpTestScript *script = g_new0 (HttpTestScript, 1);

  script->steps = g_array_new (FALSE, TRUE, sizeof (Step));
  g_array_set_clear_func (script->steps, step_clear);
  return script;
}

void
http_test_script_free (HttpTestScript *script)
{
  if (script == NULL)
    return;
  g_array_unref (script->steps);
  g_free (script);
}

static HttpTestScript *
script_copy (HttpTestScript *script)
{
  HttpTestScript *copy = http_test_script_new ();

  for (guint i = 0; i < script->steps->len; i++)
    {
      Step step = g_array_index (script->steps, Step, i);

      if (step.data != NULL)
        g_bytes_ref (step.data);
      g_array_append_val (copy->steps, step);
    }
  return copy;
}

static void
add_step (HttpTestScript *script,
          StepKind        kind,
          GBytes         *data,
          guint           ms)
{
  Step step = { kind, data, ms };

  g_array_append_val (script->steps, step);
}

void
http_test_script_read_request (HttpTestScript *script)
{
  add_step (script, STEP_READ_REQUEST, NULL, 0);
}

void
http_test_script_send (HttpTestScript *script,
                       const char     *text)
{
  add_step (script, STEP_SEND, g_bytes_new (text, strlen (text)), 0);
}

void
http_test_script_send_len (HttpTestScript *script,
                           const void     *data,
                           gsize           len)
{
  add_step (script, STEP_SEND, g_bytes_new (data, len), 0);
}

void
http_test_script_send_bytes (HttpTestScript *script,
                             GBytes         *bytes)
{
  add_step (script, STEP_SEND, bytes, 0);
}

void
http_test_script_sleep (HttpTestScript *script,
                        guint           ms)
{
  add_step (script, STEP_SLEEP, NULL, ms);
}

void
http_test_script_close (HttpTestScript *script)
{
  add_step (script, STEP_CLOSE, NULL, 0);
}

void
http_test_script_reset (HttpTestScript *script)
{
  add_step (script, STEP_RESET, NULL, 0);
}

void
http_test_script_hold (HttpTestScript *script)
{
  add_step (script, STEP_HOLD, NULL, 0);
}

HttpTestScript *
http_test_script_new_reply (const char *response,
                            guint       n)
{
  HttpTestScript *script = http_test_script_new ();

  for (guint i = 0; i < n; i++)
    {
      http_test_script_read_request (script);
      http_test_script_send (script, response);
    }
  http_test_script_close (script);
  return script;
}

/* ---- Serving one connection (in a worker thread, blocking) ---------------------- */

typedef struct {
  HttpTestServer    *server;
  GSocketConnection *connection;
  GSocket           *socket;
  GByteArray        *in;          /* bytes read and not used yet */
  gboolean           eof;
} Conn;

/* Reads more into conn->in; FALSE at end of stream or on error. */
static gboolean
conn_fill (Conn *conn)
{
  guint8 buf[16384];
  GError *error = NULL;
  gssize n;

  if (conn->eof)
    return FALSE;
  n = g_socket_receive (conn->socket, (gchar *) buf, sizeof buf, conn->server->cancellable, &error);
  if (n <= 0)
    {
      g_clear_error (&error);
      conn->eof = TRUE;
      return FALSE;
    }
  g_byte_array_append (conn->in, buf, (guint) n);
  return TRUE;
}

/* Index just past the first @needle in conn->in at or after @from, filling
 * as needed; -1 at end of stream. */
static gssize
conn_find (Conn       *conn,
           const char *needle,
           gsize       from)
{
  gsize len = strlen (needle);

  for (;;)
    {
      if (conn->in->len >= from + len)
        {
          const guint8 *hit = memmem (conn->in->data + from, conn->in->len - from, needle, len);

          if (hit != NULL)
            return (hit - conn->in->data) + (gssize) len;
        }
      if (conn->in->len > 8 * 1024 * 1024 || !conn_fill (conn))
        return -1;
    }
}

static gboolean
conn_need (Conn  *conn,
           gsize  len)
{
  while (conn->in->len < len)
    if (!conn_fill (conn))
      return FALSE;
  return TRUE;
}

static gboolean
header_has (const char *head,
            const char *name,
            char      **value)
{
  g_auto(GStrv) lines = g_strsplit (head, "\r\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');

      if (colon == NULL)
        continue;
      if ((gsize) (colon - lines[i]) == strlen (name) &&
          g_ascii_strncasecmp (lines[i], name, strlen (name)) == 0)
        {
          *value = g_strstrip (g_strdup (colon + 1));
          return TRUE;
        }
    }
  return FALSE;
}

/* Reads one request into @out (head and body); FALSE if the client
 * closed first. */
static gboolean
conn_read_request (Conn       *conn,
                   GByteArray *out)
{
  gssize end = conn_find (conn, "\r\n\r\n", 0);
  g_autofree char *head = NULL;
  g_autofree char *te = NULL;
  g_autofree char *cl = NULL;
  gsize pos;

  if (end < 0)
    return FALSE;
  head = g_strndup ((const char *) conn->in->data, (gsize) end);
  pos = (gsize) end;

  if (header_has (head, "Transfer-Encoding", &te) && g_ascii_strcasecmp (te, "chunked") == 0)
    {
      for (;;)
        {
          gssize line_end = conn_find (conn, "\r\n", pos);
          guint64 size;

          if (line_end < 0)
            return FALSE;
          size = g_ascii_strtoull ((const char *) conn->in->data + pos, NULL, 16);
          pos = (gsize) line_end;
          if (size == 0)
            {
              /* Trailers until an empty line. */
              for (;;)
                {
                  gssize trailer_end = conn_find (conn, "\r\n", pos);

                  if (trailer_end < 0)
                    return FALSE;
                  if ((gsize) trailer_end == pos + 2)
                    {
                      pos = (gsize) trailer_end;
                      break;
                    }
                  pos = (gsize) trailer_end;
                }
              break;
            }
          if (!conn_need (conn, pos + size + 2))
            return FALSE;
          pos += size + 2;
        }
    }
  else if (header_has (head, "Content-Length", &cl))
    {
      guint64 length = g_ascii_strtoull (cl, NULL, 10);

      if (!conn_need (conn, pos + length))
        return FALSE;
      pos += length;
    }

  g_byte_array_append (out, conn->in->data, (guint) pos);
  g_byte_array_remove_range (conn->in, 0, (guint) pos);
  return TRUE;
}

static void
conn_send (Conn   *conn,
           GBytes *data)
{
  gsize len;
  const guint8 *p = g_bytes_get_data (data, &len);

  while (len > 0)
    {
      GError *error = NULL;
      gssize n = g_socket_send (conn->socket, (const gchar *) p, len, conn->server->cancellable, &error);

      if (n <= 0)
        {
          g_clear_error (&error);
          return;
        }
      p += n;
      len -= (gsize) n;
    }
}

static void
conn_run (Conn           *conn,
          HttpTestScript *script)
{
  for (guint i = 0; i < script->steps->len; i++)
    {
      Step *step = &g_array_index (script->steps, Step, i);

      switch (step->kind)
        {
        case STEP_READ_REQUEST:
          {
            GByteArray *request = g_byte_array_new ();

            if (!conn_read_request (conn, request))
              {
                g_byte_array_unref (request);
                return;
              }
            g_mutex_lock (&conn->server->lock);
            g_ptr_array_add (conn->server->requests, g_byte_array_free_to_bytes (request));
            g_cond_broadcast (&conn->server->cond);
            g_mutex_unlock (&conn->server->lock);
          }
          break;

        case STEP_SEND:
          conn_send (conn, step->data);
          break;

        case STEP_SLEEP:
          g_usleep ((gulong) step->ms * 1000);
          break;

        case STEP_CLOSE:
          g_socket_shutdown (conn->socket, FALSE, TRUE, NULL);
          /* Read what the client still sends for a moment, so that
           * closing does not turn into a reset. */
          while (g_socket_condition_timed_wait (conn->socket, G_IO_IN, 200 * 1000, NULL, NULL) &&
                 conn_fill (conn))
            g_byte_array_set_size (conn->in, 0);
          return;

        case STEP_RESET:
          {
            struct linger lin = { 1, 0 };

            setsockopt (g_socket_get_fd (conn->socket), SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
            g_socket_close (conn->socket, NULL);
          }
          return;

        case STEP_HOLD:
          while (conn_fill (conn))
            g_byte_array_set_size (conn->in, 0);
          return;

        default:
          g_assert_not_reached ();
        }
    }
}

static gboolean
on_run (GThreadedSocketService *service,
        GSocketConnection      *connection,
        GObject                *source_object,
        gpointer                data)
{
  HttpTestServer *server = data;
  HttpTestScript *script = NULL;
  Conn conn = { server, connection, g_socket_connection_get_socket (connection), g_byte_array_new (), FALSE };

  g_socket_set_timeout (conn.socket, HTTP_TEST_TIMEOUT_MS / 1000 * 3);

  g_mutex_lock (&server->lock);
  server->connections++;
  server->active++;
  script = g_queue_pop_head (&server->scripts);
  if (script != NULL)
    {
      g_clear_pointer (&server->last, http_test_script_free);
      server->last = script_copy (script);
    }
  else if (server->last != NULL)
    script = script_copy (server->last);
  g_mutex_unlock (&server->lock);

  if (script != NULL)
    conn_run (&conn, script);
  http_test_script_free (script);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  g_byte_array_unref (conn.in);

  g_mutex_lock (&server->lock);
  server->active--;
  g_cond_broadcast (&server->cond);
  g_mutex_unlock (&server->lock);
  return TRUE;
}

/* ---- The server thread --------------------------------------------------------- */

static gpointer
server_thread (gpointer data)
{
  HttpTestServer *server = data;

  g_main_context_push_thread_default (server->context);
  g_socket_service_start (server->service);
  g_mutex_lock (&server->lock);
  server->ready = TRUE;
  g_cond_broadcast (&server->cond);
  g_mutex_unlock (&server->lock);
  while (!g_atomic_int_get (&server->stop))
    g_main_context_iteration (server->context, TRUE);
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

static HttpTestServer *
server_new (GSocketAddress *address)
{
  HttpTestServer *server = g_new0 (HttpTestServer, 1);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  g_mutex_init (&server->lock);
  g_cond_init (&server->cond);
  g_queue_init (&server->scripts);
  server->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  server->cancellable = g_cancellable_new ();
  server->context = g_main_context_new ();

  server->service = g_threaded_socket_service_new (16);
  g_socket_service_stop (server->service);
  g_signal_connect (server->service, "run", G_CALLBACK (on_run), server);
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_DEFAULT, NULL, &effective, &error);
  g_assert_no_error (error);
  if (G_IS_INET_SOCKET_ADDRESS (effective))
    server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));

  server->thread = g_thread_new ("http-test-server", server_thread, server);
  g_mutex_lock (&server->lock);
  while (!server->ready)
    g_cond_wait (&server->cond, &server->lock);
  g_mutex_unlock (&server->lock);
  return server;
}

HttpTestServer *
http_test_server_new (void)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);

  return server_new (address);
}

HttpTestServer *
http_test_server_new_unix (const char *path)
{
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);
  HttpTestServer *server = server_new (address);

  server->unix_path = g_strdup (path);
  return server;
}

void
http_test_server_add_script (HttpTestServer *server,
                             HttpTestScript *script)
{
  g_mutex_lock (&server->lock);
  g_queue_push_tail (&server->scripts, script);
  g_mutex_unlock (&server->lock);
}

guint16
http_test_server_get_port (HttpTestServer *server)
{
  return server->port;
}

char *
http_test_server_get_url (HttpTestServer *server,
                          const char     *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", server->port, path);
}

GPtrArray *
http_test_server_get_requests (HttpTestServer *server)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_mutex_lock (&server->lock);
  for (guint i = 0; i < server->requests->len; i++)
    g_ptr_array_add (copy, g_bytes_ref (g_ptr_array_index (server->requests, i)));
  g_mutex_unlock (&server->lock);
  return copy;
}

char *
http_test_server_get_request (HttpTestServer *server,
                              guint           n)
{
  char *text = NULL;

  g_mutex_lock (&server->lock);
  if (n < server->requests->len)
    {
      gsize len;
      const char *data = g_bytes_get_data (g_ptr_array_index (server->requests, n), &len);

      text = g_strndup (data, len);
    }
  g_mutex_unlock (&server->lock);
  return text;
}

guint
http_test_server_get_n_requests (HttpTestServer *server)
{
  guint n;

  g_mutex_lock (&server->lock);
  n = server->requests->len;
  g_mutex_unlock (&server->lock);
  return n;
}

guint
http_test_server_get_n_connections (HttpTestServer *server)
{
  guint n;

  g_mutex_lock (&server->lock);
  n = server->connections;
  g_mutex_unlock (&server->lock);
  return n;
}

void
http_test_server_wait_idle (HttpTestServer *server)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) HTTP_TEST_TIMEOUT_MS * 1000;

  g_mutex_lock (&server->lock);
  while (server->active > 0)
    {
      if (!g_cond_wait_until (&server->cond, &server->lock, deadline))
        break;
    }
  g_mutex_unlock (&server->lock);
}

void
http_test_server_free (HttpTestServer *server)
{
  gint64 deadline;

  if (server == NULL)
    return;

  g_cancellable_cancel (server->cancellable);
  g_atomic_int_set (&server->stop, TRUE);
  g_main_context_wakeup (server->context);
  g_thread_join (server->thread);

  /* Workers end once their blocking calls see the cancellation. */
  deadline = g_get_monotonic_time () + (gint64) HTTP_TEST_TIMEOUT_MS * 1000;
  g_mutex_lock (&server->lock);
  while (server->active > 0 && g_cond_wait_until (&server->cond, &server->lock, deadline))
    ;
  g_mutex_unlock (&server->lock);

  g_object_unref (server->service);
  g_main_context_unref (server->context);
  g_object_unref (server->cancellable);
  g_queue_clear_full (&server->scripts, (GDestroyNotify) http_test_script_free);
  http_test_script_free (server->last);
  g_ptr_array_unref (server->requests);
  if (server->unix_path != NULL)
    g_unlink (server->unix_path);
  g_free (server->unix_path);
  g_mutex_clear (&server->lock);
  g_cond_clear (&server->cond);
  g_free (server);
}
