/* qi-demo.c: the built-in loopback workload of `qnet-inspector --demo`
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A round is a list of steps run one after the other with small pauses, so
 * the lanes fill over a few seconds; rounds repeat. Objects live across
 * rounds (a lane per object keeps growing instead of new lanes piling up).
 *
 * The parts:
 *   add_file_steps()    QnetFile writes a file, reads it back, and fails
 *                       to open a missing one (operation-failed);
 *   qi_demo_socket_add_steps()  (qi-demo-socket.c) a loopback TCP server,
 *                       a client exchanging lines with it, and a connect to
 *                       a closed port (connect-failed);
 *   qi_demo_http_add_steps()    (qi-demo-http.c) the HTTP requests: see that
 *                       function, the one place they belong.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "qi-demo-private.h"

#define ROUND_PAUSE_MS 1500

typedef struct {
  guint          delay_ms;
  QiDemoStepFunc func;
  gpointer       data;
} Step;

G_DEFINE_FINAL_TYPE (QiDemo, qi_demo, G_TYPE_OBJECT)

enum {
  ROUND_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void run_next (QiDemo *self);

void
qi_demo_add_step (QiDemo         *self,
                  guint           delay_ms,
                  QiDemoStepFunc  func,
                  gpointer        data)
{
  Step step = { delay_ms, func, data };

  g_array_append_val (self->steps, step);
}

/* Keeps an emitter's events in the store (the in-process source). */
void
qi_demo_watch (QiDemo   *self,
               gpointer  emitter)
{
  qi_event_store_watch_emitter (self->store, emitter);
}

static gboolean
step_timeout_cb (gpointer data)
{
  QiDemo *self = data;
  Step *step = &g_array_index (self->steps, Step, self->next_step);

  self->timeout_id = 0;
  self->next_step++;
  self->in_step = TRUE;
  step->func (self, step->data);
  return G_SOURCE_REMOVE;
}

static gboolean
round_restart_cb (gpointer data)
{
  QiDemo *self = data;

  self->timeout_id = 0;
  self->next_step = 0;
  run_next (self);
  return G_SOURCE_REMOVE;
}

static void
run_next (QiDemo *self)
{
  if (!self->running)
    return;

  if (self->next_step >= self->steps->len)
    {
      self->rounds_done++;
      g_signal_emit (self, signals[ROUND_FINISHED], 0, self->rounds_done);
      if (self->max_rounds != 0 && self->rounds_done >= self->max_rounds)
        {
          self->running = FALSE;
          return;
        }
      self->timeout_id = g_timeout_add (ROUND_PAUSE_MS, round_restart_cb, self);
      return;
    }
  self->timeout_id = g_timeout_add (g_array_index (self->steps, Step, self->next_step).delay_ms,
                                    step_timeout_cb, self);
}

/* Called by every step when its work is done. */
void
qi_demo_step_done (QiDemo *self)
{
  g_return_if_fail (QI_IS_DEMO (self));

  self->in_step = FALSE;
  run_next (self);
}

/* Files ----------------------------------------------------------------- */

static void
report (const char   *what,
        GError       *error)
{
  /* The demo shows failures as events; nothing else to do here. */
  (void) what;
  (void) error;
}

static void
step_file_open_writer (QiDemo   *self,
                       gpointer  data)
{
  g_autoptr(GError) error = NULL;

  self->line_no = 0;
  if (!qnet_file_open (self->writer, self->path,
                       QNET_FILE_OPEN_WRITE | QNET_FILE_OPEN_CREATE | QNET_FILE_OPEN_TRUNCATE,
                       0644, NULL, NULL, &error))
    report ("open", error);
  qi_demo_step_done (self);
}

static void
step_file_write (QiDemo   *self,
                 gpointer  data)
{
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);

  /* a few KiB per step */
  for (guint i = 0; i < 48; i++)
    g_string_append_printf (text, "line %04u: the quick brown fox jumps over the lazy dog\n",
                            self->line_no++);
  if (qnet_file_is_open (self->writer) &&
      !qnet_file_write (self->writer, text->str, NULL, &error))
    report ("write", error);
  g_string_free (text, TRUE);
  qi_demo_step_done (self);
}

static void
step_file_close (QiDemo   *self,
                 gpointer  data)
{
  QnetFile *file = data;
  g_autoptr(GError) error = NULL;

  if (qnet_file_is_open (file) && !qnet_file_close (file, NULL, &error))
    report ("close", error);
  qi_demo_step_done (self);
}

