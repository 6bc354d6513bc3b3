/* qnet-event.c: one immutable event record
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "qnet-enum-types.h"
#include "qnet-event-private.h"

/**
 * QnetEvent:
 *
 * One event raised by a [class@Qnet.Emitter]: an immutable record of its code,
 * source, emitter id, times and keys.
 *
 * A `QnetEvent` is what the generic [signal@Qnet.Emitter::event] signal
 * carries, what a [class@Qnet.EventQueue] holds and what a trace line
 * describes. Its [property@Qnet.Event:hash] is a `GVariant` of type `a{sv}`
 * with the keys of the Qore language's event hash: `event`, `source`, `id`
 * and the keys of the event (see the event contract).
 *
 * ```c
 * static void
 * on_event (QnetEmitter *emitter, QnetEvent *event, gpointer user_data)
 * {
 *   g_autofree char *json = qnet_event_to_json (event);
 *   g_print ("%s\n", json);
 * }
 * ```
 *
 * Since: 1.0
 */

struct _QnetEvent
{
  GObject          parent_instance;

  QnetEventCode    code;
  QnetEventSource  source;
  guint64          id;
  gint64           timestamp;
  gint64           monotonic_time;
  gint64           pid;
  const char      *name;       /* (not owned): from the event table or interned */
  const QnetEventInfo *info;   /* (nullable): set when built from facts */
  QnetEventFact    facts[QNET_EVENT_MAX_ARGS]; /* (owned) copies, with @info */
  GVariant        *hash;       /* (owned) (nullable) a{sv}; built lazily from
                                * the facts, set atomically */
  GVariant        *arg;        /* (owned) (nullable) */
  const char      *type_name;  /* interned */
  char            *label;      /* (owned) (nullable) */
};

