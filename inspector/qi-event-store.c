/* qi-event-store.c: the inspector's compact event store
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Events are 24-byte records in fixed-size blocks; their keys are encoded
 * into 1 MiB payload pages (qi-payload.h). Objects (lanes) and processes
 * (lane groups) are small tables. Nothing here is a GObject per event:
 * list views get items from QiEventList, made on demand.
 *
 * Appending never notifies: a flush, at most once per frame (16 ms),
 * merges the new events into the time-ordered view and emits one
 * ::changed, so a burst of events costs one items-changed.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "qi-event-store.h"
#include "qi-payload.h"
#include "qi-trace-parser.h"

#define RECORDS_PER_BLOCK_SHIFT 16
#define RECORDS_PER_BLOCK (1u << RECORDS_PER_BLOCK_SHIFT)
#define PAGE_SIZE (1024u * 1024u)
#define MAX_PAGES G_MAXUINT16
#define FLUSH_INTERVAL_MS 16

typedef struct {
  guint8 *data;
  guint32 used;
  guint32 size;
} Page;

typedef struct {
  QiOriginKind kind;
  const char  *name;
} Origin;

struct _QiEventStore
{
  GObject       parent_instance;

  gboolean      detached;       /* private to one thread: no flush source */
  GPtrArray    *blocks;         /* (owned) QiRecord[RECORDS_PER_BLOCK] */
  guint         n_events;
  GPtrArray    *pages;          /* (owned) Page* */
  GPtrArray    *objects;        /* (owned) QiObject* */
  GPtrArray    *processes;      /* (owned) QiProcess* */
  GArray       *origins;        /* Origin */
  GHashTable   *process_table;  /* guint64 key (owned) → index + 1 */
  GHashTable   *object_table;   /* &QiObject.key → QiObject* */
  GStringChunk *strings;
  GArray       *order;          /* guint32: flushed events sorted by (t, index) */
  guint         n_flushed;
  guint         n_objects_flushed;
  guint         n_processes_flushed;
  gint64        begin;
  gint64        end;
  guint64       n_malformed;
  guint64       n_rejected;     /* beyond the store's limits */
  guint         flush_source;
  guint32       in_process_origin;
  QiObject     *last_object;    /* lookup cache */
  QiTraceLine   line;
  GByteArray   *scratch;
};