static void
step_file_open_reader (QiDemo   *self,
                       gpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!qnet_file_open (self->reader, self->path, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error))
    report ("open", error);
  qi_demo_step_done (self);
}

static void
step_file_read (QiDemo   *self,
                gpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (qnet_file_is_open (self->reader))
    bytes = qnet_file_read_bytes (self->reader, 2048, NULL, &error);
  qi_demo_step_done (self);
}

static void
step_file_open_missing (QiDemo   *self,
                        gpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (self->workdir, "does-not-exist.txt", NULL);

  /* fails on purpose: open-file, then operation-failed */
  qnet_file_open (self->missing, missing, QNET_FILE_OPEN_READ, 0, NULL, NULL, &error);
  qi_demo_step_done (self);
}

static void
add_file_steps (QiDemo *self)
{
  self->writer = qnet_file_new (NULL);
  self->reader = qnet_file_new (NULL);
  self->missing = qnet_file_new (NULL);
  qi_demo_watch (self, self->writer);
  qi_demo_watch (self, self->reader);
  qi_demo_watch (self, self->missing);
  self->path = g_build_filename (self->workdir, "demo.txt", NULL);

  qi_demo_add_step (self, 100, step_file_open_writer, NULL);
  for (guint i = 0; i < 6; i++)
    qi_demo_add_step (self, 120, step_file_write, NULL);
  qi_demo_add_step (self, 100, step_file_close, self->writer);
  qi_demo_add_step (self, 150, step_file_open_reader, NULL);
  for (guint i = 0; i < 8; i++)
    qi_demo_add_step (self, 90, step_file_read, NULL);
  qi_demo_add_step (self, 80, step_file_close, self->reader);
  qi_demo_add_step (self, 120, step_file_open_missing, NULL);
}


/* Object ---------------------------------------------------------------- */

static void
qi_demo_dispose (GObject *object)
{
  QiDemo *self = QI_DEMO (object);

  qi_demo_stop (self);
  qi_demo_http_dispose (self);
  g_clear_object (&self->client);
  g_clear_object (&self->refused);
  g_clear_object (&self->accepted);
  g_clear_object (&self->server);
  g_clear_object (&self->writer);
  g_clear_object (&self->reader);
  g_clear_object (&self->missing);
  if (self->workdir != NULL)
    {
      if (self->path != NULL)
        g_unlink (self->path);
      g_rmdir (self->workdir);
      g_clear_pointer (&self->workdir, g_free);
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (qi_demo_parent_class)->dispose (object);
}

static void
qi_demo_finalize (GObject *object)
{
  QiDemo *self = QI_DEMO (object);

  g_array_unref (self->steps);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (qi_demo_parent_class)->finalize (object);
}

static void
qi_demo_class_init (QiDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qi_demo_dispose;
  object_class->finalize = qi_demo_finalize;

  /**
   * QiDemo::round-finished:
   * @rounds: how many rounds are done
   */
  signals[ROUND_FINISHED] = g_signal_new ("round-finished", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
qi_demo_init (QiDemo *self)
{
  self->steps = g_array_new (FALSE, FALSE, sizeof (Step));
  self->cancellable = g_cancellable_new ();
}

QiDemo *
qi_demo_new (QiEventStore *store)
{
  QiDemo *self = g_object_new (QI_TYPE_DEMO, NULL);
  g_autoptr(GError) error = NULL;

  self->store = g_object_ref (store);
  self->workdir = g_dir_make_tmp ("qnet-inspector-demo-XXXXXX", &error);
  if (self->workdir == NULL)
    self->workdir = g_build_filename (g_get_tmp_dir (), "qnet-inspector-demo", NULL);

  /* HTTP first: it is what most people come to see */
  qi_demo_http_add_steps (self);
  qi_demo_socket_add_steps (self);
  add_file_steps (self);
  return self;
}

void
qi_demo_set_max_rounds (QiDemo *self,
                        guint   rounds)
{
  self->max_rounds = rounds;
}

void
qi_demo_start (QiDemo *self)
{
  g_return_if_fail (QI_IS_DEMO (self));

  if (self->running)
    return;
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_object_unref (self->cancellable);
      self->cancellable = g_cancellable_new ();
    }
  self->running = TRUE;
  self->next_step = 0;
  run_next (self);
}

void
qi_demo_stop (QiDemo *self)
{
  self->running = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
}

guint
qi_demo_get_rounds_done (QiDemo *self)
{
  return self->rounds_done;
}

const char *
qi_demo_get_workdir (QiDemo *self)
{
  return self->workdir;
}
