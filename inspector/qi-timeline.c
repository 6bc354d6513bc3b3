/* qi-timeline.c: one lane per object, marks on a shared time axis
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Drawing follows Sysprof 3.46's mark visualizer: positions come from the
 * axis as normalised fractions, only visible rows and marks are looked at
 * (binary search into each lane's sorted events), marks that fall on an
 * already drawn pixel are skipped (so the node count is bounded by the
 * width, not by the number of events), spans are drawn first as colour
 * nodes, instants on top as diamonds.
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "qi-format.h"
#include "qi-timeline.h"

#define DIAMOND_SIZE 8.0
#define HIT_SLOP 5.0
#define DRAG_THRESHOLD 4.0

typedef enum {
  ROW_GROUP,
  ROW_LANE,
} RowKind;

typedef struct {
  RowKind kind;
  guint   index;   /* process or object */
  double  y;
  double  height;
} Row;

struct _QiTimeline
{
  GtkWidget           parent_instance;

  QiEventStore       *store;      /* (owned) (nullable) */
  QiTimeAxis         *axis;       /* (owned) (nullable) */
  gulong              store_changed_id;
  gulong              axis_changed_id;
  gulong              axis_selection_id;

  GArray             *rows;       /* Row */
  double              content_height;

  GtkAdjustment      *hadjustment;
  GtkAdjustment      *vadjustment;
  GtkScrollablePolicy hscroll_policy;
  GtkScrollablePolicy vscroll_policy;

  guint               selected_event;
  guint               selected_object;

  /* gestures */
  double              pointer_x;
  double              drag_start_x;
  double              drag_start_y;
  gboolean            drag_range;
  double              pan_begin;
  double              pan_end;
  double              zoom_scale;

  guint               last_node_count;

  /* lane labels shaped once, not every frame: markup → PangoLayout */
  GHashTable         *label_cache;
};

static void scrollable_iface_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QiTimeline, qi_timeline, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, scrollable_iface_init))

enum {
  PROP_0,
  PROP_SELECTED_EVENT,
  PROP_SELECTED_OBJECT,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

static void
scrollable_iface_init (GtkScrollableInterface *iface)
{
}

/* Rows ------------------------------------------------------------------ */

static void
rebuild_rows (QiTimeline *self)
{
  double y = 0;

  g_array_set_size (self->rows, 0);
  if (self->store != NULL)
    for (guint p = 0; p < qi_event_store_get_n_processes (self->store); p++)
      {
        QiProcess *proc = qi_event_store_get_process (self->store, p);
        Row group = { ROW_GROUP, p, y, QI_TIMELINE_GROUP_HEIGHT };

        if (proc->objects->len == 0)
          continue;
        g_array_append_val (self->rows, group);
        y += group.height;
        for (guint i = 0; i < proc->objects->len; i++)
          {
            Row lane = { ROW_LANE, g_array_index (proc->objects, guint32, i), y, QI_TIMELINE_LANE_HEIGHT };

            g_array_append_val (self->rows, lane);
            y += lane.height;
          }
      }
  self->content_height = y;
}

static double
vscroll (QiTimeline *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
configure_vadjustment (QiTimeline *self)
{
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double upper = MAX (self->content_height, height);
  double value;

  if (self->vadjustment == NULL)
    return;
  value = CLAMP (gtk_adjustment_get_value (self->vadjustment), 0, MAX (upper - height, 0));
  gtk_adjustment_configure (self->vadjustment, value, 0, upper,
                            QI_TIMELINE_LANE_HEIGHT, height * 0.9, height);
}

static const Row *
row_at_y (QiTimeline *self,
          double      y)
{
  guint lo = 0, hi = self->rows->len;

  y += vscroll (self);
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const Row *row = &g_array_index (self->rows, Row, mid);

      if (y < row->y)
        hi = mid;
      else if (y >= row->y + row->height)
        lo = mid + 1;
      else
        return row;
    }
  return NULL;
}

guint
qi_timeline_get_n_lanes (QiTimeline *self)
{
  guint n = 0;

  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, Row, i).kind == ROW_LANE)
      n++;
  return n;
}

guint
qi_timeline_get_lane_object (QiTimeline *self,
                             guint       lane)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      if (row->kind == ROW_LANE && lane-- == 0)
        return row->index;
    }
  return QI_NO_OBJECT;
}