G_DEFINE_FINAL_TYPE (QiEventStore, qi_event_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
object_free (QiObject *obj)
{
  g_array_unref (obj->events);
  g_array_unref (obj->spans);
  g_free (obj);
}

static void
process_free (QiProcess *proc)
{
  g_array_unref (proc->objects);
  g_free (proc);
}

static void
page_free (Page *page)
{
  if (page == NULL)
    return;
  g_free (page->data);
  g_free (page);
}

static void
qi_event_store_dispose (GObject *object)
{
  QiEventStore *self = QI_EVENT_STORE (object);

  g_clear_handle_id (&self->flush_source, g_source_remove);

  G_OBJECT_CLASS (qi_event_store_parent_class)->dispose (object);
}

static void
qi_event_store_finalize (GObject *object)
{
  QiEventStore *self = QI_EVENT_STORE (object);

  g_ptr_array_unref (self->blocks);
  g_ptr_array_unref (self->pages);
  g_hash_table_unref (self->object_table);
  g_hash_table_unref (self->process_table);
  g_ptr_array_unref (self->objects);
  g_ptr_array_unref (self->processes);
  g_array_unref (self->origins);
  g_string_chunk_free (self->strings);
  g_array_unref (self->order);
  g_byte_array_unref (self->scratch);
  qi_trace_line_clear (&self->line);

  G_OBJECT_CLASS (qi_event_store_parent_class)->finalize (object);
}

static void
qi_event_store_class_init (QiEventStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qi_event_store_dispose;
  object_class->finalize = qi_event_store_finalize;

  /**
   * QiEventStore::changed:
   * @change: (type gpointer): a QiStoreChange describing the flush
   *
   * Emitted at most once per frame after new events were appended.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
qi_event_store_init (QiEventStore *self)
{
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  self->objects = g_ptr_array_new_with_free_func ((GDestroyNotify) object_free);
  self->processes = g_ptr_array_new_with_free_func ((GDestroyNotify) process_free);
  self->origins = g_array_new (FALSE, FALSE, sizeof (Origin));
  self->process_table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->object_table = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->strings = g_string_chunk_new (4096);
  self->order = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->scratch = g_byte_array_sized_new (512);
  self->in_process_origin = G_MAXUINT32;
  self->begin = G_MAXINT64;
  self->end = G_MININT64;
  qi_trace_line_init (&self->line);
}

QiEventStore *
qi_event_store_new (void)
{
  return g_object_new (QI_TYPE_EVENT_STORE, NULL);
}

/* A store for one worker thread (e.g. parsing a trace file); merge it into
 * the main store with qi_event_store_merge(). */
QiEventStore *
qi_event_store_new_detached (void)
{
  QiEventStore *self = g_object_new (QI_TYPE_EVENT_STORE, NULL);

  self->detached = TRUE;
  return self;
}

guint32
qi_event_store_add_origin (QiEventStore *self,
                           QiOriginKind  kind,
                           const char   *name)
{
  Origin origin = { kind, g_string_chunk_insert_const (self->strings, name ? name : "") };

  g_return_val_if_fail (QI_IS_EVENT_STORE (self), 0);

  g_array_append_val (self->origins, origin);
  return self->origins->len - 1;
}

static inline QiRecord *
record_at (QiEventStore *self,
           guint         index)
{
  QiRecord *block = g_ptr_array_index (self->blocks, index >> RECORDS_PER_BLOCK_SHIFT);

  return &block[index & (RECORDS_PER_BLOCK - 1)];
}

static gboolean
flush_cb (gpointer data)
{
  QiEventStore *self = data;

  self->flush_source = 0;
  qi_event_store_flush (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_flush (QiEventStore *self)
{
  if (self->detached || self->flush_source != 0)
    return;
  self->flush_source = g_timeout_add (FLUSH_INTERVAL_MS, flush_cb, self);
  g_source_set_name_by_id (self->flush_source, "[qnet-inspector] store flush");
}

static QiProcess *
ensure_process (QiEventStore *self,
                guint32       origin,
                gint64        pid)
{
  guint64 key = ((guint64) origin << 32) | (guint32) pid;
  gpointer found = g_hash_table_lookup (self->process_table, &key);
  QiProcess *proc;
  Origin *o;

  if (found != NULL)
    return g_ptr_array_index (self->processes, GPOINTER_TO_UINT (found) - 1);

  o = &g_array_index (self->origins, Origin, origin);
  proc = g_new0 (QiProcess, 1);
  proc->pid = pid;
  proc->origin = origin;
  proc->index = self->processes->len;
  proc->kind = o->kind;
  proc->origin_name = o->name;
  proc->objects = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_ptr_array_add (self->processes, proc);
  g_hash_table_insert (self->process_table, g_memdup2 (&key, sizeof key),
                       GUINT_TO_POINTER (proc->index + 1));
  return proc;
}

static QiObject *
ensure_object (QiEventStore *self,
               QiProcess    *proc,
               guint64       id)
{
  guint64 key = ((guint64) proc->index << 40) | (id & ((G_GUINT64_CONSTANT (1) << 40) - 1));
  QiObject *obj;

  if (self->last_object != NULL && self->last_object->key == key)
    return self->last_object;

  obj = g_hash_table_lookup (self->object_table, &key);
  if (obj == NULL)
    {
      if (self->objects->len >= QI_STORE_MAX_OBJECTS)
        return NULL;
      obj = g_new0 (QiObject, 1);
      obj->key = key;
      obj->id = id;
      obj->process = proc->index;
      obj->index = self->objects->len;
      obj->type_name = "";
      obj->label = "";
      obj->first_t = G_MAXINT64;
      obj->last_t = G_MININT64;
      obj->events = g_array_new (FALSE, FALSE, sizeof (guint32));
      obj->spans = g_array_new (FALSE, FALSE, sizeof (QiSpan));
      for (guint i = 0; i < QI_N_SPAN_KINDS; i++)
        obj->open[i] = QI_NO_EVENT;
      g_ptr_array_add (self->objects, obj);
      g_hash_table_insert (self->object_table, &obj->key, obj);
      g_array_append_val (proc->objects, obj->index);
    }
  self->last_object = obj;
  return obj;
}

static void
object_set_names (QiEventStore *self,
                  QiObject     *obj,
                  const char   *type_name,
                  gsize         type_len,
                  const char   *label,
                  gsize         label_len)
{
  if (type_name != NULL && type_len > 0 &&
      (strlen (obj->type_name) != type_len || memcmp (obj->type_name, type_name, type_len) != 0))
    {
      g_autofree char *copy = g_strndup (type_name, type_len);

      obj->type_name = g_string_chunk_insert_const (self->strings, copy);
    }
  if (label != NULL && label_len > 0 &&
      (strlen (obj->label) != label_len || memcmp (obj->label, label, label_len) != 0))
    {
      g_autofree char *copy = g_strndup (label, label_len);

      obj->label = g_string_chunk_insert_const (self->strings, copy);
    }
}

static gboolean
store_payload (QiEventStore *self,
               const guint8 *data,
               gsize         len,
               guint16      *page_out,
               guint32      *offset_out)
{
  Page *page = self->pages->len > 0 ? g_ptr_array_index (self->pages, self->pages->len - 1) : NULL;

  if (len > QI_STORE_MAX_LINE * 2)
    return FALSE;
  if (page == NULL || page->size - page->used < len)
    {
      if (self->pages->len >= MAX_PAGES)
        return FALSE;
      page = g_new0 (Page, 1);
      page->size = MAX (PAGE_SIZE, (guint32) len);
      page->data = g_malloc (page->size);
      g_ptr_array_add (self->pages, page);
    }
  *page_out = self->pages->len - 1;
  *offset_out = page->used;
  if (len > 0)
    memcpy (page->data + page->used, data, len);
  page->used += len;
  return TRUE;
}

/* Span derivation ------------------------------------------------------ */

static void
span_open (QiObject  *obj,
           QiSpanKind kind,
           gint64     t,
           guint32    event)
{
  QiSpan span = { t, t, event, QI_NO_EVENT, kind, QI_SPAN_OPEN };

  g_array_append_val (obj->spans, span);
  obj->open[kind] = obj->spans->len - 1;
}

static gboolean
span_close (QiObject     *obj,
            QiSpanKind    kind,
            gint64        t,
            guint32       event,
            QiSpanStatus  status)
{
  QiSpan *span;

  if (obj->open[kind] == QI_NO_EVENT)
    return FALSE;
  span = &g_array_index (obj->spans, QiSpan, obj->open[kind]);
  span->end = MAX (t, span->begin);
  span->end_event = event;
  span->status = status;
  obj->open[kind] = QI_NO_EVENT;
  return TRUE;
}

/* Sending ends at the last packet sent; waiting starts there. */
static void
send_to_wait (QiObject *obj)
{
  QiSpan *send;
  gint64 end;
  guint32 end_event;

  if (obj->open[QI_SPAN_SEND] == QI_NO_EVENT)
    return;
  send = &g_array_index (obj->spans, QiSpan, obj->open[QI_SPAN_SEND]);
  end = send->end;
  end_event = send->end_event != QI_NO_EVENT ? send->end_event : send->begin_event;
  span_close (obj, QI_SPAN_SEND, end, end_event, QI_SPAN_OK);
  span_open (obj, QI_SPAN_WAIT, end, end_event);
}

static void
derive_spans (QiObject     *obj,
              guint32       index,
              guint         code,
              gint64        t,
              const guint8 *payload,
              const guint8 *end)
{
  gint64 v;

  switch (code)
    {
    case QNET_EVENT_HOSTNAME_LOOKUP:
      span_close (obj, QI_SPAN_DNS, t, index, QI_SPAN_FAILED);
      span_open (obj, QI_SPAN_DNS, t, index);
      break;
    case QNET_EVENT_HOSTNAME_RESOLVED:
      span_close (obj, QI_SPAN_DNS, t, index, QI_SPAN_OK);
      break;
    case QNET_EVENT_CONNECTING:
      span_close (obj, QI_SPAN_DNS, t, index, QI_SPAN_OK);
      span_close (obj, QI_SPAN_CONNECT, t, index, QI_SPAN_FAILED);
      span_open (obj, QI_SPAN_CONNECT, t, index);
      break;
    case QNET_EVENT_CONNECTED:
      span_close (obj, QI_SPAN_CONNECT, t, index, QI_SPAN_OK);
      break;
    case QNET_EVENT_CONNECT_FAILED:
      span_close (obj, QI_SPAN_DNS, t, index, QI_SPAN_FAILED);
      span_close (obj, QI_SPAN_CONNECT, t, index, QI_SPAN_FAILED);
      break;
    case QNET_EVENT_START_SSL:
      span_close (obj, QI_SPAN_TLS, t, index, QI_SPAN_FAILED);
      span_open (obj, QI_SPAN_TLS, t, index);
      break;
    case QNET_EVENT_SSL_ESTABLISHED:
      if (span_close (obj, QI_SPAN_TLS, t, index, QI_SPAN_OK))
        obj->secure = TRUE;
      break;
    case QNET_EVENT_HTTP_SEND_MESSAGE:
      {
        const char *msg = NULL;
        gsize len = 0;

        qi_payload_get_string (payload, end, QI_KEY_MESSAGE, &msg, &len);
        if (msg != NULL && len >= 5 && memcmp (msg, "HTTP/", 5) == 0)
          break;   /* a response sent by a server-side socket */
        span_close (obj, QI_SPAN_RECEIVE, t, index, QI_SPAN_OK);
        span_close (obj, QI_SPAN_CHUNKED, t, index, QI_SPAN_FAILED);
        span_close (obj, QI_SPAN_SEND, t, index, QI_SPAN_FAILED);
        span_close (obj, QI_SPAN_WAIT, t, index, QI_SPAN_FAILED);
        span_open (obj, QI_SPAN_SEND, t, index);
      }
      break;
    case QNET_EVENT_PACKET_SENT:
      if (obj->open[QI_SPAN_SEND] != QI_NO_EVENT)
        {
          QiSpan *send = &g_array_index (obj->spans, QiSpan, obj->open[QI_SPAN_SEND]);

          send->end = MAX (send->end, t);
          send->end_event = index;
        }
      if (qi_payload_get_int (payload, end, QI_KEY_SENT, &v) && v > 0)
        obj->bytes_out += v;
      break;
    case QNET_EVENT_PACKET_READ:
      send_to_wait (obj);
      if (qi_payload_get_int (payload, end, QI_KEY_READ, &v) && v > 0)
        obj->bytes_in += v;
      break;
    case QNET_EVENT_HTTP_MESSAGE_RECEIVED:
      {
        const guint8 *headers;
        const guint8 *status;
        gint64 status_code;

        if (!qi_payload_find (payload, end, QI_KEY_HEADERS, &headers) ||
            !qi_payload_dict_lookup (headers, end, "status_code", &status) ||
            !qi_payload_value_int (status, end, &status_code))
          break;   /* a request received by a server-side socket */
        send_to_wait (obj);
        span_close (obj, QI_SPAN_WAIT, t, index, QI_SPAN_OK);
        if (status_code >= 200)
          {
            span_close (obj, QI_SPAN_RECEIVE, t, index, QI_SPAN_OK);
            span_open (obj, QI_SPAN_RECEIVE, t, index);
          }
        else
          span_open (obj, QI_SPAN_WAIT, t, index);
      }
      break;
    case QNET_EVENT_HTTP_CHUNKED_START:
      span_close (obj, QI_SPAN_CHUNKED, t, index, QI_SPAN_FAILED);
      span_open (obj, QI_SPAN_CHUNKED, t, index);
      break;
    case QNET_EVENT_HTTP_CHUNKED_END:
      span_close (obj, QI_SPAN_CHUNKED, t, index, QI_SPAN_OK);
      break;
    case QNET_EVENT_HTTP_RESPONSE_COMPLETE:
      span_close (obj, QI_SPAN_CHUNKED, t, index, QI_SPAN_OK);
      span_close (obj, QI_SPAN_RECEIVE, t, index, QI_SPAN_OK);
      break;
    case QNET_EVENT_FTP_SEND_MESSAGE:
      span_close (obj, QI_SPAN_FTP, t, index, QI_SPAN_FAILED);
      span_open (obj, QI_SPAN_FTP, t, index);
      break;
    case QNET_EVENT_FTP_MESSAGE_RECEIVED:
      if (qi_payload_get_int (payload, end, QI_KEY_CODE, &v) && v >= 100 && v < 200)
        break;   /* preliminary reply: the command goes on */
      span_close (obj, QI_SPAN_FTP, t, index, v >= 400 ? QI_SPAN_FAILED : QI_SPAN_OK);
      break;
    case QNET_EVENT_OPEN_FILE:
      span_close (obj, QI_SPAN_FILE, t, index, QI_SPAN_OK);
      span_open (obj, QI_SPAN_FILE, t, index);
      obj->file_opened = FALSE;
      break;
    case QNET_EVENT_FILE_OPENED:
      obj->file_opened = TRUE;
      break;
    case QNET_EVENT_DATA_READ:
      if (qi_payload_get_int (payload, end, QI_KEY_READ, &v) && v > 0)
        obj->bytes_in += v;
      break;
    case QNET_EVENT_DATA_WRITTEN:
      if (qi_payload_get_int (payload, end, QI_KEY_WRITTEN, &v) && v > 0)
        obj->bytes_out += v;
      break;
    case QNET_EVENT_OPERATION_FAILED:
      for (guint k = 0; k < QI_N_SPAN_KINDS; k++)
        if (k != QI_SPAN_FILE)
          span_close (obj, k, t, index, QI_SPAN_FAILED);
      if (!obj->file_opened)
        span_close (obj, QI_SPAN_FILE, t, index, QI_SPAN_FAILED);
      break;
    case QNET_EVENT_CHANNEL_CLOSED:
    case QNET_EVENT_DELETED:
      span_close (obj, QI_SPAN_FILE, t, index, obj->file_opened ? QI_SPAN_OK : QI_SPAN_FAILED);
      span_close (obj, QI_SPAN_RECEIVE, t, index, QI_SPAN_OK);
      span_close (obj, QI_SPAN_CHUNKED, t, index, QI_SPAN_FAILED);
      for (guint k = QI_SPAN_DNS; k <= QI_SPAN_WAIT; k++)
        span_close (obj, k, t, index, QI_SPAN_FAILED);
      span_close (obj, QI_SPAN_FTP, t, index, QI_SPAN_FAILED);
      obj->file_opened = FALSE;
      break;
    default:
      break;
    }
}

/* Appending ------------------------------------------------------------ */

static gboolean
append_record (QiEventStore *self,
               QiProcess    *proc,
               QiObject     *obj,
               gint64        t,
               guint         code,
               guint         source,
               const guint8 *payload,
               gsize         len)
{
  QiRecord *rec;
  guint32 index = self->n_events;
  guint16 page;
  guint32 offset;
  const Page *p;

  if (self->n_events >= QI_STORE_MAX_EVENTS || code > 254 ||
      !store_payload (self, payload, len, &page, &offset))
    {
      self->n_rejected++;
      return FALSE;
    }

  if ((index >> RECORDS_PER_BLOCK_SHIFT) >= self->blocks->len)
    g_ptr_array_add (self->blocks, g_new (QiRecord, RECORDS_PER_BLOCK));
  rec = record_at (self, index);
  rec->t = t;
  rec->object = obj->index;
  rec->offset = offset;
  rec->len = (guint32) len;
  rec->page = page;
  rec->code = (guint8) code;
  rec->source = (guint8) MIN (source, 255);
  self->n_events++;

  if (obj->events->len == 0 || t >= obj->last_t)
    g_array_append_val (obj->events, index);
  else
    {
      /* out of order within one object (a shuffled file): keep it sorted */
      guint lo = 0, hi = obj->events->len;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (record_at (self, g_array_index (obj->events, guint32, mid))->t <= t)
            lo = mid + 1;
          else
            hi = mid;
        }
      g_array_insert_val (obj->events, lo, index);
    }
  obj->first_t = MIN (obj->first_t, t);
  obj->last_t = MAX (obj->last_t, t);
  self->begin = MIN (self->begin, t);
  self->end = MAX (self->end, t);

  p = g_ptr_array_index (self->pages, page);
  derive_spans (obj, index, code, t, p->data + offset, p->data + offset + len);

  (void) proc;
  schedule_flush (self);
  return TRUE;
}

static gint64
process_time (QiEventStore *self,
              QiProcess    *proc,
              QiTraceLine  *line)
{
  gint64 wall = 0;
  gboolean has_wall = FALSE;

  if (line->has_mono && proc->has_offset)
    return line->mono + proc->offset;

  if (line->has_time)
    has_wall = qi_parse_iso8601_us (line->time->str, line->time->len, &wall);

  if (line->has_mono)
    {
      if (has_wall)
        proc->offset = wall - line->mono;
      else if (proc->kind != QI_ORIGIN_FILE)
        proc->offset = g_get_real_time () - g_get_monotonic_time ();
      else
        proc->offset = 0;
      proc->has_offset = TRUE;
      return line->mono + proc->offset;
    }
  if (has_wall)
    return wall;
  if (proc->objects->len > 0)
    {
      QiObject *last = g_ptr_array_index (self->objects,
                                          g_array_index (proc->objects, guint32, proc->objects->len - 1));

      if (last->last_t != G_MININT64)
        return last->last_t;
    }
  return g_get_real_time ();
}

/**
 * qi_event_store_append_json:
 * @self: a store
 * @origin: an origin from qi_event_store_add_origin()
 * @line: one line of the trace format (without its newline)
 * @len: its length
 * @error: return location for a #GError
 *
 * Parses and appends one event. Metadata lines (`trace-dropped`) update
 * their process; other lines without an event code are ignored.
 *
 * Returns: %FALSE if the line is malformed (and counted as such)
 */
gboolean
qi_event_store_append_json (QiEventStore  *self,
                            guint32        origin,
                            const char    *line,
                            gsize          len,
                            GError       **error)
{
  QiTraceLine *tl = &self->line;
  QiProcess *proc;
  QiObject *obj;
  gint64 t;

  g_return_val_if_fail (QI_IS_EVENT_STORE (self), FALSE);
  g_return_val_if_fail (origin < self->origins->len, FALSE);

  if (len > QI_STORE_MAX_LINE)
    {
      self->n_malformed++;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("Trace line too long (%lu bytes)"), (unsigned long) len);
      return FALSE;
    }
  if (!qi_trace_line_parse (tl, line, len, error))
    {
      self->n_malformed++;
      return FALSE;
    }

  if (!tl->has_code)
    {
      if (tl->has_name && strcmp (tl->name->str, "trace-dropped") == 0 && tl->has_dropped)
        {
          proc = ensure_process (self, origin, tl->has_pid ? tl->pid : 0);
          proc->dropped = MAX (proc->dropped, (guint64) MAX (tl->dropped, 0));
        }
      return TRUE;
    }
  if (!tl->has_id || tl->code <= 0 || tl->code > 254)
    {
      self->n_malformed++;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Trace line without a valid event code or object id"));
      return FALSE;
    }

  proc = ensure_process (self, origin, tl->has_pid ? tl->pid : 0);
  obj = ensure_object (self, proc, tl->id);
  if (obj == NULL)
    {
      self->n_rejected++;
      return TRUE;
    }
  object_set_names (self, obj,
                    tl->has_type ? tl->type->str : NULL, tl->type->len,
                    tl->has_label ? tl->label->str : NULL, tl->label->len);
  t = process_time (self, proc, tl);
  append_record (self, proc, obj, t, (guint) tl->code, (guint) CLAMP (tl->source, 0, 255),
                 tl->payload->data, tl->payload->len);
  return TRUE;
}

/**
 * qi_event_store_append_event:
 * @self: a store
 * @origin: an origin (usually the in-process one)
 * @event: an event of this process
 *
 * Appends an in-process event, without going through JSON.
 */
void
qi_event_store_append_event (QiEventStore *self,
                             guint32       origin,
                             QnetEvent    *event)
{
  QiProcess *proc;
  QiObject *obj;
  GVariant *hash;
  GVariant *arg;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  const char *type_name;
  const char *label;

  g_return_if_fail (QI_IS_EVENT_STORE (self));
  g_return_if_fail (QNET_IS_EVENT (event));

  proc = ensure_process (self, origin, qnet_event_get_pid (event));
  if (!proc->has_offset)
    {
      proc->offset = qnet_event_get_timestamp (event) - qnet_event_get_monotonic_time (event);
      proc->has_offset = TRUE;
    }
  obj = ensure_object (self, proc, qnet_event_get_id (event));
  if (obj == NULL)
    {
      self->n_rejected++;
      return;
    }
  type_name = qnet_event_get_type_name (event);
  label = qnet_event_get_label (event);
  object_set_names (self, obj, type_name, type_name ? strlen (type_name) : 0,
                    label, label ? strlen (label) : 0);

  g_byte_array_set_size (self->scratch, 0);
  hash = qnet_event_get_hash (event);
  g_variant_iter_init (&iter, hash);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (strcmp (key, "event") != 0 && strcmp (key, "source") != 0 && strcmp (key, "id") != 0)
        {
          qi_payload_put_key (self->scratch, key, strlen (key));
          qi_payload_put_variant (self->scratch, value, 0);
        }
      g_variant_unref (value);
    }
  arg = qnet_event_get_arg (event);
  if (arg != NULL)
    {
      qi_payload_put_varint (self->scratch, QI_KEY_QNET_ARG);
      qi_payload_put_variant (self->scratch, arg, 0);
    }

  append_record (self, proc, obj,
                 qnet_event_get_monotonic_time (event) + proc->offset,
                 (guint) qnet_event_get_code (event),
                 (guint) qnet_event_get_source (event),
                 self->scratch->data, self->scratch->len);
}

static void
on_emitter_event (QnetEmitter *emitter,
                  QnetEvent   *event,
                  gpointer     user_data)
{
  QiEventStore *self = user_data;

  qi_event_store_append_event (self, self->in_process_origin, event);
}

/**
 * qi_event_store_watch_emitter:
 * @self: a store
 * @emitter: (type QnetEmitter): an emitter of this process
 *
 * Appends every event of @emitter from now on (through its `event`
 * signal). The connection ends with either object.
 */
void
qi_event_store_watch_emitter (QiEventStore *self,
                              gpointer      emitter)
{
  g_return_if_fail (QI_IS_EVENT_STORE (self));
  g_return_if_fail (QNET_IS_EMITTER (emitter));

  if (self->in_process_origin == G_MAXUINT32)
    self->in_process_origin = qi_event_store_add_origin (self, QI_ORIGIN_IN_PROCESS, _("this process"));
  g_signal_connect_object (emitter, "event", G_CALLBACK (on_emitter_event), self, 0);
}

/**
 * qi_event_store_merge:
 * @self: the main store
 * @batch: a detached store (emptied by the call)
 *
 * Moves every event, object and process of @batch into @self: records are
 * copied with their object index remapped, payload pages and derived spans
 * are moved without copying.
 */
void
qi_event_store_merge (QiEventStore *self,
                      QiEventStore *batch)
{
  guint base = self->n_events;
  guint page_base = self->pages->len;
  guint n;
  g_autofree guint32 *origin_map = NULL;
  g_autofree guint32 *object_map = NULL;

  g_return_if_fail (QI_IS_EVENT_STORE (self));
  g_return_if_fail (QI_IS_EVENT_STORE (batch));

  n = batch->n_events;
  if ((guint64) base + n > QI_STORE_MAX_EVENTS ||
      page_base + batch->pages->len > MAX_PAGES ||
      self->objects->len + batch->objects->len > QI_STORE_MAX_OBJECTS)
    {
      self->n_rejected += n;
      return;
    }

  origin_map = g_new (guint32, MAX (batch->origins->len, 1));
  for (guint i = 0; i < batch->origins->len; i++)
    {
      Origin *o = &g_array_index (batch->origins, Origin, i);

      origin_map[i] = qi_event_store_add_origin (self, o->kind, o->name);
    }

  object_map = g_new (guint32, MAX (batch->objects->len, 1));
  for (guint i = 0; i < batch->processes->len; i++)
    {
      QiProcess *src = g_ptr_array_index (batch->processes, i);
      QiProcess *dst = ensure_process (self, origin_map[src->origin], src->pid);

      dst->offset = src->offset;
      dst->has_offset = src->has_offset;
      dst->dropped = MAX (dst->dropped, src->dropped);
      for (guint j = 0; j < src->objects->len; j++)
        {
          QiObject *so = g_ptr_array_index (batch->objects, g_array_index (src->objects, guint32, j));
          QiObject *obj = ensure_object (self, dst, so->id);

          object_map[so->index] = obj->index;
          obj->type_name = g_string_chunk_insert_const (self->strings, so->type_name);
          obj->label = g_string_chunk_insert_const (self->strings, so->label);
          obj->first_t = MIN (obj->first_t, so->first_t);
          obj->last_t = MAX (obj->last_t, so->last_t);
          obj->bytes_in += so->bytes_in;
          obj->bytes_out += so->bytes_out;
          obj->secure |= so->secure;
          obj->file_opened = so->file_opened;
          for (guint k = 0; k < so->events->len; k++)
            g_array_index (so->events, guint32, k) += base;
          g_array_append_vals (obj->events, so->events->data, so->events->len);
          for (guint k = 0; k < so->spans->len; k++)
            {
              QiSpan *span = &g_array_index (so->spans, QiSpan, k);

              span->begin_event += base;
              if (span->end_event != QI_NO_EVENT)
                span->end_event += base;
            }
          for (guint k = 0; k < QI_N_SPAN_KINDS; k++)
            obj->open[k] = so->open[k] == QI_NO_EVENT ? QI_NO_EVENT : so->open[k] + obj->spans->len;
          g_array_append_vals (obj->spans, so->spans->data, so->spans->len);
        }
    }

  /* move the pages */
  for (guint i = 0; i < batch->pages->len; i++)
    g_ptr_array_add (self->pages, g_steal_pointer (&g_ptr_array_index (batch->pages, i)));
  g_ptr_array_set_size (batch->pages, 0);

  /* copy the records, block by block where possible */
  for (guint i = 0; i < n; )
    {
      guint dst_index = base + i;
      guint room = RECORDS_PER_BLOCK - (dst_index & (RECORDS_PER_BLOCK - 1));
      guint src_room = RECORDS_PER_BLOCK - (i & (RECORDS_PER_BLOCK - 1));
      guint chunk = MIN (MIN (room, src_room), n - i);
      QiRecord *dst;
      const QiRecord *src;

      if ((dst_index >> RECORDS_PER_BLOCK_SHIFT) >= self->blocks->len)
        g_ptr_array_add (self->blocks, g_new (QiRecord, RECORDS_PER_BLOCK));
      dst = record_at (self, dst_index);
      src = record_at (batch, i);
      for (guint k = 0; k < chunk; k++)
        {
          dst[k] = src[k];
          dst[k].object = object_map[src[k].object];
          dst[k].page = (guint16) (src[k].page + page_base);
        }
      i += chunk;
    }
  self->n_events += n;
  self->n_malformed += batch->n_malformed;
  self->n_rejected += batch->n_rejected;
  if (n > 0)
    {
      self->begin = MIN (self->begin, batch->begin);
      self->end = MAX (self->end, batch->end);
    }
  self->last_object = NULL;
  schedule_flush (self);
}

/* Flushing ------------------------------------------------------------- */

static int
compare_by_time (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  QiEventStore *self = user_data;
  guint32 ia = *(const guint32 *) a;
  guint32 ib = *(const guint32 *) b;
  gint64 ta = record_at (self, ia)->t;
  gint64 tb = record_at (self, ib)->t;

  if (ta != tb)
    return ta < tb ? -1 : 1;
  return ia < ib ? -1 : (ia > ib);
}

static inline gboolean
order_less (QiEventStore *self,
            guint32       a,
            guint32       b)
{
  gint64 ta = record_at (self, a)->t;
  gint64 tb = record_at (self, b)->t;

  return ta < tb || (ta == tb && a < b);
}

/* The first position in the order whose (t, index) is not less than the
 * given pair. */
guint
qi_event_store_order_lower_bound (QiEventStore *self,
                                  gint64        t,
                                  guint         index)
{
  guint lo = 0, hi = self->order->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      guint32 e = g_array_index (self->order, guint32, mid);
      gint64 te = record_at (self, e)->t;

      if (te < t || (te == t && e < index))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * qi_event_store_flush:
 * @self: a store
 *
 * Merges the events appended since the last flush into the time-ordered
 * view and emits ::changed once. Called automatically once per frame.
 */
void
qi_event_store_flush (QiEventStore *self)
{
  QiStoreChange change = { 0, };
  guint first = self->n_flushed;
  guint n = self->n_events - first;
  g_autofree guint32 *fresh = NULL;
  gboolean sorted = TRUE;
  guint old_len;
  guint pos;

  g_return_if_fail (QI_IS_EVENT_STORE (self));

  g_clear_handle_id (&self->flush_source, g_source_remove);
  if (n == 0 && self->objects->len == self->n_objects_flushed &&
      self->processes->len == self->n_processes_flushed)
    return;

  fresh = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      fresh[i] = first + i;
      if (i > 0 && order_less (self, fresh[i], fresh[i - 1]))
        sorted = FALSE;
    }
  if (!sorted)
    g_qsort_with_data (fresh, n, sizeof (guint32), compare_by_time, self);

  old_len = self->order->len;
  pos = n > 0 ? qi_event_store_order_lower_bound (self, record_at (self, fresh[0])->t, fresh[0]) : old_len;
  if (pos == old_len)
    g_array_append_vals (self->order, fresh, n);
  else
    {
      /* merge the tail with the new events */
      guint tail_len = old_len - pos;
      g_autofree guint32 *tail = g_memdup2 (&g_array_index (self->order, guint32, pos),
                                            tail_len * sizeof (guint32));
      guint a = 0, b = 0, o = pos;

      g_array_set_size (self->order, old_len + n);
      while (a < tail_len || b < n)
        {
          if (b >= n || (a < tail_len && order_less (self, tail[a], fresh[b])))
            g_array_index (self->order, guint32, o++) = tail[a++];
          else
            g_array_index (self->order, guint32, o++) = fresh[b++];
        }
    }

  self->n_flushed = self->n_events;
  change.first_event = first;
  change.n_events = n;
  change.order_position = pos;
  change.order_removed = old_len - pos;
  change.order_added = self->order->len - pos;
  change.first_object = self->n_objects_flushed;
  change.n_objects = self->objects->len - self->n_objects_flushed;
  change.first_process = self->n_processes_flushed;
  change.n_processes = self->processes->len - self->n_processes_flushed;
  self->n_objects_flushed = self->objects->len;
  self->n_processes_flushed = self->processes->len;

  g_signal_emit (self, signals[CHANGED], 0, &change);
}

/**
 * qi_event_store_clear:
 * @self: a store
 *
 * Forgets every event, object and process (origins stay valid).
 */
void
qi_event_store_clear (QiEventStore *self)
{
  QiStoreChange change = { 0, };

  g_return_if_fail (QI_IS_EVENT_STORE (self));

  change.order_removed = self->order->len;
  g_clear_handle_id (&self->flush_source, g_source_remove);
  g_hash_table_remove_all (self->object_table);
  g_hash_table_remove_all (self->process_table);
  g_ptr_array_set_size (self->objects, 0);
  g_ptr_array_set_size (self->processes, 0);
  g_ptr_array_set_size (self->blocks, 0);
  g_ptr_array_set_size (self->pages, 0);
  g_array_set_size (self->order, 0);
  self->n_events = self->n_flushed = 0;
  self->n_objects_flushed = self->n_processes_flushed = 0;
  self->begin = G_MAXINT64;
  self->end = G_MININT64;
  self->last_object = NULL;
  self->n_malformed = 0;
  self->n_rejected = 0;
  g_signal_emit (self, signals[CHANGED], 0, &change);
}

/* Accessors ------------------------------------------------------------ */

guint
qi_event_store_get_n_events (QiEventStore *self)
{
  return self->n_events;
}

const QiRecord *
qi_event_store_get_record (QiEventStore *self,
                           guint         index)
{
  g_return_val_if_fail (index < self->n_events, NULL);
  return record_at (self, index);
}

const guint8 *
qi_event_store_get_payload (QiEventStore   *self,
                            const QiRecord *record)
{
  const Page *page = g_ptr_array_index (self->pages, record->page);

  return page->data + record->offset;
}

guint
qi_event_store_get_n_objects (QiEventStore *self)
{
  return self->objects->len;
}

QiObject *
qi_event_store_get_object (QiEventStore *self,
                           guint         index)
{
  g_return_val_if_fail (index < self->objects->len, NULL);
  return g_ptr_array_index (self->objects, index);
}

guint
qi_event_store_get_n_processes (QiEventStore *self)
{
  return self->processes->len;
}

QiProcess *
qi_event_store_get_process (QiEventStore *self,
                            guint         index)
{
  g_return_val_if_fail (index < self->processes->len, NULL);
  return g_ptr_array_index (self->processes, index);
}

const guint32 *
qi_event_store_get_order (QiEventStore *self,
                          guint        *n_order)
{
  *n_order = self->order->len;
  return (const guint32 *) self->order->data;
}

gboolean
qi_event_store_get_range (QiEventStore *self,
                          gint64       *begin,
                          gint64       *end)
{
  if (self->n_events == 0)
    {
      *begin = *end = 0;
      return FALSE;
    }
  *begin = self->begin;
  *end = self->end;
  return TRUE;
}

guint64
qi_event_store_get_n_malformed (QiEventStore *self)
{
  return self->n_malformed;
}

/* Events lost before they reached us: reported by tracers, or beyond our
 * own limits. */
guint64
qi_event_store_get_n_dropped (QiEventStore *self)
{
  guint64 n = self->n_rejected;

  for (guint i = 0; i < self->processes->len; i++)
    n += ((QiProcess *) g_ptr_array_index (self->processes, i))->dropped;
  return n;
}

gsize
qi_event_store_get_memory_size (QiEventStore *self)
{
  gsize size = sizeof *self;

  size += self->blocks->len * (gsize) RECORDS_PER_BLOCK * sizeof (QiRecord);
  for (guint i = 0; i < self->pages->len; i++)
    size += ((Page *) g_ptr_array_index (self->pages, i))->size + sizeof (Page);
  size += self->order->len * sizeof (guint32);
  for (guint i = 0; i < self->objects->len; i++)
    {
      QiObject *obj = g_ptr_array_index (self->objects, i);

      size += sizeof *obj + obj->events->len * sizeof (guint32) + obj->spans->len * sizeof (QiSpan);
    }
  size += self->processes->len * sizeof (QiProcess);
  return size;
}

/* Decoded views -------------------------------------------------------- */

#define PAYLOAD_RANGE(self, rec, p, e) \
  const guint8 *p = qi_event_store_get_payload ((self), (rec)); \
  const guint8 *e = p + (rec)->len

const char *
qi_event_store_get_event_name (QiEventStore *self,
                               guint         index)
{
  return qi_code_get_name (record_at (self, index)->code);
}

/* The event hash as a{sv}, with event, source and id. */
GVariant *
qi_event_store_dup_hash (QiEventStore *self,
                         guint         index)
{
  const QiRecord *rec = qi_event_store_get_record (self, index);
  QiObject *obj = g_ptr_array_index (self->objects, rec->object);
  g_autoptr(GVariant) rest = NULL;
  GVariantBuilder b;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  PAYLOAD_RANGE (self, rec, p, e);

  rest = g_variant_ref_sink (qi_payload_to_variant (p, e));
  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "event", g_variant_new_int64 (rec->code));
  g_variant_builder_add (&b, "{sv}", "source", g_variant_new_int64 (rec->source));
  g_variant_builder_add (&b, "{sv}", "id", g_variant_new_int64 ((gint64) obj->id));
  g_variant_iter_init (&iter, rest);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      g_variant_builder_add (&b, "{sv}", key, value);
      g_variant_unref (value);
    }
  return g_variant_ref_sink (g_variant_builder_end (&b));
}

