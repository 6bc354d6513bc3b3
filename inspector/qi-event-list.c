/* qi-event-list.c: the filtered, time-ordered list of events (GListModel)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Unfiltered, the list is a view of the store's time order (no copy);
 * filtered, it holds the matching store indices (4 bytes each). Items are
 * tiny QiEventItem objects made when a view asks for one.
 */

#include "config.h"

#include <string.h>

#include "qi-event-list.h"

/* Item ------------------------------------------------------------------ */

struct _QiEventItem
{
  GObject       parent_instance;
  QiEventStore *store;   /* (owned) */
  guint         index;
};

G_DEFINE_FINAL_TYPE (QiEventItem, qi_event_item, G_TYPE_OBJECT)

static void
qi_event_item_finalize (GObject *object)
{
  QiEventItem *self = QI_EVENT_ITEM (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (qi_event_item_parent_class)->finalize (object);
}

static void
qi_event_item_class_init (QiEventItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = qi_event_item_finalize;
}

static void
qi_event_item_init (QiEventItem *self)
{
}

QiEventStore *
qi_event_item_get_store (QiEventItem *self)
{
  return self->store;
}

guint
qi_event_item_get_index (QiEventItem *self)
{
  return self->index;
}

/* List ------------------------------------------------------------------ */

#define SLICE_BUDGET_US 4000

struct _QiEventList
{
  GObject       parent_instance;

  QiEventStore *store;          /* (owned) */
  gulong        changed_id;
  guint         n_items;        /* what views were last told */

  /* filter */
  guint         family_mask;
  guint         object;
  char         *text;           /* (nullable) ASCII-lowered */
  gboolean      has_range;
  gint64        range_begin;
  gint64        range_end;

  GArray       *matches;        /* (nullable) guint32 store indices, when filtered */

  /* a rebuild in slices */
  GArray       *pending;        /* (nullable) */
  guint         cursor;         /* position in the store order */
  guint         rebuild_source;
  GPtrArray    *object_titles;  /* (owned) lowered titles, by object */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (QiEventList, qi_event_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
qi_event_list_get_item_type (GListModel *model)
{
  return QI_TYPE_EVENT_ITEM;
}

static guint
qi_event_list_get_n_items (GListModel *model)
{
  return QI_EVENT_LIST (model)->n_items;
}

guint
qi_event_list_get_event (QiEventList *self,
                         guint        position)
{
  if (position >= self->n_items)
    return QI_NO_EVENT;
  if (self->matches != NULL)
    return g_array_index (self->matches, guint32, position);
  {
    guint n;
    const guint32 *order = qi_event_store_get_order (self->store, &n);

    return position < n ? order[position] : QI_NO_EVENT;
  }
}

static gpointer
qi_event_list_get_item (GListModel *model,
                        guint       position)
{
  QiEventList *self = QI_EVENT_LIST (model);
  guint index = qi_event_list_get_event (self, position);
  QiEventItem *item;

  if (index == QI_NO_EVENT)
    return NULL;
  item = g_object_new (QI_TYPE_EVENT_ITEM, NULL);
  item->store = g_object_ref (self->store);
  item->index = index;
  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = qi_event_list_get_item_type;
  iface->get_n_items = qi_event_list_get_n_items;
  iface->get_item = qi_event_list_get_item;
}

static gboolean
ascii_contains (const char *hay,
                const char *needle)
{
  gsize n = strlen (needle);

  if (n == 0)
    return TRUE;
  for (; *hay != '\0'; hay++)
    if (g_ascii_tolower (*hay) == needle[0] && g_ascii_strncasecmp (hay, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static const char *
object_title (QiEventList *self,
              guint        object)
{
  while (self->object_titles->len <= object)
    g_ptr_array_add (self->object_titles, NULL);
  if (g_ptr_array_index (self->object_titles, object) == NULL)
    {
      g_autofree char *title = qi_event_store_dup_object_title (self->store, object);

      g_ptr_array_index (self->object_titles, object) = g_ascii_strdown (title, -1);
    }
  return g_ptr_array_index (self->object_titles, object);
}

gboolean
qi_event_list_matches (QiEventList *self,
                       guint        index)
{
  const QiRecord *rec = qi_event_store_get_record (self->store, index);

  if ((self->family_mask & (1u << qi_code_get_family (rec->code))) == 0)
    return FALSE;
  if (self->object != QI_NO_OBJECT && rec->object != self->object)
    return FALSE;
  if (self->has_range && (rec->t < self->range_begin || rec->t > self->range_end))
    return FALSE;
  if (self->text != NULL)
    {
      g_autofree char *summary = NULL;

      if (ascii_contains (qi_code_get_name (rec->code), self->text) ||
          ascii_contains (object_title (self, rec->object), self->text))
        return TRUE;
      summary = qi_event_store_dup_summary (self->store, index);
      return ascii_contains (summary, self->text);
    }
  return TRUE;
}

gboolean
qi_event_list_is_filtered (QiEventList *self)
{
  return self->family_mask != QI_FAMILY_MASK_ALL || self->object != QI_NO_OBJECT ||
         self->text != NULL || self->has_range;
}

gboolean
qi_event_list_is_busy (QiEventList *self)
{
  return self->pending != NULL;
}

static void
finish_rebuild (QiEventList *self,
                GArray      *result)
{
  guint old = self->n_items;

  g_clear_pointer (&self->matches, g_array_unref);
  self->matches = result;
  if (result != NULL)
    self->n_items = result->len;
  else
    qi_event_store_get_order (self->store, &self->n_items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old, self->n_items);
}

/* Runs the pending rebuild for at most @budget_us (or to the end if < 0). */
static gboolean
rebuild_step (QiEventList *self,
              gint64       budget_us)
{
  gint64 deadline = g_get_monotonic_time () + budget_us;
  guint n;
  const guint32 *order = qi_event_store_get_order (self->store, &n);

  while (self->cursor < n)
    {
      guint stop = MIN (n, self->cursor + 2048);

      for (; self->cursor < stop; self->cursor++)
        if (qi_event_list_matches (self, order[self->cursor]))
          g_array_append_val (self->pending, order[self->cursor]);
      if (budget_us >= 0 && g_get_monotonic_time () > deadline)
        return FALSE;
    }
  finish_rebuild (self, g_steal_pointer (&self->pending));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  return TRUE;
}

static gboolean
rebuild_cb (gpointer data)
{
  QiEventList *self = data;

  if (rebuild_step (self, SLICE_BUDGET_US))
    {
      self->rebuild_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
refilter (QiEventList *self)
{
  guint n;
  gboolean was_busy = self->pending != NULL;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_pointer (&self->pending, g_array_unref);

  if (!qi_event_list_is_filtered (self))
    {
      finish_rebuild (self, NULL);
      if (was_busy)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }

  qi_event_store_get_order (self->store, &n);
  self->pending = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->cursor = 0;
  if (n <= QI_EVENT_LIST_SYNC_LIMIT)
    {
      rebuild_step (self, -1);
      return;
    }
  if (!was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  self->rebuild_source = g_idle_add_full (G_PRIORITY_LOW, rebuild_cb, self, NULL);
}

/* Index of the first entry of @array whose (t, index) is not less than
 * that of store event @key. */
static guint
matches_lower_bound (QiEventList *self,
                     GArray      *array,
                     guint        key)
{
  const QiRecord *kr = qi_event_store_get_record (self->store, key);
  guint lo = 0, hi = array->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      guint32 e = g_array_index (array, guint32, mid);
      gint64 te = qi_event_store_get_record (self->store, e)->t;

      if (te < kr->t || (te == kr->t && e < key))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
on_store_changed (QiEventStore  *store,
                  QiStoreChange *change,
                  QiEventList   *self)
{
  guint n;
  const guint32 *order = qi_event_store_get_order (store, &n);

  if (change->n_events == 0 && change->order_removed == 0 && change->order_added == 0)
    return;

  if (n == 0)
    {
      /* cleared */
      g_clear_pointer (&self->object_titles, g_ptr_array_unref);
      self->object_titles = g_ptr_array_new_with_free_func (g_free);
      if (self->object != QI_NO_OBJECT)
        self->object = QI_NO_OBJECT;
      refilter (self);
      return;
    }

  if (self->pending != NULL)
    {
      /* a rebuild is under way: redo what the flush changed */
      if (self->cursor > change->order_position)
        {
          guint keep = matches_lower_bound (self, self->pending, order[change->order_position]);

          g_array_set_size (self->pending, keep);
          self->cursor = change->order_position;
        }
      /* and keep what views show up to date until it is done */
    }

  if (self->matches == NULL)
    {
      guint old = self->n_items;

      self->n_items = n;
      g_list_model_items_changed (G_LIST_MODEL (self), change->order_position,
                                  old - change->order_position,
                                  n - change->order_position);
      return;
    }

  {
    guint pos = matches_lower_bound (self, self->matches, order[change->order_position]);
    guint removed = self->matches->len - pos;

    g_array_set_size (self->matches, pos);
    for (guint i = change->order_position; i < n; i++)
      if (qi_event_list_matches (self, order[i]))
        g_array_append_val (self->matches, order[i]);
    self->n_items = self->matches->len;
    if (removed != 0 || self->matches->len != pos)
      g_list_model_items_changed (G_LIST_MODEL (self), pos, removed, self->matches->len - pos);
  }
}

static void
qi_event_list_dispose (GObject *object)
{
  QiEventList *self = QI_EVENT_LIST (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->store);
  G_OBJECT_CLASS (qi_event_list_parent_class)->dispose (object);
}

static void
qi_event_list_finalize (GObject *object)
{
  QiEventList *self = QI_EVENT_LIST (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->object_titles, g_ptr_array_unref);
  g_free (self->text);
  G_OBJECT_CLASS (qi_event_list_parent_class)->finalize (object);
}

static void
qi_event_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  QiEventList *self = QI_EVENT_LIST (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, qi_event_list_is_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qi_event_list_class_init (QiEventListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qi_event_list_dispose;
  object_class->finalize = qi_event_list_finalize;
  object_class->get_property = qi_event_list_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qi_event_list_init (QiEventList *self)
{
  self->family_mask = QI_FAMILY_MASK_ALL;
  self->object = QI_NO_OBJECT;
  self->object_titles = g_ptr_array_new_with_free_func (g_free);
}

QiEventList *
qi_event_list_new (QiEventStore *store)
{
  QiEventList *self;

  g_return_val_if_fail (QI_IS_EVENT_STORE (store), NULL);

  self = g_object_new (QI_TYPE_EVENT_LIST, NULL);
  self->store = g_object_ref (store);
  qi_event_store_get_order (store, &self->n_items);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed), self);
  return self;
}

QiEventStore *
qi_event_list_get_store (QiEventList *self)
{
  return self->store;
}

void
qi_event_list_set_family_mask (QiEventList *self,
                               guint        mask)
{
  g_return_if_fail (QI_IS_EVENT_LIST (self));

  mask &= QI_FAMILY_MASK_ALL;
  if (self->family_mask == mask)
    return;
  self->family_mask = mask;
  refilter (self);
}

guint
qi_event_list_get_family_mask (QiEventList *self)
{
  return self->family_mask;
}

void
qi_event_list_set_object (QiEventList *self,
                          guint        object)
{
  g_return_if_fail (QI_IS_EVENT_LIST (self));

  if (self->object == object)
    return;
  self->object = object;
  refilter (self);
}

guint
qi_event_list_get_object (QiEventList *self)
{
  return self->object;
}

void
qi_event_list_set_text (QiEventList *self,
                        const char  *text)
{
  g_autofree char *lowered = NULL;

  g_return_if_fail (QI_IS_EVENT_LIST (self));

  if (text != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (stripped[0] != '\0')
        lowered = g_ascii_strdown (stripped, -1);
    }
  if (g_strcmp0 (lowered, self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_steal_pointer (&lowered);
  refilter (self);
}

void
qi_event_list_set_time_range (QiEventList *self,
                              gint64       begin,
                              gint64       end)
{
  g_return_if_fail (QI_IS_EVENT_LIST (self));

  if (self->has_range && self->range_begin == begin && self->range_end == end)
    return;
  self->has_range = TRUE;
  self->range_begin = MIN (begin, end);
  self->range_end = MAX (begin, end);
  refilter (self);
}

void
qi_event_list_clear_time_range (QiEventList *self)
{
  g_return_if_fail (QI_IS_EVENT_LIST (self));

  if (!self->has_range)
    return;
  self->has_range = FALSE;
  refilter (self);
}

/* The list position of store event @index, or G_MAXUINT if it is not in
 * the list (filtered out, or not flushed yet). */
guint
qi_event_list_find_event (QiEventList *self,
                          guint        index)
{
  guint pos;

  g_return_val_if_fail (QI_IS_EVENT_LIST (self), G_MAXUINT);

  if (index >= qi_event_store_get_n_events (self->store))
    return G_MAXUINT;
  if (self->matches != NULL)
    {
      pos = matches_lower_bound (self, self->matches, index);
      return pos < self->matches->len && g_array_index (self->matches, guint32, pos) == index
             ? pos : G_MAXUINT;
    }
  {
    const QiRecord *rec = qi_event_store_get_record (self->store, index);
    guint n;
    const guint32 *order = qi_event_store_get_order (self->store, &n);

    pos = qi_event_store_order_lower_bound (self->store, rec->t, index);
    return pos < MIN (n, self->n_items) && order[pos] == index ? pos : G_MAXUINT;
  }
}
