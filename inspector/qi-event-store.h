/* qi-event-store.h: the inspector's compact event store (no widgets)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <qnet.h>

#include "qi-types.h"

G_BEGIN_DECLS

/* One event: 24 bytes. Everything that is not needed to sort, draw or
 * filter it lives in its encoded payload (see qi-payload.h). */
typedef struct {
  gint64  t;        /* µs on the shared axis (wall-clock aligned) */
  guint32 object;   /* index into the object table */
  guint32 offset;   /* payload offset within its page */
  guint32 len;      /* payload length in bytes */
  guint16 page;     /* payload page */
  guint8  code;     /* QnetEventCode (all codes are < 255) */
  guint8  source;   /* QnetEventSource */
} QiRecord;

/* A derived phase of one object: begin → end. */
typedef struct {
  gint64  begin;
  gint64  end;          /* == begin while open (see status) */
  guint32 begin_event;  /* store index */
  guint32 end_event;    /* store index, QI_NO_EVENT while open */
  guint8  kind;         /* QiSpanKind */
  guint8  status;       /* QiSpanStatus */
} QiSpan;

#define QI_NO_EVENT G_MAXUINT32
#define QI_NO_OBJECT G_MAXUINT32

typedef struct {
  guint64      key;         /* (process << 40) | id: the hash key */
  guint64      id;          /* QnetEmitter:id */
  guint32      process;     /* index into the process table */
  guint32      index;       /* own index */
  const char  *type_name;   /* (not owned) interned in the store */
  const char  *label;       /* (not owned) latest non-empty label */
  gint64       first_t;
  gint64       last_t;
  GArray      *events;      /* (owned) guint32 store indices, sorted by t */
  GArray      *spans;       /* (owned) QiSpan, sorted by begin */
  gint64       bytes_in;
  gint64       bytes_out;
  /* derivation state */
  guint32      open[QI_N_SPAN_KINDS];  /* index into spans or QI_NO_EVENT */
  gboolean     file_opened;
  gboolean     secure;
} QiObject;

typedef struct {
  gint64        pid;
  guint32       origin;       /* origin id */
  guint32       index;
  QiOriginKind  kind;
  const char   *origin_name;  /* (not owned) interned */
  gint64        offset;       /* wall-clock µs minus monotonic µs */
  gboolean      has_offset;
  guint64       dropped;      /* events the tracer reported as dropped */
  GArray       *objects;      /* (owned) guint32 object indices */
} QiProcess;

/* What one flush changed; passed (transfer none) with QiEventStore::changed. */
typedef struct {
  guint first_event;     /* first new store index */
  guint n_events;        /* new store indices (first_event ..) */
  guint order_position;  /* where the time-ordered view changed */
  guint order_removed;
  guint order_added;
  guint first_object;    /* new objects (first_object ..) */
  guint n_objects;
  guint first_process;
  guint n_processes;
} QiStoreChange;

#define QI_TYPE_EVENT_STORE (qi_event_store_get_type ())
G_DECLARE_FINAL_TYPE (QiEventStore, qi_event_store, QI, EVENT_STORE, GObject)

/* Limits on what one store will hold (peer-controlled input). */
#define QI_STORE_MAX_EVENTS   (64u * 1024u * 1024u)   /* records: 1.5 GiB at most */
#define QI_STORE_MAX_OBJECTS  (1024u * 1024u)         /* lanes */
#define QI_STORE_MAX_LINE     (1024u * 1024u)         /* one JSON line */

QiEventStore   *qi_event_store_new              (void);
QiEventStore   *qi_event_store_new_detached     (void);

guint32         qi_event_store_add_origin       (QiEventStore  *self,
                                                 QiOriginKind   kind,
                                                 const char    *name);

gboolean        qi_event_store_append_json      (QiEventStore  *self,
                                                 guint32        origin,
                                                 const char    *line,
                                                 gsize          len,
                                                 GError       **error);
void            qi_event_store_append_event     (QiEventStore  *self,
                                                 guint32        origin,
                                                 QnetEvent     *event);
void            qi_event_store_watch_emitter    (QiEventStore  *self,
                                                 gpointer       emitter);
void            qi_event_store_merge            (QiEventStore  *self,
                                                 QiEventStore  *batch);
void            qi_event_store_flush            (QiEventStore  *self);
void            qi_event_store_clear            (QiEventStore  *self);

guint           qi_event_store_get_n_events     (QiEventStore  *self);
const QiRecord *qi_event_store_get_record       (QiEventStore  *self,
                                                 guint          index);
const guint8   *qi_event_store_get_payload      (QiEventStore  *self,
                                                 const QiRecord *record);
guint           qi_event_store_get_n_objects    (QiEventStore  *self);
QiObject       *qi_event_store_get_object       (QiEventStore  *self,
                                                 guint          index);
guint           qi_event_store_get_n_processes  (QiEventStore  *self);
QiProcess      *qi_event_store_get_process      (QiEventStore  *self,
                                                 guint          index);
/* The time-ordered view: order[i] is a store index. */
const guint32  *qi_event_store_get_order        (QiEventStore  *self,
                                                 guint         *n_order);
guint           qi_event_store_order_lower_bound (QiEventStore *self,
                                                  gint64        t,
                                                  guint         index);
gboolean        qi_event_store_get_range        (QiEventStore  *self,
                                                 gint64        *begin,
                                                 gint64        *end);
guint64         qi_event_store_get_n_malformed  (QiEventStore  *self);
guint64         qi_event_store_get_n_dropped    (QiEventStore  *self);
gsize           qi_event_store_get_memory_size  (QiEventStore  *self);

/* Decoded views of one event. */
const char     *qi_event_store_get_event_name   (QiEventStore  *self,
                                                 guint          index);
GVariant       *qi_event_store_dup_hash         (QiEventStore  *self,
                                                 guint          index);
char           *qi_event_store_dup_json         (QiEventStore  *self,
                                                 guint          index);
char           *qi_event_store_dup_summary      (QiEventStore  *self,
                                                 guint          index);
gboolean        qi_event_store_lookup_int       (QiEventStore  *self,
                                                 guint          index,
                                                 QiKey          key,
                                                 gint64        *value);
char           *qi_event_store_dup_string       (QiEventStore  *self,
                                                 guint          index,
                                                 QiKey          key);
GVariant       *qi_event_store_dup_value        (QiEventStore  *self,
                                                 guint          index,
                                                 QiKey          key);
char           *qi_event_store_dup_object_title (QiEventStore  *self,
                                                 guint          object);
char           *qi_event_store_dup_process_title (QiEventStore *self,
                                                  guint         process);
gboolean        qi_event_store_save             (QiEventStore  *self,
                                                 const char    *path,
                                                 GError       **error);

/* Timing of one object, like a browser's network timing tab (µs; -1 = none). */
typedef struct {
  gint64 dns;
  gint64 connect;
  gint64 tls;
  gint64 send;
  gint64 wait;
  gint64 receive;
  gint64 chunked;
  gint64 ftp;
  gint64 file;
  gint64 total;
  gint64 bytes_in;
  gint64 bytes_out;
  guint  n_events;
  guint  n_failed;
} QiTiming;

void            qi_event_store_get_timing       (QiEventStore  *self,
                                                 guint          object,
                                                 QiTiming      *timing);

G_END_DECLS