gboolean
qi_event_store_lookup_int (QiEventStore *self,
                           guint         index,
                           QiKey         key,
                           gint64       *value)
{
  const QiRecord *rec = record_at (self, index);
  PAYLOAD_RANGE (self, rec, p, e);

  return qi_payload_get_int (p, e, key, value);
}

char *
qi_event_store_dup_string (QiEventStore *self,
                           guint         index,
                           QiKey         key)
{
  const QiRecord *rec = record_at (self, index);
  const char *s;
  gsize len;
  PAYLOAD_RANGE (self, rec, p, e);

  if (!qi_payload_get_string (p, e, key, &s, &len))
    return NULL;
  return g_strndup (s, len);
}

GVariant *
qi_event_store_dup_value (QiEventStore *self,
                          guint         index,
                          QiKey         key)
{
  const QiRecord *rec = record_at (self, index);
  const guint8 *value;
  PAYLOAD_RANGE (self, rec, p, e);

  if (!qi_payload_find (p, e, key, &value))
    return NULL;
  return g_variant_ref_sink (qi_payload_value_to_variant (value, e));
}

static void
format_iso8601 (GString *out,
                gint64   us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);

  if (dt == NULL)
    {
      g_string_append (out, "1970-01-01T00:00:00.000000Z");
      return;
    }
  g_string_append_printf (out, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt),
                          (int) (((us % G_USEC_PER_SEC) + G_USEC_PER_SEC) % G_USEC_PER_SEC));
}

