/* test-widgets.c: the inspector window under Xvfb (GSK_RENDERER=cairo)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The demo runs and lanes appear; selecting a mark selects its table row
 * (and the other way round); the timeline's node count stays bounded by
 * its width however many events a lane has; screenshots of the demo
 * window (light and dark) are written to the build directory.
 */

#include "config.h"

#include <string.h>
#include <gtk/gtk.h>

#include "qi-event-list.h"
#include "qi-timeline.h"
#include "qi-window.h"

static void
iterate_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
iterate_until_lanes (QiTimeline *timeline,
                     guint       lanes,
                     guint       timeout_ms)
{
  gint64 until = g_get_monotonic_time () + timeout_ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (qi_timeline_get_n_lanes (timeline) >= lanes)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return FALSE;
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  g_assert_cmpint (width, >, 0);
  /* the paintable is empty while a relayout is pending: let it settle */
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL)
        break;
      iterate_for (20);
      snapshot = gtk_snapshot_new ();
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_demo_window (void)
{
  QiWindow *window = qi_window_new (NULL);
  QiTimeline *timeline = qi_window_get_timeline (window);
  QiEventList *list = qi_window_get_list (window);
  QiEventStore *store = qi_window_get_store (window);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (qi_window_get_selection (window));
  guint object, index, hit, position;
  double x, y;
  QiObject *obj;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);
  gtk_window_present (GTK_WINDOW (window));
  qi_window_start_demo (window);

  /* lanes appear while the demo runs: 3 files (+ 4 sockets with QnetSocket) */
  g_assert_true (iterate_until_lanes (timeline, 3, 10000));
  iterate_for (4500);
  g_assert_cmpuint (qi_timeline_get_n_lanes (timeline), >=, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 20);
  g_assert_cmpuint (qi_timeline_get_last_node_count (timeline), >, 10);

  /* selecting a mark selects its table row */
  object = qi_timeline_get_lane_object (timeline, 0);
  g_assert_cmpuint (object, !=, QI_NO_OBJECT);
  obj = qi_event_store_get_object (store, object);
  g_assert_cmpuint (obj->events->len, >, 0);
  index = g_array_index (obj->events, guint32, 0);
  g_assert_true (qi_timeline_get_event_position (timeline, index, &x, &y));
  hit = qi_timeline_hit_test (timeline, x, y);
  g_assert_cmpuint (hit, !=, QI_NO_EVENT);
  g_assert_cmpuint (qi_event_store_get_record (store, hit)->object, ==, object);
  qi_timeline_set_selected_event (timeline, hit);
  position = gtk_single_selection_get_selected (selection);
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (qi_event_list_get_event (list, position), ==, hit);

  /* and a table row selects its mark */
  gtk_single_selection_set_selected (selection, 2);
  g_assert_cmpuint (qi_timeline_get_selected_event (timeline), ==, qi_event_list_get_event (list, 2));

  /* a mark in the screenshot: the first write of the writer */
  if (obj->events->len > 2)
    qi_timeline_set_selected_event (timeline, g_array_index (obj->events, guint32, 2));
  iterate_for (2500);   /* a second round: the lanes keep filling */
  save_screenshot (GTK_WIDGET (window), "qnet-inspector-demo.png");

  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE, NULL);
  iterate_for (300);
  save_screenshot (GTK_WIDGET (window), "qnet-inspector-demo-dark.png");
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", FALSE, NULL);

  qi_window_stop_demo (window);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (100);
}

/* A trace with HTTP, TLS, FTP and files: phases and failures drawn. */
static void
test_trace_window (void)
{
  QiWindow *window = qi_window_new (NULL);
  QiTimeline *timeline = qi_window_get_timeline (window);
  QiEventStore *store = qi_window_get_store (window);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "sample-session.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint response = QI_NO_EVENT;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);
  gtk_window_present (GTK_WINDOW (window));
  qi_window_open_file (window, file);
  g_assert_true (iterate_until_lanes (timeline, 5, 10000));
  iterate_for (300);
  g_assert_cmpuint (qi_event_store_get_n_events (store), ==, 66);

  /* select the first response: its details and the connection's timing */
  for (guint i = 0; i < qi_event_store_get_n_events (store) && response == QI_NO_EVENT; i++)
    if (qi_event_store_get_record (store, i)->code == QNET_EVENT_HTTP_MESSAGE_RECEIVED)
      response = i;
  g_assert_cmpuint (response, !=, QI_NO_EVENT);
  qi_timeline_set_selected_event (timeline, response);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (qi_window_get_selection (window))), ==, 7);
  iterate_for (400);
  save_screenshot (GTK_WIDGET (window), "qnet-inspector-trace.png");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (100);
}

static void
test_node_count_bounded (void)
{
  g_autoptr(QiEventStore) store = qi_event_store_new ();
  g_autoptr(QiTimeAxis) axis = qi_time_axis_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *timeline = qi_timeline_new ();
  guint32 origin = qi_event_store_add_origin (store, QI_ORIGIN_FILE, "synthetic");
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;
  g_autoptr(GskRenderNode) node = NULL;
  gint64 begin, end;
  guint nodes;
  int width;

  /* 100 000 events in one lane, a span every 10 */
  for (guint i = 0; i < 100000; i++)
    {
      g_autofree char *line = NULL;

      if (i % 10 == 0)
        line = g_strdup_printf ("{\"event\":13,\"source\":2,\"id\":1,\"message\":\"GET /%u HTTP/1.1\",\"headers\":{},"
                                "\"qnet\":{\"mono_us\":%u,\"pid\":1,\"type\":\"QnetHttpClient\"}}", i, i * 10);
      else
        line = g_strdup_printf ("{\"event\":1,\"source\":1,\"id\":1,\"read\":100,\"total_read\":%u,"
                                "\"qnet\":{\"mono_us\":%u,\"pid\":1}}", i * 100, i * 10);
      g_assert_true (qi_event_store_append_json (store, origin, line, strlen (line), NULL));
    }
  qi_event_store_flush (store);
  g_assert_true (qi_event_store_get_range (store, &begin, &end));
  qi_time_axis_set_document (axis, begin, end);

  qi_timeline_set_model (QI_TIMELINE (timeline), store, axis);
  gtk_window_set_child (GTK_WINDOW (window), timeline);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 200);
  gtk_window_present (GTK_WINDOW (window));
  iterate_for (500);

  width = gtk_widget_get_width (timeline);
  g_assert_cmpint (width, >, QI_TIMELINE_LABEL_WIDTH);
  paintable = gtk_widget_paintable_new (timeline);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, gtk_widget_get_height (timeline));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  /* at most a diamond and a few span rectangles per pixel of lane width,
   * not one node per event */
  nodes = qi_timeline_get_last_node_count (QI_TIMELINE (timeline));
  g_test_message ("%u nodes for 100000 events on %d px", nodes, width);
  g_assert_cmpuint (nodes, >, 100);
  g_assert_cmpuint (nodes, <=, 4 * (guint) (width - QI_TIMELINE_LABEL_WIDTH) + 64);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  g_test_add_func ("/inspector/widgets/demo-window", test_demo_window);
  g_test_add_func ("/inspector/widgets/trace-window", test_trace_window);
  g_test_add_func ("/inspector/widgets/node-count-bounded", test_node_count_bounded);

  return g_test_run ();
}
