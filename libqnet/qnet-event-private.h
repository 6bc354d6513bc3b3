/* qnet-event-private.h: the event table and record constructor (internal)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qnet-enums.h"
#include "qnet-event.h"

G_BEGIN_DECLS

/* How one fact of an event appears in the typed signal and in the hash. */
typedef enum {
  QNET_ARG_INT64,        /* gint64; key "x"; signal gint64 */
  QNET_ARG_OPT_INT64,    /* gint64, -1 = absent key; signal gint64 */
  QNET_ARG_INT,          /* gint; key "x"; signal gint */
  QNET_ARG_STRING,       /* const char * (nullable = absent key); signal string */
  QNET_ARG_VARIANT,      /* GVariant * a{sv}; key as is; signal GVariant */
  QNET_ARG_BYTES,        /* GBytes *; key "ay"; signal GBytes */
  QNET_ARG_OBJECT,       /* GObject *; signal only, no key */
  QNET_ARG_KEY_STRING,   /* const char *; key only, not in the signal */
  QNET_ARG_KEY_INT64,    /* gint64; key only, not in the signal */
} QnetArgKind;

#define QNET_EVENT_MAX_ARGS 5

typedef struct {
  const char  *key;
  QnetArgKind  kind;
} QnetEventArgInfo;

typedef struct {
  QnetEventCode     code;
  const char       *qore_name;    /* "PACKET_READ" */
  const char       *signal_name;  /* "packet-read" */
  QnetEventSource   source;       /* 0: the emitter's default source */
  gboolean          capture;      /* only with QnetEmitter:capture-data */
  guint             n_args;
  QnetEventArgInfo  args[QNET_EVENT_MAX_ARGS];
} QnetEventInfo;

const QnetEventInfo *_qnet_event_info_lookup (QnetEventCode code);
const QnetEventInfo *_qnet_event_info_lookup_name (const char *signal_name);
const QnetEventInfo *_qnet_event_info_table (guint *n_entries);

/* One fact of an event, as passed to the emit helper. */
typedef union {
  gint64      i;
  const char *s;
  gpointer    p;   /* GVariant *, GBytes * or GObject * */
} QnetEventFact;

/* Builds a record from the facts of @info (copied: strings duplicated,
 * variants and bytes referenced); the hash is built only when asked for. */
QnetEvent *_qnet_event_new_from_facts (const QnetEventInfo *info,
                                       QnetEventSource      source,
                                       guint64              id,
                                       gint64               timestamp,
                                       gint64               monotonic_time,
                                       gint64               pid,
                                       const QnetEventFact *facts,
                                       GVariant            *arg,
                                       const char          *type_name,
                                       const char          *label);

/* Takes ownership of nothing; @hash is sunk if floating. */
QnetEvent *_qnet_event_new (QnetEventCode    code,
                            QnetEventSource  source,
                            guint64          id,
                            gint64           timestamp,
                            gint64           monotonic_time,
                            gint64           pid,
                            GVariant        *hash,
                            GVariant        *arg,
                            const char      *type_name,
                            const char      *label);

/* JSON encoding of a GVariant value following EVENTS.md "Trace format". */
void _qnet_json_append_variant (GString  *out,
                                GVariant *value);
void _qnet_json_append_string  (GString    *out,
                                const char *str);

G_END_DECLS