/* One line of the trace format for the event (no newline). */
char *
qi_event_store_dup_json (QiEventStore *self,
                         guint         index)
{
  const QiRecord *rec = qi_event_store_get_record (self, index);
  QiObject *obj = g_ptr_array_index (self->objects, rec->object);
  QiProcess *proc = g_ptr_array_index (self->processes, obj->process);
  GString *out = g_string_sized_new (256);
  const guint8 *arg;
  PAYLOAD_RANGE (self, rec, p, e);

  g_string_append_printf (out, "{\"event\":%u,\"source\":%u,\"id\":%" G_GUINT64_FORMAT,
                          rec->code, rec->source, obj->id);
  if (rec->len > 0)
    {
      gsize before = out->len;

      g_string_append_c (out, ',');
      qi_payload_append_json (out, p, e);
      if (out->len == before + 1)
        g_string_truncate (out, before);
    }
  g_string_append (out, ",\"qnet\":{\"name\":");
  qi_json_append_string (out, qi_code_get_name (rec->code), -1);
  g_string_append (out, ",\"time\":\"");
  format_iso8601 (out, rec->t);
  g_string_append_printf (out, "\",\"mono_us\":%" G_GINT64_FORMAT ",\"pid\":%" G_GINT64_FORMAT ",\"type\":",
                          rec->t - proc->offset, proc->pid);
  qi_json_append_string (out, obj->type_name, -1);
  g_string_append (out, ",\"label\":");
  qi_json_append_string (out, obj->label, -1);
  if (qi_payload_find (p, e, QI_KEY_QNET_ARG, &arg))
    {
      g_autoptr(GVariant) v = g_variant_ref_sink (qi_payload_value_to_variant (arg, e));
      g_autofree char *text = v != NULL ? g_variant_print (v, FALSE) : NULL;

      g_string_append (out, ",\"arg\":");
      qi_json_append_string (out, text ? text : "", -1);
    }
  g_string_append (out, "}}");
  return g_string_free (out, FALSE);
}