/* The middle of @object's lane in widget coordinates. */
gboolean
qi_timeline_get_lane_y (QiTimeline *self,
                        guint       object,
                        double     *y)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = &g_array_index (self->rows, Row, i);

      if (row->kind == ROW_LANE && row->index == object)
        {
          *y = row->y + row->height / 2 - vscroll (self);
          return TRUE;
        }
    }
  return FALSE;
}

/* Geometry ---------------------------------------------------------------- */

static double
lanes_width (QiTimeline *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)) - QI_TIMELINE_LABEL_WIDTH, 1);
}

static double
x_for_time (QiTimeline *self,
            gint64      t)
{
  return QI_TIMELINE_LABEL_WIDTH + qi_time_axis_normalize (self->axis, t) * lanes_width (self);
}

static double
time_for_x (QiTimeline *self,
            double      x)
{
  return qi_time_axis_time_at (self->axis, (x - QI_TIMELINE_LABEL_WIDTH) / lanes_width (self));
}

/* First position in @obj's events with t >= @t. */
static guint
events_lower_bound (QiEventStore *store,
                    QiObject     *obj,
                    double        t,
                    guint         from)
{
  guint lo = from, hi = obj->events->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if ((double) qi_event_store_get_record (store, g_array_index (obj->events, guint32, mid))->t < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gboolean
qi_timeline_get_event_position (QiTimeline *self,
                                guint       index,
                                double     *x,
                                double     *y)
{
  const QiRecord *rec;

  if (self->store == NULL || index >= qi_event_store_get_n_events (self->store))
    return FALSE;
  rec = qi_event_store_get_record (self->store, index);
  if (!qi_timeline_get_lane_y (self, rec->object, y))
    return FALSE;
  *x = x_for_time (self, rec->t);
  return TRUE;
}

guint
qi_timeline_hit_test (QiTimeline *self,
                      double      x,
                      double      y)
{
  const Row *row;
  QiObject *obj;
  double t, best = HIT_SLOP + 1;
  guint best_index = QI_NO_EVENT;
  guint i;

  if (self->store == NULL || x < QI_TIMELINE_LABEL_WIDTH)
    return QI_NO_EVENT;
  row = row_at_y (self, y);
  if (row == NULL || row->kind != ROW_LANE)
    return QI_NO_EVENT;
  obj = qi_event_store_get_object (self->store, row->index);

  /* instants first, within a few pixels */
  t = time_for_x (self, x - HIT_SLOP);
  for (i = events_lower_bound (self->store, obj, t, 0); i < obj->events->len; i++)
    {
      guint index = g_array_index (obj->events, guint32, i);
      double ex = x_for_time (self, qi_event_store_get_record (self->store, index)->t);

      if (ex > x + HIT_SLOP)
        break;
      if (fabs (ex - x) < best)
        {
          best = fabs (ex - x);
          best_index = index;
        }
    }
  if (best_index != QI_NO_EVENT)
    return best_index;

  /* then spans under the pointer: their first event */
  t = time_for_x (self, x);
  for (i = 0; i < obj->spans->len; i++)
    {
      const QiSpan *span = &g_array_index (obj->spans, QiSpan, i);
      gint64 end = span->status == QI_SPAN_OPEN ? obj->last_t : span->end;

      if (span->begin <= t && t <= end)
        best_index = span->begin_event;
    }
  return best_index;
}

/* Drawing ---------------------------------------------------------------- */

typedef struct {
  GtkSnapshot *snapshot;
  GdkRGBA      fg;
  gboolean     dark;
  guint        nodes;
} DrawContext;

static void
color_rect (DrawContext   *dc,
            const GdkRGBA *color,
            double         x,
            double         y,
            double         w,
            double         h)
{
  gtk_snapshot_append_color (dc->snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
  dc->nodes++;
}

static void
diamond (DrawContext   *dc,
         const GdkRGBA *color,
         double         cx,
         double         cy,
         double         size)
{
  gtk_snapshot_save (dc->snapshot);
  gtk_snapshot_translate (dc->snapshot, &GRAPHENE_POINT_INIT (cx, cy));
  gtk_snapshot_rotate (dc->snapshot, 45);
  gtk_snapshot_append_color (dc->snapshot, color,
                             &GRAPHENE_RECT_INIT (-size / 2, -size / 2, size, size));
  gtk_snapshot_restore (dc->snapshot);
  dc->nodes++;
}

static GdkRGBA
family_color (QiFamily family,
              double   alpha)
{
  double r, g, b;

  qi_family_get_rgb (family, &r, &g, &b);
  return (GdkRGBA) { r, g, b, alpha };
}

static GdkRGBA
span_color (QiSpanKind kind,
            double     alpha)
{
  double r, g, b;

  qi_span_kind_get_rgb (kind, &r, &g, &b);
  return (GdkRGBA) { r, g, b, alpha };
}

static GdkRGBA
fg_alpha (DrawContext *dc,
          double       alpha)
{
  GdkRGBA c = dc->fg;

  c.alpha *= alpha;
  return c;
}

typedef struct {
  double x0;
  double x1;
  gboolean active;
  gboolean failed;
  gboolean open;
} PendingRect;

static void
flush_span (QiTimeline  *self,
            DrawContext *dc,
            QiSpanKind   kind,
            PendingRect *pr,
            double       y,
            double       h)
{
  double top = y + h * 0.22, height = h * 0.56;
  GdkRGBA c;
  double left = QI_TIMELINE_LABEL_WIDTH;
  double right = left + lanes_width (self);
  double x0, x1;

  if (!pr->active)
    return;
  pr->active = FALSE;
  x0 = MAX (floor (pr->x0), left);
  x1 = MIN (ceil (pr->x1), right);
  if (x1 - x0 < 2)
    x1 = x0 + 2;   /* a minimum width keeps short phases visible */
  if (x0 >= right)
    return;
  if (kind == QI_SPAN_CHUNKED || kind == QI_SPAN_TLS)
    {
      /* drawn as a band under the others so both stay visible */
      top = y + h * 0.70;
      height = h * 0.16;
    }
  c = span_color (kind, pr->open ? 0.45 : (kind == QI_SPAN_WAIT ? 0.75 : 0.9));
  color_rect (dc, &c, x0, top, x1 - x0, height);
  if (pr->failed)
    {
      GdkRGBA red = family_color (QI_FAMILY_ERROR, 1.0);

      color_rect (dc, &red, x0, top + height - 2, x1 - x0, 2);
    }
}

static void
draw_lane (QiTimeline  *self,
           DrawContext *dc,
           QiObject    *obj,
           double       y,
           double       h)
{
  double vb, ve;
  double width = lanes_width (self);
  double left = QI_TIMELINE_LABEL_WIDTH;
  double margin_t;
  gint64 doc_begin, doc_end;
  PendingRect pending[QI_N_SPAN_KINDS] = { { 0, } };
  guint i, first;
  double last_px = -1;
  double cy = y + h / 2;

  qi_time_axis_get_visible (self->axis, &vb, &ve);
  qi_event_store_get_range (self->store, &doc_begin, &doc_end);
  margin_t = (ve - vb) / width * DIAMOND_SIZE;

  /* spans (sorted by begin): find the first that may be visible */
  {
    guint lo = 0, hi = obj->spans->len;

    while (lo < hi)
      {
        guint mid = (lo + hi) / 2;

        if (g_array_index (obj->spans, QiSpan, mid).begin < vb)
          lo = mid + 1;
        else
          hi = mid;
      }
    /* step back over spans that started earlier and may still run */
    first = lo > 64 ? lo - 64 : 0;
  }
  for (i = first; i < obj->spans->len; i++)
    {
      const QiSpan *span = &g_array_index (obj->spans, QiSpan, i);
      gint64 end = span->status == QI_SPAN_OPEN ? MAX (doc_end, span->begin) : span->end;
      PendingRect *pr = &pending[span->kind];
      double x0, x1;

      if ((double) end < vb)
        continue;
      if ((double) span->begin > ve)
        break;
      x0 = left + (span->begin - vb) / (ve - vb) * width;
      x1 = left + (end - vb) / (ve - vb) * width;
      if (pr->active && x0 <= pr->x1 + 1 && pr->failed == (span->status == QI_SPAN_FAILED))
        {
          /* overlaps the pending rectangle of its kind: merge */
          pr->x1 = MAX (pr->x1, x1);
          pr->open |= span->status == QI_SPAN_OPEN;
          continue;
        }
      flush_span (self, dc, span->kind, pr, y, h);
      pr->x0 = x0;
      pr->x1 = x1;
      pr->active = TRUE;
      pr->failed = span->status == QI_SPAN_FAILED;
      pr->open = span->status == QI_SPAN_OPEN;
    }
  for (guint k = 0; k < QI_N_SPAN_KINDS; k++)
    flush_span (self, dc, k, &pending[k], y, h);

  /* instants on top, at most one per pixel */
  i = events_lower_bound (self->store, obj, vb - margin_t, 0);
  while (i < obj->events->len)
    {
      guint index = g_array_index (obj->events, guint32, i);
      const QiRecord *rec = qi_event_store_get_record (self->store, index);
      double x, px;

      if ((double) rec->t > ve + margin_t)
        break;
      x = left + (rec->t - vb) / (ve - vb) * width;
      px = floor (x);
      if (px != last_px)
        {
          GdkRGBA c = family_color (qi_code_get_family (rec->code), 1.0);
          guint next = events_lower_bound (self->store, obj, vb + (px + 1 - left) / width * (ve - vb), i + 1);

          /* an error on the same pixel wins over the others: look through
           * a short run for one (a long run is a dense blur anyway) */
          if (next - i <= 64)
            for (guint k = i + 1; k < next; k++)
              if (qi_code_get_family (qi_event_store_get_record (self->store,
                                                                 g_array_index (obj->events, guint32, k))->code) == QI_FAMILY_ERROR)
                {
                  c = family_color (QI_FAMILY_ERROR, 1.0);
                  break;
                }
          diamond (dc, &c, px + 0.5, cy, DIAMOND_SIZE);
          last_px = px;
          i = next;   /* skip whatever else falls on this pixel */
          continue;
        }
      i++;
    }
}

static void
draw_label (QiTimeline  *self,
            DrawContext *dc,
            PangoLayout *layout,
            const char  *markup,
            double       x,
            double       y,
            double       h,
            double       alpha)
{
  int lw, lh;
  GdkRGBA c = fg_alpha (dc, alpha);

  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  gtk_snapshot_save (dc->snapshot);
  gtk_snapshot_translate (dc->snapshot, &GRAPHENE_POINT_INIT (x, y + (h - lh) / 2));
  gtk_snapshot_append_layout (dc->snapshot, layout, &c);
  gtk_snapshot_restore (dc->snapshot);
  dc->nodes++;
}

/* A shaped label for @markup, from the cache (cleared when the style or
 * the lanes change; bounded by the number of lanes). */
static PangoLayout *
cached_layout (QiTimeline *self,
               const char *markup,
               int         width)
{
  g_autofree char *key = g_strdup_printf ("%d\x1f%s", width, markup);
  PangoLayout *layout = g_hash_table_lookup (self->label_cache, key);

  if (layout == NULL)
    {
      if (g_hash_table_size (self->label_cache) > 4096)
        g_hash_table_remove_all (self->label_cache);
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_ellipsize (layout, width > 0 ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_NONE);
      pango_layout_set_width (layout, width > 0 ? width * PANGO_SCALE : -1);
      pango_layout_set_markup (layout, markup, -1);
      g_hash_table_insert (self->label_cache, g_steal_pointer (&key), layout);
    }
  return layout;
}

static void
draw_cached_label (QiTimeline  *self,
                   DrawContext *dc,
                   const char  *markup,
                   int          width,
                   double       x,
                   double       y,
                   double       h,
                   double       alpha)
{
  PangoLayout *layout = cached_layout (self, markup, width);
  int lw, lh;
  GdkRGBA c = fg_alpha (dc, alpha);

  pango_layout_get_pixel_size (layout, &lw, &lh);
  gtk_snapshot_save (dc->snapshot);
  gtk_snapshot_translate (dc->snapshot, &GRAPHENE_POINT_INIT (x, y + (h - lh) / 2));
  gtk_snapshot_append_layout (dc->snapshot, layout, &c);
  gtk_snapshot_restore (dc->snapshot);
  dc->nodes++;
}

static void
qi_timeline_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (qi_timeline_parent_class)->css_changed (widget, change);
  g_hash_table_remove_all (QI_TIMELINE (widget)->label_cache);
  gtk_widget_queue_draw (widget);
}

static void
qi_timeline_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  QiTimeline *self = QI_TIMELINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double scroll = vscroll (self);
  double left = QI_TIMELINE_LABEL_WIDTH;
  DrawContext dc = { snapshot, };
  g_autoptr(PangoLayout) layout = NULL;
  gint64 sel_b, sel_e;
  double vb, ve;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &dc.fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dc.dark = (0.299 * dc.fg.red + 0.587 * dc.fg.green + 0.114 * dc.fg.blue) > 0.5;

  if (self->store == NULL || self->axis == NULL)
    return;

  qi_time_axis_get_visible (self->axis, &vb, &ve);

  /* label column */
  {
    GdkRGBA bg = fg_alpha (&dc, 0.035);
    GdkRGBA line = fg_alpha (&dc, 0.15);

    color_rect (&dc, &bg, 0, 0, left, height);
    color_rect (&dc, &line, left - 1, 0, 1, height);
  }

  /* tick grid */
  {
    gint64 step = qi_time_axis_get_tick_step (self->axis, width - left, 100);
    GdkRGBA grid = fg_alpha (&dc, 0.07);
    gint64 t = qi_time_axis_get_first_tick (self->axis, step);

    for (; t <= ve; t += step)
      {
        double x = x_for_time (self, t);

        if (x >= left)
          color_rect (&dc, &grid, floor (x), 0, 1, height);
      }
  }

  if (self->rows->len == 0)
    {
      layout = gtk_widget_create_pango_layout (widget, NULL);
      draw_label (self, &dc, layout,
                  _("No events yet. Run the demo, open a trace, or start a program with <tt>QNET_TRACE=inspector</tt>."),
                  left + 24, 24, 24, 0.6);
    }

  /* rows: only the visible ones */
  {
    const Row *first = row_at_y (self, 0);
    guint start = first != NULL ? (guint) (first - (const Row *) self->rows->data) : 0;

    for (guint r = start; r < self->rows->len; r++)
      {
        const Row *row = &g_array_index (self->rows, Row, r);
        double y = row->y - scroll;

        if (y > height)
          break;
        if (y + row->height < 0)
          continue;

        if (row->kind == ROW_GROUP)
          {
            g_autofree char *title = qi_event_store_dup_process_title (self->store, row->index);
            QiProcess *proc = qi_event_store_get_process (self->store, row->index);
            g_autofree char *markup = NULL;
            GdkRGBA bg = fg_alpha (&dc, 0.08);

            if (proc->dropped > 0)
              markup = g_markup_printf_escaped (_("<b>%s</b>  <span foreground=\"#e01b24\">%llu events dropped by the tracer</span>"),
                                                title, (unsigned long long) proc->dropped);
            else
              markup = g_markup_printf_escaped ("<b>%s</b>", title);
            color_rect (&dc, &bg, 0, y, width, row->height);
            draw_cached_label (self, &dc, markup, -1, 8, y, row->height, 0.9);
          }
        else
          {
            QiObject *obj = qi_event_store_get_object (self->store, row->index);
            g_autofree char *type_markup = NULL;
            const char *type = obj->type_name[0] ? obj->type_name : _("Object");

            if (row->index == self->selected_object)
              {
                GdkRGBA sel = { 0.21, 0.52, 0.89, 0.18 };

                color_rect (&dc, &sel, 0, y, width, row->height);
              }
            else if ((r & 1) == 0)
              {
                GdkRGBA stripe = fg_alpha (&dc, 0.025);

                color_rect (&dc, &stripe, left, y, width - left, row->height);
              }
            if (obj->label[0] != '\0')
              type_markup = g_markup_printf_escaped ("%s #%" G_GUINT64_FORMAT " <span alpha=\"70%%\">· %s</span>",
                                                     type, obj->id, obj->label);
            else
              type_markup = g_markup_printf_escaped ("%s #%" G_GUINT64_FORMAT, type, obj->id);
            draw_cached_label (self, &dc, type_markup, (int) left - 28, 20, y, row->height, 0.85);

            gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (left, y, width - left, row->height));
            draw_lane (self, &dc, obj, y, row->height);
            gtk_snapshot_pop (snapshot);
          }
      }
  }

  /* the selected time range */
  if (qi_time_axis_get_selection (self->axis, &sel_b, &sel_e))
    {
      double x0 = MAX (x_for_time (self, sel_b), left);
      double x1 = MIN (x_for_time (self, sel_e), width);
      GdkRGBA fill = { 0.21, 0.52, 0.89, 0.14 };
      GdkRGBA edge = { 0.21, 0.52, 0.89, 0.8 };

      if (x1 > x0)
        {
          color_rect (&dc, &fill, x0, 0, x1 - x0, height);
          color_rect (&dc, &edge, x0, 0, 1, height);
          color_rect (&dc, &edge, x1 - 1, 0, 1, height);
        }
    }

  /* the selected event: a line through all lanes and a ring */
  if (self->selected_event != QI_NO_EVENT && self->selected_event < qi_event_store_get_n_events (self->store))
    {
      double x, y;

      if (qi_timeline_get_event_position (self, self->selected_event, &x, &y) && x >= left && x <= width)
        {
          GdkRGBA line = { 0.21, 0.52, 0.89, 0.9 };
          const QiRecord *rec = qi_event_store_get_record (self->store, self->selected_event);
          GdkRGBA c = family_color (qi_code_get_family (rec->code), 1.0);
          GdkRGBA ring = dc.fg;

          color_rect (&dc, &line, floor (x), 0, 2, height);
          diamond (&dc, &ring, floor (x) + 1, y, DIAMOND_SIZE + 6);
          diamond (&dc, &c, floor (x) + 1, y, DIAMOND_SIZE + 1);
        }
    }

  self->last_node_count = dc.nodes;
}