G_DEFINE_FINAL_TYPE (QnetEvent, qnet_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_SOURCE,
  PROP_ID,
  PROP_NAME,
  PROP_TIMESTAMP,
  PROP_MONOTONIC_TIME,
  PROP_PID,
  PROP_HASH,
  PROP_ARG,
  PROP_TYPE_NAME,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
qnet_event_finalize (GObject *object)
{
  QnetEvent *self = QNET_EVENT (object);

  if (self->info != NULL)
    {
      for (guint i = 0; i < self->info->n_args; i++)
        {
          QnetEventFact *f = &self->facts[i];

          switch (self->info->args[i].kind)
            {
            case QNET_ARG_STRING:
            case QNET_ARG_KEY_STRING:
              g_free ((char *) f->s);
              break;
            case QNET_ARG_VARIANT:
              g_clear_pointer ((GVariant **) &f->p, g_variant_unref);
              break;
            case QNET_ARG_BYTES:
              g_clear_pointer ((GBytes **) &f->p, g_bytes_unref);
              break;
            case QNET_ARG_INT64:
            case QNET_ARG_OPT_INT64:
            case QNET_ARG_INT:
            case QNET_ARG_OBJECT:
            case QNET_ARG_KEY_INT64:
              break;
            }
        }
    }
  g_clear_pointer (&self->hash, g_variant_unref);
  g_clear_pointer (&self->arg, g_variant_unref);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (qnet_event_parent_class)->finalize (object);
}

static void
qnet_event_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  QnetEvent *self = QNET_EVENT (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_enum (value, self->code);
      break;
    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    case PROP_ID:
      g_value_set_uint64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TIMESTAMP:
      g_value_set_int64 (value, self->timestamp);
      break;
    case PROP_MONOTONIC_TIME:
      g_value_set_int64 (value, self->monotonic_time);
      break;
    case PROP_PID:
      g_value_set_int64 (value, self->pid);
      break;
    case PROP_HASH:
      g_value_set_variant (value, qnet_event_get_hash (self));
      break;
    case PROP_ARG:
      g_value_set_variant (value, self->arg);
      break;
    case PROP_TYPE_NAME:
      g_value_set_string (value, self->type_name);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_event_class_init (QnetEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = qnet_event_finalize;
  object_class->get_property = qnet_event_get_property;

  /**
   * QnetEvent:code: (getter get_code)
   *
   * The event code.
   *
   * Since: 1.0
   */
  properties[PROP_CODE] =
    g_param_spec_enum ("code", NULL, NULL,
                       QNET_TYPE_EVENT_CODE, QNET_EVENT_PACKET_READ,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetEvent:source: (getter get_source)
   *
   * The layer that raised the event.
   *
   * Since: 1.0
   */
  properties[PROP_SOURCE] =
    g_param_spec_enum ("source", NULL, NULL,
                       QNET_TYPE_EVENT_SOURCE, QNET_EVENT_SOURCE_SOCKET,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetEvent:id: (getter get_id)
   *
   * The id of the emitting object ([property@Qnet.Emitter:id]).
   *
   * Since: 1.0
   */
  properties[PROP_ID] =
    g_param_spec_uint64 ("id", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetEvent:name: (getter get_name)
   *
   * The name of the typed signal of the event, e.g. `"packet-read"`.
   *
   * Since: 1.0
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetEvent:timestamp: (getter get_timestamp)
   *
   * Wall-clock time of the event, in microseconds since the Unix epoch.
   *
   * Since: 1.0
   */
  properties[PROP_TIMESTAMP] =
    g_param_spec_int64 ("timestamp", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetEvent:monotonic-time: (getter get_monotonic_time)
   *
   * Monotonic time of the event in microseconds, as g_get_monotonic_time().
   *
   * Since: 1.0
   */
  properties[PROP_MONOTONIC_TIME] =
    g_param_spec_int64 ("monotonic-time", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetEvent:pid: (getter get_pid)
   *
   * The id of the process that raised the event.
   *
   * Since: 1.0
   */
  properties[PROP_PID] =
    g_param_spec_int64 ("pid", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetEvent:hash: (getter get_hash)
   *
   * The event hash, a `GVariant` of type `a{sv}`.
   *
   * Since: 1.0
   */
  properties[PROP_HASH] =
    g_param_spec_variant ("hash", NULL, NULL, G_VARIANT_TYPE_VARDICT, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetEvent:arg: (getter get_arg)
   *
   * The user argument given when the event queue was attached, if any.
   *
   * Since: 1.0
   */
  properties[PROP_ARG] =
    g_param_spec_variant ("arg", NULL, NULL, G_VARIANT_TYPE_ANY, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetEvent:type-name: (getter get_type_name)
   *
   * The type name of the emitting object, e.g. `"QnetSocket"`.
   *
   * Since: 1.0
   */
  properties[PROP_TYPE_NAME] =
    g_param_spec_string ("type-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetEvent:label: (getter get_label)
   *
   * The label of the emitting object when the event was raised.
   *
   * Since: 1.0
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
qnet_event_init (QnetEvent *self)
{
}

QnetEvent *
_qnet_event_new (QnetEventCode    code,
                 QnetEventSource  source,
                 guint64          id,
                 gint64           timestamp,
                 gint64           monotonic_time,
                 gint64           pid,
                 GVariant        *hash,
                 GVariant        *arg,
                 const char      *type_name,
                 const char      *label)
{
  const QnetEventInfo *info = _qnet_event_info_lookup (code);
  QnetEvent *self;

  g_return_val_if_fail (hash != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (hash, G_VARIANT_TYPE_VARDICT), NULL);

  self = g_object_new (QNET_TYPE_EVENT, NULL);
  self->code = code;
  self->source = source;
  self->id = id;
  self->timestamp = timestamp;
  self->monotonic_time = monotonic_time;
  self->pid = pid;
  self->name = info != NULL ? info->signal_name : g_intern_static_string ("unknown");
  self->hash = g_variant_ref_sink (hash);
  self->arg = arg != NULL ? g_variant_ref_sink (arg) : NULL;
  self->type_name = g_intern_string (type_name != NULL ? type_name : "");
  self->label = g_strdup (label);

  return self;
}

QnetEvent *
_qnet_event_new_from_facts (const QnetEventInfo *info,
                            QnetEventSource      source,
                            guint64              id,
                            gint64               timestamp,
                            gint64               monotonic_time,
                            gint64               pid,
                            const QnetEventFact *facts,
                            GVariant            *arg,
                            const char          *type_name,
                            const char          *label)
{
  QnetEvent *self = g_object_new (QNET_TYPE_EVENT, NULL);

  self->code = info->code;
  self->source = source;
  self->id = id;
  self->timestamp = timestamp;
  self->monotonic_time = monotonic_time;
  self->pid = pid;
  self->name = info->signal_name;
  self->info = info;
  self->arg = arg != NULL ? g_variant_ref_sink (arg) : NULL;
  self->type_name = g_intern_string (type_name != NULL ? type_name : "");
  self->label = g_strdup (label);

  for (guint i = 0; i < info->n_args; i++)
    {
      const QnetEventFact *f = &facts[i];

      switch (info->args[i].kind)
        {
        case QNET_ARG_STRING:
        case QNET_ARG_KEY_STRING:
          self->facts[i].s = g_strdup (f->s);
          break;
        case QNET_ARG_VARIANT:
          self->facts[i].p = f->p != NULL ? g_variant_ref_sink (f->p) : NULL;
          break;
        case QNET_ARG_BYTES:
          self->facts[i].p = f->p != NULL ? g_bytes_ref (f->p) : NULL;
          break;
        case QNET_ARG_OBJECT:
          /* Only in the typed signal: a record never holds the object. */
          self->facts[i].p = NULL;
          break;
        case QNET_ARG_INT64:
        case QNET_ARG_OPT_INT64:
        case QNET_ARG_INT:
        case QNET_ARG_KEY_INT64:
          self->facts[i].i = f->i;
          break;
        }
    }

  return self;
}

/* The value of fact @i as it appears in the hash, or NULL when absent: a
 * new floating value, or for a variant fact the record's own (borrowed). */
static GVariant *
fact_to_variant (QnetEvent *self,
                 guint      i)
{
  const QnetEventFact *f = &self->facts[i];

  switch (self->info->args[i].kind)
    {
    case QNET_ARG_INT64:
    case QNET_ARG_INT:
    case QNET_ARG_KEY_INT64:
      return g_variant_new_int64 (f->i);
    case QNET_ARG_OPT_INT64:
      return f->i >= 0 ? g_variant_new_int64 (f->i) : NULL;
    case QNET_ARG_STRING:
    case QNET_ARG_KEY_STRING:
      return f->s != NULL ? g_variant_new_string (f->s) : NULL;
    case QNET_ARG_VARIANT:
      /* Borrowed (the record keeps its reference); the callers take their
       * own: g_variant_new_variant() in build_hash, ref_sink in lookup. */
      return f->p;
    case QNET_ARG_BYTES:
      return f->p != NULL ? g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, f->p, TRUE) : NULL;
    case QNET_ARG_OBJECT:
      return NULL;
    }
  return NULL;
}

static inline GVariant *
dict_entry (const char *key,
            GVariant   *value)
{
  return g_variant_new_dict_entry (g_variant_new_string (key), g_variant_new_variant (value));
}

static GVariant *
build_hash (QnetEvent *self)
{
  GVariant *entries[3 + QNET_EVENT_MAX_ARGS];
  guint n = 0;

  entries[n++] = dict_entry ("event", g_variant_new_int64 (self->code));
  entries[n++] = dict_entry ("source", g_variant_new_int64 (self->source));
  entries[n++] = dict_entry ("id", g_variant_new_int64 ((gint64) self->id));
  for (guint i = 0; i < self->info->n_args; i++)
    {
      GVariant *value = fact_to_variant (self, i);

      if (value != NULL)
        entries[n++] = dict_entry (self->info->args[i].key, value);
    }

  return g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), entries, n));
}

/**
 * qnet_event_get_code: (get-property code)
 * @self: a #QnetEvent
 *
 * Gets the code of the event.
 *
 * Returns: the event code
 *
 * Since: 1.0
 */
QnetEventCode
qnet_event_get_code (QnetEvent *self)
{
  g_return_val_if_fail (QNET_IS_EVENT (self), 0);
  return self->code;
}

/**
 * qnet_event_get_source: (get-property source)
 * @self: a #QnetEvent
 *
 * Gets the layer that raised the event.
 *
 * Returns: the layer that raised the event
 *
 * Since: 1.0
 */
QnetEventSource
qnet_event_get_source (QnetEvent *self)
{
  g_return_val_if_fail (QNET_IS_EVENT (self), 0);
  return self->source;
}

/**
 * qnet_event_get_id: (get-property id)
 * @self: a #QnetEvent
 *
 * Gets the id of the object that raised the event.
 *
 * Returns: the id of the emitting object
 *
 * Since: 1.0
 */
guint64
qnet_event_get_id (QnetEvent *self)
{
  g_return_val_if_fail (QNET_IS_EVENT (self), 0);
  return self->id;
}

/**
 * qnet_event_get_name: (get-property name)
 * @self: a #QnetEvent
 *
 * Gets the name of the event's typed signal.
 *
 * Returns: the signal name of the event, e.g. `"packet-read"`
 *
 * Since: 1.0
 */
const char *
qnet_event_get_name (QnetEvent *self)
{
  g_return_val_if_fail (QNET_IS_EVENT (self), NULL);
  return self->name;
}

/**
 * qnet_event_get_timestamp: (get-property timestamp)
 * @self: a #QnetEvent
 *
 * Gets the wall-clock time of the event.
 *
 * Returns: the wall-clock time of the event, in µs since the epoch
 *
 * Since: 1.0
 */
gint64
qnet_event_get_timestamp (QnetEvent *self)
{
  g_return_val_if_fail (QNET_IS_EVENT (self), 0);
  return self->timestamp;
}

/**
 * qnet_event_get_monotonic_time: (get-property monotonic-time)
 * @self: a #QnetEvent
 *
 * Gets the monotonic time of the event.
 *
 * Returns: the monotonic time of the event, in µs
 *
 * Since: 1.0
 */
gint64
qnet_event_get_monotonic_time (QnetEvent *self)
{
  g_return_val_if_fail (QNET_IS_EVENT (self), 0);
  return self->monotonic_time;
}

/**
 * qnet_event_get_pid: (get-property pid)
 * @self: a #QnetEvent
 *
 * Gets the id of the process that raised the event.
 *
 * Returns: the id of the process that raised the event
 *
 * Since: 1.0
 */
gint64
qnet_event_get_pid (QnetEvent *self)
{
  g_return_val_if_fail (QNET_IS_EVENT (self), 0);
  return self->pid;
}

/**
 * qnet_event_get_hash: (get-property hash)
 * @self: a #QnetEvent
 *
 * Returns the event hash: a `GVariant` of type `a{sv}` with the keys
 * `event`, `source`, `id` and those of the event.
 *
 * Returns: (transfer none): the event hash
 *
 * Since: 1.0
 */
GVariant *
qnet_event_get_hash (QnetEvent *self)
{
  GVariant *hash;

  g_return_val_if_fail (QNET_IS_EVENT (self), NULL);

  hash = g_atomic_pointer_get (&self->hash);
  if (hash == NULL)
    {
      /* Built on first use; events cross threads through queues, so the
       * first builder wins and others drop their copy. */
      hash = build_hash (self);
      if (!g_atomic_pointer_compare_and_exchange (&self->hash, NULL, hash))
        {
          g_variant_unref (hash);
          hash = g_atomic_pointer_get (&self->hash);
        }
    }
  return hash;
}

/**
 * qnet_event_get_arg: (get-property arg)
 * @self: a #QnetEvent
 *
 * Gets the user argument attached with the event queue.
 *
 * Returns: (transfer none) (nullable): the user argument given with the queue
 *
 * Since: 1.0
 */
GVariant *
qnet_event_get_arg (QnetEvent *self)
{
  g_return_val_if_fail (QNET_IS_EVENT (self), NULL);
  return self->arg;
}

/**
 * qnet_event_get_type_name: (get-property type-name)
 * @self: a #QnetEvent
 *
 * Gets the type name of the object that raised the event.
 *
 * Returns: the type name of the emitter, e.g. `"QnetSocket"`
 *
 * Since: 1.0
 */
const char *
qnet_event_get_type_name (QnetEvent *self)
{
  g_return_val_if_fail (QNET_IS_EVENT (self), NULL);
  return self->type_name;
}

/**
 * qnet_event_get_label: (get-property label)
 * @self: a #QnetEvent
 *
 * Gets the label of the object that raised the event.
 *
 * Returns: (nullable): the emitter's label when the event was raised
 *
 * Since: 1.0
 */
const char *
qnet_event_get_label (QnetEvent *self)
{
  g_return_val_if_fail (QNET_IS_EVENT (self), NULL);
  return self->label;
}

/**
 * qnet_event_lookup:
 * @self: a #QnetEvent
 * @key: a key of the event hash, e.g. `"read"`
 *
 * Looks up one key of the event hash.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL if the key is absent
 *
 * Since: 1.0
 */
GVariant *
qnet_event_lookup (QnetEvent  *self,
                   const char *key)
{
  g_return_val_if_fail (QNET_IS_EVENT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (self->info != NULL && g_atomic_pointer_get (&self->hash) == NULL)
    {
      /* Answer from the facts without building the whole hash. */
      if (strcmp (key, "event") == 0)
        return g_variant_ref_sink (g_variant_new_int64 (self->code));
      if (strcmp (key, "source") == 0)
        return g_variant_ref_sink (g_variant_new_int64 (self->source));
      if (strcmp (key, "id") == 0)
        return g_variant_ref_sink (g_variant_new_int64 ((gint64) self->id));
      for (guint i = 0; i < self->info->n_args; i++)
        {
          if (g_strcmp0 (self->info->args[i].key, key) == 0)
            {
              GVariant *v = fact_to_variant (self, i);
              return v != NULL ? g_variant_ref_sink (v) : NULL;
            }
        }
      return NULL;
    }

  return g_variant_lookup_value (qnet_event_get_hash (self), key, NULL);
}

/* JSON writing: a direct writer, because traces are hot. */

void
_qnet_json_append_string (GString    *out,
                          const char *str)
{
  static const char hex[] = "0123456789abcdef";
  const guchar *p;

  g_string_append_c (out, '"');
  for (p = (const guchar *) str; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            {
              g_string_append (out, "\\u00");
              g_string_append_c (out, hex[*p >> 4]);
              g_string_append_c (out, hex[*p & 0xf]);
            }
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_utf8_string (GString    *out,
                    const char *str)
{
  if (g_utf8_validate (str, -1, NULL))
    _qnet_json_append_string (out, str);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (str, -1);
      _qnet_json_append_string (out, valid);
    }
}

void
_qnet_json_append_variant (GString  *out,
                           GVariant *value)
{
  const GVariantType *type = g_variant_get_type (value);

  switch (g_variant_classify (value))
    {
    case G_VARIANT_CLASS_BOOLEAN:
      g_string_append (out, g_variant_get_boolean (value) ? "true" : "false");
      return;
    case G_VARIANT_CLASS_BYTE:
      g_string_append_printf (out, "%u", (guint) g_variant_get_byte (value));
      return;
    case G_VARIANT_CLASS_INT16:
      g_string_append_printf (out, "%d", (int) g_variant_get_int16 (value));
      return;
    case G_VARIANT_CLASS_UINT16:
      g_string_append_printf (out, "%u", (guint) g_variant_get_uint16 (value));
      return;
    case G_VARIANT_CLASS_INT32:
      g_string_append_printf (out, "%" G_GINT32_FORMAT, g_variant_get_int32 (value));
      return;
    case G_VARIANT_CLASS_UINT32:
      g_string_append_printf (out, "%" G_GUINT32_FORMAT, g_variant_get_uint32 (value));
      return;
    case G_VARIANT_CLASS_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, g_variant_get_int64 (value));
      return;
    case G_VARIANT_CLASS_UINT64:
      g_string_append_printf (out, "%" G_GUINT64_FORMAT, g_variant_get_uint64 (value));
      return;
    case G_VARIANT_CLASS_HANDLE:
      g_string_append_printf (out, "%" G_GINT32_FORMAT, g_variant_get_handle (value));
      return;
    case G_VARIANT_CLASS_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append (out, g_ascii_dtostr (buf, sizeof buf, g_variant_get_double (value)));
      }
      return;
    case G_VARIANT_CLASS_STRING:
    case G_VARIANT_CLASS_OBJECT_PATH:
    case G_VARIANT_CLASS_SIGNATURE:
      append_utf8_string (out, g_variant_get_string (value, NULL));
      return;
    case G_VARIANT_CLASS_VARIANT:
      {
        g_autoptr(GVariant) inner = g_variant_get_variant (value);
        _qnet_json_append_variant (out, inner);
      }
      return;
    case G_VARIANT_CLASS_MAYBE:
      {
        g_autoptr(GVariant) inner = g_variant_get_maybe (value);
        if (inner != NULL)
          _qnet_json_append_variant (out, inner);
        else
          g_string_append (out, "null");
      }
      return;
    case G_VARIANT_CLASS_ARRAY:
      if (g_variant_type_equal (type, G_VARIANT_TYPE_BYTESTRING))
        {
          gsize len;
          const guchar *data = g_variant_get_fixed_array (value, &len, 1);
          g_autofree char *b64 = g_base64_encode (data, len);

          g_string_append (out, "{\"base64\":\"");
          g_string_append (out, b64);
          g_string_append (out, "\"}");
          return;
        }
      if (g_variant_type_is_dict_entry (g_variant_type_element (type)))
        {
          GVariantIter iter;
          GVariant *entry;
          gboolean first = TRUE;

          g_string_append_c (out, '{');
          g_variant_iter_init (&iter, value);
          while ((entry = g_variant_iter_next_value (&iter)) != NULL)
            {
              g_autoptr(GVariant) key = g_variant_get_child_value (entry, 0);
              g_autoptr(GVariant) val = g_variant_get_child_value (entry, 1);

              if (!first)
                g_string_append_c (out, ',');
              first = FALSE;
              if (g_variant_is_of_type (key, G_VARIANT_TYPE_STRING))
                append_utf8_string (out, g_variant_get_string (key, NULL));
              else
                {
                  g_autofree char *printed = g_variant_print (key, FALSE);
                  append_utf8_string (out, printed);
                }
              g_string_append_c (out, ':');
              _qnet_json_append_variant (out, val);
              g_variant_unref (entry);
            }
          g_string_append_c (out, '}');
          return;
        }
      G_GNUC_FALLTHROUGH;
    case G_VARIANT_CLASS_TUPLE:
      {
        GVariantIter iter;
        GVariant *child;
        gboolean first = TRUE;

        g_string_append_c (out, '[');
        g_variant_iter_init (&iter, value);
        while ((child = g_variant_iter_next_value (&iter)) != NULL)
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            _qnet_json_append_variant (out, child);
            g_variant_unref (child);
          }
        g_string_append_c (out, ']');
      }
      return;
    case G_VARIANT_CLASS_DICT_ENTRY:
      {
        g_autoptr(GVariant) key = g_variant_get_child_value (value, 0);
        g_autoptr(GVariant) val = g_variant_get_child_value (value, 1);

        g_string_append_c (out, '[');
        _qnet_json_append_variant (out, key);
        g_string_append_c (out, ',');
        _qnet_json_append_variant (out, val);
        g_string_append_c (out, ']');
      }
      return;
    }

  g_string_append (out, "null");
}

static void
append_fact_json (GString   *out,
                  QnetEvent *self,
                  guint      i)
{
  const QnetEventArgInfo *arg = &self->info->args[i];
  const QnetEventFact *f = &self->facts[i];

  switch (arg->kind)
    {
    case QNET_ARG_OPT_INT64:
      if (f->i < 0)
        return;
      G_GNUC_FALLTHROUGH;
    case QNET_ARG_INT64:
    case QNET_ARG_INT:
    case QNET_ARG_KEY_INT64:
      g_string_append_printf (out, ",\"%s\":%" G_GINT64_FORMAT, arg->key, f->i);
      return;
    case QNET_ARG_STRING:
    case QNET_ARG_KEY_STRING:
      if (f->s == NULL)
        return;
      g_string_append_printf (out, ",\"%s\":", arg->key);
      append_utf8_string (out, f->s);
      return;
    case QNET_ARG_VARIANT:
      if (f->p == NULL)
        return;
      g_string_append_printf (out, ",\"%s\":", arg->key);
      _qnet_json_append_variant (out, f->p);
      return;
    case QNET_ARG_BYTES:
      if (f->p == NULL)
        return;
      {
        gsize len;
        const guchar *data = g_bytes_get_data (f->p, &len);
        g_autofree char *b64 = g_base64_encode (data, len);

        g_string_append_printf (out, ",\"%s\":{\"base64\":\"%s\"}", arg->key, b64);
      }
      return;
    case QNET_ARG_OBJECT:
      return;
    }
}

static void
append_iso8601 (GString *out,
                gint64   timestamp_us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (timestamp_us / G_USEC_PER_SEC);

  if (dt == NULL)
    {
      g_string_append (out, "\"\"");
      return;
    }
  g_string_append_printf (out, "\"%04d-%02d-%02dT%02d:%02d:%02d.%06dZ\"",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt),
                          (int) (((timestamp_us % G_USEC_PER_SEC) + G_USEC_PER_SEC) % G_USEC_PER_SEC));
}

/**
 * qnet_event_to_json:
 * @self: a #QnetEvent
 *
 * Serialises the event as one line of the trace format (JSON Lines, without
 * the newline): the keys of the event hash at the top level and the
 * metadata (`name`, `time`, `mono_us`, `pid`, `type`, `label`, `arg`) in an
 * object under `qnet`.
 *
 * Returns: (transfer full): the JSON text
 *
 * Since: 1.0
 */
char *
qnet_event_to_json (QnetEvent *self)
{
  GString *out;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  gboolean first = TRUE;

  g_return_val_if_fail (QNET_IS_EVENT (self), NULL);

  out = g_string_sized_new (256);
  g_string_append_c (out, '{');
  if (self->info != NULL && g_atomic_pointer_get (&self->hash) == NULL)
    {
      /* Straight from the facts: the trace writer's hot path. */
      g_string_append_printf (out, "\"event\":%d,\"source\":%d,\"id\":%" G_GUINT64_FORMAT,
                              (int) self->code, (int) self->source, self->id);
      first = FALSE;
      for (guint i = 0; i < self->info->n_args; i++)
        append_fact_json (out, self, i);
    }
  else
    {
      g_variant_iter_init (&iter, qnet_event_get_hash (self));
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          append_utf8_string (out, key);
          g_string_append_c (out, ':');
          _qnet_json_append_variant (out, value);
          g_variant_unref (value);
        }
    }
  if (!first)
    g_string_append_c (out, ',');
  g_string_append (out, "\"qnet\":{\"name\":");
  _qnet_json_append_string (out, self->name);
  g_string_append (out, ",\"time\":");
  append_iso8601 (out, self->timestamp);
  g_string_append_printf (out, ",\"mono_us\":%" G_GINT64_FORMAT ",\"pid\":%" G_GINT64_FORMAT,
                          self->monotonic_time, self->pid);
  g_string_append (out, ",\"type\":");
  append_utf8_string (out, self->type_name);
  if (self->label != NULL)
    {
      g_string_append (out, ",\"label\":");
      append_utf8_string (out, self->label);
    }
  if (self->arg != NULL)
    {
      g_string_append (out, ",\"arg\":");
      _qnet_json_append_variant (out, self->arg);
    }
  g_string_append (out, "}}");

  return g_string_free (out, FALSE);
}

/* JSON reading */

static GVariant *
variant_from_json (JsonNode  *node,
                   GError   **error);

static GVariant *
variant_from_json_object (JsonObject  *obj,
                          GError     **error)
{
  GVariantBuilder builder;
  JsonObjectIter iter;
  const char *member;
  JsonNode *child;

  if (json_object_get_size (obj) == 1 && json_object_has_member (obj, "base64"))
    {
      JsonNode *b64 = json_object_get_member (obj, "base64");

      if (JSON_NODE_HOLDS_VALUE (b64) && json_node_get_value_type (b64) == G_TYPE_STRING)
        {
          gsize len = 0;
          guchar *data = g_base64_decode (json_node_get_string (b64), &len);
          GBytes *bytes = g_bytes_new_take (data, len);
          GVariant *v = g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, bytes, TRUE);

          g_bytes_unref (bytes);
          return v;
        }
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  json_object_iter_init_ordered (&iter, obj);
  while (json_object_iter_next_ordered (&iter, &member, &child))
    {
      GVariant *v = variant_from_json (child, error);

      if (v == NULL)
        {
          g_variant_builder_clear (&builder);
          return NULL;
        }
      g_variant_builder_add (&builder, "{sv}", member, v);
    }
  return g_variant_builder_end (&builder);
}

static GVariant *
variant_from_json (JsonNode  *node,
                   GError   **error)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return variant_from_json_object (json_node_get_object (node), error);
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        gboolean all_strings = TRUE;
        GVariantBuilder builder;

        for (guint i = 0; i < n; i++)
          {
            JsonNode *el = json_array_get_element (array, i);
            if (!JSON_NODE_HOLDS_VALUE (el) || json_node_get_value_type (el) != G_TYPE_STRING)
              all_strings = FALSE;
          }
        if (all_strings)
          {
            g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
            for (guint i = 0; i < n; i++)
              g_variant_builder_add (&builder, "s", json_array_get_string_element (array, i));
            return g_variant_builder_end (&builder);
          }
        g_variant_builder_init (&builder, G_VARIANT_TYPE ("av"));
        for (guint i = 0; i < n; i++)
          {
            GVariant *v = variant_from_json (json_array_get_element (array, i), error);
            if (v == NULL)
              {
                g_variant_builder_clear (&builder);
                return NULL;
              }
            g_variant_builder_add (&builder, "v", v);
          }
        return g_variant_builder_end (&builder);
      }
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return g_variant_new_int64 (json_node_get_int (node));
        case G_TYPE_DOUBLE:
          return g_variant_new_double (json_node_get_double (node));
        case G_TYPE_BOOLEAN:
          return g_variant_new_boolean (json_node_get_boolean (node));
        case G_TYPE_STRING:
          return g_variant_new_string (json_node_get_string (node));
        default:
          break;
        }
      break;
    case JSON_NODE_NULL:
      break;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("Unsupported JSON value in event"));
  return NULL;
}

static gboolean
get_int_member (JsonObject  *obj,
                const char  *name,
                gint64      *out,
                GError     **error)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Event line has no integer “%s”"), name);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

static gint64
parse_iso8601_us (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return 0;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return 0;
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

/**
 * qnet_event_new_from_json:
 * @line: one line of a trace (JSON text, a trailing newline is allowed)
 * @error: return location for a #GError
 *
 * Reads an event back from the trace format written by
 * [method@Qnet.Event.to_json] and by tracing. JSON integers become `x`,
 * strings `s`, arrays of strings `as`, `{"base64": …}` objects `ay` and
 * other objects `a{sv}`.
 *
 * Returns: (transfer full): the event, or %NULL with @error set when the
 *   line is not an event
 *
 * Since: 1.0
 */
QnetEvent *
qnet_event_new_from_json (const char  *line,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *obj;
  JsonObject *meta = NULL;
  GVariantBuilder builder;
  JsonObjectIter iter;
  const char *member;
  JsonNode *child;
  gint64 code, source, id;
  gint64 mono = 0, pid = 0, timestamp = 0;
  const char *type_name = NULL, *label = NULL;
  g_autoptr(GVariant) arg = NULL;

  g_return_val_if_fail (line != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, line, -1, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Event line is not a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (root);

  if (!get_int_member (obj, "event", &code, error) ||
      !get_int_member (obj, "source", &source, error) ||
      !get_int_member (obj, "id", &id, error))
    return NULL;

  if (_qnet_event_info_lookup ((QnetEventCode) code) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Unknown event code %lld"), (long long) code);
      return NULL;
    }
  if (source < QNET_EVENT_SOURCE_SOCKET || source > QNET_EVENT_SOURCE_FILE || id < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Invalid event source or id"));
      return NULL;
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  json_object_iter_init_ordered (&iter, obj);
  while (json_object_iter_next_ordered (&iter, &member, &child))
    {
      GVariant *v;

      if (strcmp (member, "qnet") == 0)
        {
          if (JSON_NODE_HOLDS_OBJECT (child))
            meta = json_node_get_object (child);
          continue;
        }
      v = variant_from_json (child, error);
      if (v == NULL)
        {
          g_variant_builder_clear (&builder);
          return NULL;
        }
      g_variant_builder_add (&builder, "{sv}", member, v);
    }

  if (meta != NULL)
    {
      JsonNode *node;

      mono = json_object_get_int_member_with_default (meta, "mono_us", 0);
      pid = json_object_get_int_member_with_default (meta, "pid", 0);
      timestamp = parse_iso8601_us (json_object_get_string_member_with_default (meta, "time", NULL));
      type_name = json_object_get_string_member_with_default (meta, "type", NULL);
      label = json_object_get_string_member_with_default (meta, "label", NULL);
      node = json_object_get_member (meta, "arg");
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          arg = variant_from_json (node, error);
          if (arg == NULL)
            {
              g_variant_builder_clear (&builder);
              return NULL;
            }
          g_variant_ref_sink (arg);
        }
    }

  return _qnet_event_new ((QnetEventCode) code, (QnetEventSource) source, (guint64) id,
                          timestamp, mono, pid, g_variant_builder_end (&builder), arg,
                          type_name, label);
}