/**
 * qi_event_store_save:
 * @self: a store
 * @path: where to write
 * @error: return location for a #GError
 *
 * Writes every event, in time order, as JSON Lines (the trace format).
 */
gboolean
qi_event_store_save (QiEventStore  *self,
                     const char    *path,
                     GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GOutputStream) buffered = NULL;

  qi_event_store_flush (self);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  buffered = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 256 * 1024);
  for (guint i = 0; i < self->order->len; i++)
    {
      g_autofree char *line = qi_event_store_dup_json (self, g_array_index (self->order, guint32, i));

      if (!g_output_stream_write_all (buffered, line, strlen (line), NULL, NULL, error) ||
          !g_output_stream_write_all (buffered, "\n", 1, NULL, NULL, error))
        return FALSE;
    }
  return g_output_stream_close (buffered, NULL, error);
}

char *
qi_event_store_dup_object_title (QiEventStore *self,
                                 guint         object)
{
  QiObject *obj = qi_event_store_get_object (self, object);
  const char *type = obj->type_name[0] ? obj->type_name : _("Object");

  if (obj->label[0] != '\0')
    return g_strdup_printf ("%s #%" G_GUINT64_FORMAT " · %s", type, obj->id, obj->label);
  return g_strdup_printf ("%s #%" G_GUINT64_FORMAT, type, obj->id);
}