guint
qi_timeline_get_last_node_count (QiTimeline *self)
{
  return self->last_node_count;
}

/* Size -------------------------------------------------------------------- */

static void
qi_timeline_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  QiTimeline *self = QI_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = QI_TIMELINE_LABEL_WIDTH + 200;
      *natural = QI_TIMELINE_LABEL_WIDTH + 800;
    }
  else
    {
      *minimum = QI_TIMELINE_LANE_HEIGHT * 2;
      *natural = MAX ((int) self->content_height, QI_TIMELINE_LANE_HEIGHT * 4);
    }
}

static void
qi_timeline_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  configure_vadjustment (QI_TIMELINE (widget));
}

/* Model ------------------------------------------------------------------- */

static void
on_store_changed (QiEventStore  *store,
                  QiStoreChange *change,
                  QiTimeline    *self)
{
  if (change->n_objects > 0 || change->n_processes > 0 || qi_event_store_get_n_events (store) == 0)
    {
      rebuild_rows (self);
      configure_vadjustment (self);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      if (qi_event_store_get_n_events (store) == 0)
        qi_timeline_set_selected_event (self, QI_NO_EVENT);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_axis_changed (QiTimeline *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
qi_timeline_set_model (QiTimeline   *self,
                       QiEventStore *store,
                       QiTimeAxis   *axis)
{
  g_return_if_fail (QI_IS_TIMELINE (self));

  g_clear_signal_handler (&self->store_changed_id, self->store);
  g_clear_signal_handler (&self->axis_changed_id, self->axis);
  g_clear_signal_handler (&self->axis_selection_id, self->axis);
  g_set_object (&self->store, store);
  g_set_object (&self->axis, axis);
  if (store != NULL)
    self->store_changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  if (axis != NULL)
    {
      self->axis_changed_id = g_signal_connect_swapped (axis, "changed", G_CALLBACK (on_axis_changed), self);
      self->axis_selection_id = g_signal_connect_swapped (axis, "selection-changed", G_CALLBACK (on_axis_changed), self);
    }
  rebuild_rows (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
qi_timeline_get_selected_event (QiTimeline *self)
{
  return self->selected_event;
}

void
qi_timeline_set_selected_event (QiTimeline *self,
                                guint       index)
{
  g_return_if_fail (QI_IS_TIMELINE (self));

  if (self->selected_event == index)
    return;
  self->selected_event = index;
  if (index != QI_NO_EVENT && self->store != NULL && index < qi_event_store_get_n_events (self->store))
    {
      const QiRecord *rec = qi_event_store_get_record (self->store, index);
      double vb, ve;
      double y;

      /* bring it into view */
      qi_time_axis_get_visible (self->axis, &vb, &ve);
      if ((double) rec->t < vb || (double) rec->t > ve)
        {
          qi_time_axis_set_follow_live (self->axis, FALSE);
          qi_time_axis_set_visible (self->axis, rec->t - (ve - vb) / 2, rec->t + (ve - vb) / 2);
        }
      if (self->vadjustment != NULL && qi_timeline_get_lane_y (self, rec->object, &y) &&
          (y < 0 || y > gtk_widget_get_height (GTK_WIDGET (self))))
        gtk_adjustment_set_value (self->vadjustment, vscroll (self) + y - gtk_widget_get_height (GTK_WIDGET (self)) / 2);
      self->selected_object = rec->object;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
}

/* Input ------------------------------------------------------------------- */

static void
zoom_at (QiTimeline *self,
         double      factor,
         double      x)
{
  if (self->axis == NULL)
    return;
  qi_time_axis_zoom (self->axis, factor, (x - QI_TIMELINE_LABEL_WIDTH) / lanes_width (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           QiTimeline               *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  gboolean surface_units = event != NULL && gdk_scroll_event_get_unit (event) == GDK_SCROLL_UNIT_SURFACE;

  if (self->axis == NULL)
    return FALSE;
  if (state & GDK_CONTROL_MASK)
    {
      zoom_at (self, pow (1.25, -(surface_units ? dy / 20 : dy)), self->pointer_x);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK)
    {
      dx = dy;
      dy = 0;
    }
  if (dx != 0)
    {
      qi_time_axis_pan (self->axis, surface_units ? dx / lanes_width (self) : dx * 0.1);
      return TRUE;
    }
  return FALSE;   /* vertical: the scrolled window scrolls the lanes */
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           QiTimeline               *self)
{
  self->pointer_x = x;
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               QiTimeline       *self)
{
  self->zoom_scale = 1.0;
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       QiTimeline     *self)
{
  double x, y;

  if (scale <= 0 || self->zoom_scale <= 0)
    return;
  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = self->pointer_x;
  zoom_at (self, scale / self->zoom_scale, x);
  self->zoom_scale = scale;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               QiTimeline     *self)
{
  self->drag_start_x = x;
  self->drag_start_y = y;
  self->drag_range = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                QiTimeline     *self)
{
  double x0 = self->drag_start_x, x1 = self->drag_start_x + dx;

  if (self->axis == NULL || x0 < QI_TIMELINE_LABEL_WIDTH)
    return;
  if (!self->drag_range && fabs (dx) < DRAG_THRESHOLD)
    return;
  self->drag_range = TRUE;
  x1 = CLAMP (x1, QI_TIMELINE_LABEL_WIDTH, gtk_widget_get_width (GTK_WIDGET (self)));
  qi_time_axis_set_selection (self->axis, (gint64) time_for_x (self, x0), (gint64) time_for_x (self, x1));
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             QiTimeline     *self)
{
  double x = self->drag_start_x, y = self->drag_start_y;

  if (self->drag_range)
    return;
  if (x < QI_TIMELINE_LABEL_WIDTH)
    {
      const Row *row = row_at_y (self, y);

      if (row != NULL && row->kind == ROW_LANE)
        {
          self->selected_object = row->index;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_OBJECT]);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      return;
    }
  qi_timeline_set_selected_event (self, qi_timeline_hit_test (self, x, y));
}

static void
on_pan_begin (GtkGestureDrag *gesture,
              double          x,
              double          y,
              QiTimeline     *self)
{
  if (self->axis != NULL)
    qi_time_axis_get_visible (self->axis, &self->pan_begin, &self->pan_end);
}

static void
on_pan_update (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               QiTimeline     *self)
{
  double shift;

  if (self->axis == NULL)
    return;
  shift = -dx / lanes_width (self) * (self->pan_end - self->pan_begin);
  qi_time_axis_set_follow_live (self->axis, FALSE);
  qi_time_axis_set_visible (self->axis, self->pan_begin + shift, self->pan_end + shift);
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  QiTimeline *self)
{
  guint index = qi_timeline_hit_test (self, x, y);
  const QiRecord *rec;
  g_autofree char *summary = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *markup = NULL;
  gint64 begin, end;

  if (index == QI_NO_EVENT)
    {
      const Row *row = x < QI_TIMELINE_LABEL_WIDTH ? row_at_y (self, y) : NULL;

      if (row != NULL && row->kind == ROW_LANE)
        {
          g_autofree char *title = qi_event_store_dup_object_title (self->store, row->index);

          gtk_tooltip_set_text (tooltip, title);
          return TRUE;
        }
      return FALSE;
    }
  rec = qi_event_store_get_record (self->store, index);
  summary = qi_event_store_dup_summary (self->store, index);
  qi_event_store_get_range (self->store, &begin, &end);
  offset = qi_format_offset (rec->t - begin);
  markup = g_markup_printf_escaped ("<b>%s</b>  <small>%s s</small>\n%s",
                                    qi_code_get_name (rec->code), offset, summary);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
action_zoom (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  QiTimeline *self = QI_TIMELINE (widget);

  if (self->axis == NULL)
    return;
  if (g_str_equal (action_name, "timeline.zoom-in"))
    qi_time_axis_zoom (self->axis, 1.5, 0.5);
  else if (g_str_equal (action_name, "timeline.zoom-out"))
    qi_time_axis_zoom (self->axis, 1 / 1.5, 0.5);
  else if (g_str_equal (action_name, "timeline.fit-all"))
    qi_time_axis_fit_all (self->axis);
  else if (g_str_equal (action_name, "timeline.pan-left"))
    qi_time_axis_pan (self->axis, -0.1);
  else if (g_str_equal (action_name, "timeline.pan-right"))
    qi_time_axis_pan (self->axis, 0.1);
  else if (g_str_equal (action_name, "timeline.clear-selection"))
    qi_time_axis_clear_selection (self->axis);
}

/* Object ------------------------------------------------------------------ */

static void
set_adjustment (QiTimeline     *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, self);
  g_set_object (slot, adjustment);
  if (adjustment != NULL)
    g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self);
}

static void
qi_timeline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  QiTimeline *self = QI_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_SELECTED_EVENT:
      g_value_set_uint (value, self->selected_event);
      break;
    case PROP_SELECTED_OBJECT:
      g_value_set_uint (value, self->selected_object);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qi_timeline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  QiTimeline *self = QI_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_SELECTED_EVENT:
      qi_timeline_set_selected_event (self, g_value_get_uint (value));
      break;
    case PROP_SELECTED_OBJECT:
      self->selected_object = g_value_get_uint (value);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      configure_vadjustment (self);
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qi_timeline_dispose (GObject *object)
{
  QiTimeline *self = QI_TIMELINE (object);

  qi_timeline_set_model (self, NULL, NULL);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  G_OBJECT_CLASS (qi_timeline_parent_class)->dispose (object);
}

static void
qi_timeline_finalize (GObject *object)
{
  QiTimeline *self = QI_TIMELINE (object);

  g_array_unref (self->rows);
  g_hash_table_unref (self->label_cache);
  G_OBJECT_CLASS (qi_timeline_parent_class)->finalize (object);
}

static void
qi_timeline_class_init (QiTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = qi_timeline_get_property;
  object_class->set_property = qi_timeline_set_property;
  object_class->dispose = qi_timeline_dispose;
  object_class->finalize = qi_timeline_finalize;

  widget_class->snapshot = qi_timeline_snapshot;
  widget_class->css_changed = qi_timeline_css_changed;
  widget_class->measure = qi_timeline_measure;
  widget_class->size_allocate = qi_timeline_size_allocate;

  properties[PROP_SELECTED_EVENT] =
    g_param_spec_uint ("selected-event", NULL, NULL, 0, G_MAXUINT, QI_NO_EVENT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_OBJECT] =
    g_param_spec_uint ("selected-object", NULL, NULL, 0, G_MAXUINT, QI_NO_OBJECT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "timeline.fit-all", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "timeline.pan-left", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "timeline.pan-right", NULL, action_zoom);
  gtk_widget_class_install_action (widget_class, "timeline.clear-selection", NULL, action_zoom);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.fit-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "timeline.fit-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.pan-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "timeline.clear-selection", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
qi_timeline_init (QiTimeline *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->label_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->selected_event = QI_NO_EVENT;
  self->selected_object = QI_NO_OBJECT;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Event timeline"),
                                  -1);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_pan_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
}

GtkWidget *
qi_timeline_new (void)
{
  return g_object_new (QI_TYPE_TIMELINE, NULL);
}