char *
qi_event_store_dup_process_title (QiEventStore *self,
                                  guint         process)
{
  QiProcess *proc = qi_event_store_get_process (self, process);

  switch (proc->kind)
    {
    case QI_ORIGIN_IN_PROCESS:
      return g_strdup_printf (_("Process %lld (this inspector)"), (long long) proc->pid);
    case QI_ORIGIN_LIVE:
      return g_strdup_printf (_("Process %lld (live)"), (long long) proc->pid);
    case QI_ORIGIN_FILE:
    default:
      return g_strdup_printf (_("Process %lld (%s)"), (long long) proc->pid, proc->origin_name);
    }
}

void
qi_event_store_get_timing (QiEventStore *self,
                           guint         object,
                           QiTiming     *timing)
{
  QiObject *obj = qi_event_store_get_object (self, object);
  gint64 *slots[QI_N_SPAN_KINDS] = {
    &timing->dns, &timing->connect, &timing->tls, &timing->send, &timing->wait,
    &timing->receive, &timing->chunked, &timing->ftp, &timing->file,
  };

  memset (timing, 0, sizeof *timing);
  for (guint k = 0; k < QI_N_SPAN_KINDS; k++)
    *slots[k] = -1;
  for (guint i = 0; i < obj->spans->len; i++)
    {
      const QiSpan *span = &g_array_index (obj->spans, QiSpan, i);
      gint64 end = span->status == QI_SPAN_OPEN ? obj->last_t : span->end;
      gint64 *slot = slots[span->kind];

      if (*slot < 0)
        *slot = 0;
      *slot += MAX (end - span->begin, 0);
      if (span->status == QI_SPAN_FAILED)
        timing->n_failed++;
    }
  timing->total = obj->events->len > 0 ? obj->last_t - obj->first_t : 0;
  timing->bytes_in = obj->bytes_in;
  timing->bytes_out = obj->bytes_out;
  timing->n_events = obj->events->len;
}
