/* qnet-emitter.c: the abstract base of every event source, and the one
 * place where events are made
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "qnet-emitter-private.h"
#include "qnet-enum-types.h"
#include "qnet-marshal.h"
#include "qnet-trace-private.h"

/**
 * QnetEmitter:
 *
 * The abstract base class of every libqnet object that raises events:
 * [class@Qnet.Socket], [class@Qnet.HttpClient], [class@Qnet.FtpClient] and
 * [class@Qnet.File].
 *
 * Every event exists in three forms built from the same facts:
 *
 * 1. a typed signal named after the event (`packet-read`, `open-file`, …)
 *    whose arguments are the event's keys;
 * 2. the generic detailed signal [signal@Qnet.Emitter::event], whose detail
 *    is the typed signal's name;
 * 3. a [class@Qnet.Event] record pushed to the attached
 *    [class@Qnet.EventQueue] and to the process trace, if any.
 *
 * For one event they are delivered in the order: queue, trace, typed
 * signal, `event` signal; synchronously, on the thread-default main context
 * of the operation that raised it. Nothing is built when nobody listens.
 *
 * ```c
 * static void
 * on_data_written (QnetFile *file, gint64 written, gint64 total_written,
 *                  gint64 total_to_write, gpointer user_data)
 * {
 *   g_print ("wrote %" G_GINT64_FORMAT " bytes\n", written);
 * }
 *
 * g_signal_connect (file, "data-written", G_CALLBACK (on_data_written), NULL);
 * g_signal_connect (file, "event::channel-closed", G_CALLBACK (on_event), NULL);
 * ```
 *
 * Since: 1.0
 */

typedef struct
{
  guint64          id;
  char            *label;           /* (owned) (nullable) */
  QnetEventQueue  *queue;           /* (owned) (nullable) */
  GVariant        *arg;             /* (owned) (nullable) */
  QnetEmitter     *forward;         /* (not owned) (nullable): weak pointer */
  QnetEventSource  default_source;
  guint            capture_data : 1;
  guint            deleted : 1;
} QnetEmitterPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (QnetEmitter, qnet_emitter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_EVENT_QUEUE,
  PROP_CAPTURE_DATA,
  N_PROPS
};

enum {
  SIGNAL_EVENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Signal ids and `event` details per event, by compact index. */
#define N_CODE_SLOTS 64
static guint event_signal_ids[N_CODE_SLOTS];
static GQuark event_details[N_CODE_SLOTS];
static gsize next_emitter_id = 1;
static gint64 process_id;

static inline guint
code_slot (QnetEventCode code)
{
  if (code < QNET_EVENT_CONNECT_FAILED)
    return (guint) code;
  return 32 + (guint) (code - QNET_EVENT_CONNECT_FAILED);
}

static void
qnet_emitter_dispose (GObject *object)
{
  QnetEmitter *self = QNET_EMITTER (object);
  QnetEmitterPrivate *priv = qnet_emitter_get_instance_private (self);

  if (!priv->deleted)
    {
      priv->deleted = TRUE;
      _qnet_emitter_emit (self, QNET_EVENT_DELETED);
    }

  g_clear_object (&priv->queue);
  g_clear_pointer (&priv->arg, g_variant_unref);
  if (priv->forward != NULL)
    g_object_remove_weak_pointer (G_OBJECT (priv->forward), (gpointer *) &priv->forward);
  priv->forward = NULL;

  G_OBJECT_CLASS (qnet_emitter_parent_class)->dispose (object);
}

static void
qnet_emitter_finalize (GObject *object)
{
  QnetEmitter *self = QNET_EMITTER (object);
  QnetEmitterPrivate *priv = qnet_emitter_get_instance_private (self);

  g_clear_pointer (&priv->label, g_free);

  G_OBJECT_CLASS (qnet_emitter_parent_class)->finalize (object);
}

static void
qnet_emitter_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  QnetEmitter *self = QNET_EMITTER (object);
  QnetEmitterPrivate *priv = qnet_emitter_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_uint64 (value, priv->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, priv->label);
      break;
    case PROP_EVENT_QUEUE:
      g_value_set_object (value, priv->queue);
      break;
    case PROP_CAPTURE_DATA:
      g_value_set_boolean (value, priv->capture_data);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_emitter_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  QnetEmitter *self = QNET_EMITTER (object);
  QnetEmitterPrivate *priv = qnet_emitter_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_EVENT_QUEUE:
      qnet_emitter_set_event_queue (self, g_value_get_object (value), priv->arg,
                                    priv->capture_data);
      break;
    case PROP_CAPTURE_DATA:
      qnet_emitter_set_capture_data (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
qnet_emitter_class_init (QnetEmitterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = qnet_emitter_dispose;
  object_class->finalize = qnet_emitter_finalize;
  object_class->get_property = qnet_emitter_get_property;
  object_class->set_property = qnet_emitter_set_property;

  process_id = getpid ();

  /**
   * QnetEmitter:id: (getter get_id)
   *
   * The process-unique id of this object, used as the `id` key of its
   * events. Ids start at 1 and are never reused.
   *
   * Since: 1.0
   */
  properties[PROP_ID] =
    g_param_spec_uint64 ("id", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * QnetEmitter:label: (getter get_label)
   *
   * A short human description of the object, such as `"example.com:443"`
   * or a file path. It changes as the object connects or opens files.
   *
   * Since: 1.0
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetEmitter:event-queue: (getter get_event_queue)
   *
   * The queue every event of this object is pushed to, if any. Setting it
   * keeps the current user argument; use
   * [method@Qnet.Emitter.set_event_queue] to set both.
   *
   * Since: 1.0
   */
  properties[PROP_EVENT_QUEUE] =
    g_param_spec_object ("event-queue", NULL, NULL, QNET_TYPE_EVENT_QUEUE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * QnetEmitter:capture-data: (getter get_capture_data) (setter set_capture_data)
   *
   * Whether the data-capture events (codes 26 to 31, e.g.
   * `socket-data-read`) are raised. They carry payload bytes and cost a
   * copy, so they are off by default (Qore's `with_data`).
   *
   * Since: 1.0
   */
  properties[PROP_CAPTURE_DATA] =
    g_param_spec_boolean ("capture-data", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * QnetEmitter::event:
   * @self: the emitter
   * @event: the event
   *
   * Raised for every event of this object, after its typed signal. The
   * detail is the typed signal's name, so `"event::packet-read"` connects to
   * one kind of event and `"event"` to all.
   *
   * Since: 1.0
   */
  signals[SIGNAL_EVENT] =
    g_signal_new ("event",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  G_STRUCT_OFFSET (QnetEmitterClass, event),
                  NULL, NULL,
                  _qnet_marshal_VOID__OBJECT,
                  G_TYPE_NONE, 1, QNET_TYPE_EVENT);
  g_signal_set_va_marshaller (signals[SIGNAL_EVENT], G_TYPE_FROM_CLASS (klass),
                              _qnet_marshal_VOID__OBJECTv);

  /**
   * QnetEmitter::channel-closed:
   * @self: the emitter
   *
   * Raised when an open socket or file descriptor of this object is closed,
   * for any reason: an explicit close, the peer's end of stream, an error, a
   * redirect or disposal (Qore's `EVENT_CHANNEL_CLOSED`).
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_CHANNEL_CLOSED, G_TYPE_NONE);

  /**
   * QnetEmitter::deleted:
   * @self: the emitter
   *
   * Raised once when the object is disposed, after its last
   * [signal@Qnet.Emitter::channel-closed] (Qore's `EVENT_DELETED`).
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_DELETED, G_TYPE_NONE);

  /**
   * QnetEmitter::operation-failed:
   * @self: the emitter
   * @operation: the name of the method that failed, e.g. `"open"`
   * @domain: the error domain, e.g. `"g-io-error-quark"`
   * @code: the error code
   * @message: the error message
   *
   * Raised whenever a public operation of this object returns a #GError,
   * including cancellations and timeouts.
   *
   * Since: 1.0
   */
  _qnet_emitter_class_install_event (klass, QNET_EVENT_OPERATION_FAILED, G_TYPE_NONE);

  _qnet_trace_init_from_env ();
}

static void
qnet_emitter_init (QnetEmitter *self)
{
  QnetEmitterPrivate *priv = qnet_emitter_get_instance_private (self);

  priv->id = (guint64) g_atomic_pointer_add (&next_emitter_id, 1);
  priv->default_source = QNET_EVENT_SOURCE_SOCKET;
}

/* Event making */

static GSignalCMarshaller
pick_marshaller (const GType        *types,
                 guint               n,
                 GSignalCVaMarshaller *va)
{
#define SIG(...) (n == G_N_ELEMENTS (((GType[]) { __VA_ARGS__ })) && \
                  memcmp (types, (GType[]) { __VA_ARGS__ }, sizeof (GType) * n) == 0)
  *va = NULL;
  if (n == 0)
    return g_cclosure_marshal_VOID__VOID;
  if (SIG (G_TYPE_INT64))
    {
      *va = _qnet_marshal_VOID__INT64v;
      return _qnet_marshal_VOID__INT64;
    }
  if (SIG (G_TYPE_INT64, G_TYPE_INT64))
    {
      *va = _qnet_marshal_VOID__INT64_INT64v;
      return _qnet_marshal_VOID__INT64_INT64;
    }
  if (SIG (G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64))
    {
      *va = _qnet_marshal_VOID__INT64_INT64_INT64v;
      return _qnet_marshal_VOID__INT64_INT64_INT64;
    }
  if (SIG (G_TYPE_INT, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64))
    {
      *va = _qnet_marshal_VOID__INT_INT64_INT64_INT64v;
      return _qnet_marshal_VOID__INT_INT64_INT64_INT64;
    }
  if (SIG (G_TYPE_STRING, G_TYPE_STRING))
    {
      *va = _qnet_marshal_VOID__STRING_STRINGv;
      return _qnet_marshal_VOID__STRING_STRING;
    }
  if (SIG (G_TYPE_VARIANT))
    {
      *va = _qnet_marshal_VOID__VARIANTv;
      return _qnet_marshal_VOID__VARIANT;
    }
  if (SIG (G_TYPE_STRING))
    {
      *va = _qnet_marshal_VOID__STRINGv;
      return _qnet_marshal_VOID__STRING;
    }
  return NULL; /* the generic marshaller */
#undef SIG
}

guint
_qnet_emitter_class_install_event (gpointer      klass,
                                   QnetEventCode code,
                                   GType         object_type)
{
  const QnetEventInfo *info = _qnet_event_info_lookup (code);
  GType types[QNET_EVENT_MAX_ARGS];
  GType bare[QNET_EVENT_MAX_ARGS];
  GSignalCMarshaller marshaller;
  GSignalCVaMarshaller va_marshaller;
  guint n = 0;
  guint slot;
  guint id;

  g_return_val_if_fail (info != NULL, 0);
  slot = code_slot (code);
  g_return_val_if_fail (event_signal_ids[slot] == 0, event_signal_ids[slot]);

  for (guint i = 0; i < info->n_args; i++)
    {
      GType t = G_TYPE_NONE;

      switch (info->args[i].kind)
        {
        case QNET_ARG_INT64:
        case QNET_ARG_OPT_INT64:
          t = G_TYPE_INT64;
          break;
        case QNET_ARG_INT:
          t = G_TYPE_INT;
          break;
        case QNET_ARG_STRING:
          t = G_TYPE_STRING;
          break;
        case QNET_ARG_VARIANT:
          t = G_TYPE_VARIANT;
          break;
        case QNET_ARG_BYTES:
          t = G_TYPE_BYTES;
          break;
        case QNET_ARG_OBJECT:
          t = object_type;
          break;
        case QNET_ARG_KEY_STRING:
        case QNET_ARG_KEY_INT64:
          continue;
        }
      bare[n] = t;
      /* Strings and variants only live for the emission: no copies. */
      types[n++] = (t == G_TYPE_STRING || t == G_TYPE_VARIANT || t == G_TYPE_BYTES)
                   ? (t | G_SIGNAL_TYPE_STATIC_SCOPE) : t;
    }

  marshaller = pick_marshaller (bare, n, &va_marshaller);
  id = g_signal_newv (info->signal_name,
                      G_TYPE_FROM_CLASS (klass),
                      G_SIGNAL_RUN_LAST,
                      NULL, NULL, NULL,
                      marshaller,
                      G_TYPE_NONE, n, types);
  if (va_marshaller != NULL)
    g_signal_set_va_marshaller (id, G_TYPE_FROM_CLASS (klass), va_marshaller);

  event_signal_ids[slot] = id;
  event_details[slot] = g_quark_from_static_string (info->signal_name);

  return id;
}

typedef QnetEventFact Fact;

/* Any unblocked handler of any signal on @self: one look-up, the test that
 * makes an unobserved event cost a few nanoseconds. */
static inline gboolean
has_any_handler (gpointer self)
{
  return g_signal_handler_find (self, G_SIGNAL_MATCH_UNBLOCKED, 0, 0, NULL, NULL, NULL) != 0;
}

/* A handler of `event` without detail, or with this event's detail. */
static inline gboolean
has_event_handler (gpointer self,
                   guint    slot)
{
  return g_signal_has_handler_pending (self, signals[SIGNAL_EVENT], 0, FALSE) ||
         g_signal_has_handler_pending (self, signals[SIGNAL_EVENT], event_details[slot], FALSE);
}

static inline gboolean
forward_observes (QnetEmitter *target,
                  guint        slot)
{
  QnetEmitterPrivate *tpriv = qnet_emitter_get_instance_private (target);

  return tpriv->queue != NULL || has_event_handler (target, slot);
}

gboolean
_qnet_emitter_is_observed (QnetEmitter   *self,
                           QnetEventCode  code)
{
  QnetEmitterPrivate *priv = qnet_emitter_get_instance_private (self);
  const QnetEventInfo *info = _qnet_event_info_lookup (code);
  guint slot = code_slot (code);

  if (info == NULL || (info->capture && !priv->capture_data))
    return FALSE;

  return priv->queue != NULL ||
         _qnet_trace_is_enabled () ||
         (event_signal_ids[slot] != 0 &&
          g_signal_has_handler_pending (self, event_signal_ids[slot], 0, FALSE)) ||
         has_event_handler (self, slot) ||
         (priv->forward != NULL && forward_observes (priv->forward, slot));
}

static void
deliver_forward (QnetEmitter *target,
                 QnetEvent   *event,
                 guint        slot)
{
  QnetEmitterPrivate *tpriv = qnet_emitter_get_instance_private (target);

  if (tpriv->queue != NULL)
    qnet_event_queue_push (tpriv->queue, event);
  g_signal_emit (target, signals[SIGNAL_EVENT], event_details[slot], event);
}

static void
emit_valist (QnetEmitter     *self,
             QnetEventSource  source,
             QnetEventCode    code,
             va_list          args)
{
  QnetEmitterPrivate *priv = qnet_emitter_get_instance_private (self);
  const QnetEventInfo *info;
  Fact facts[QNET_EVENT_MAX_ARGS];
  guint slot;
  guint signal_id;
  gboolean typed, generic, forward, record;
  g_autoptr(QnetEvent) event = NULL;

  /* The fast path, before anything else: nobody listens to anything on
   * this object. */
  if (priv->queue == NULL && priv->forward == NULL && !_qnet_trace_is_enabled () &&
      !has_any_handler (self))
    return;

  info = _qnet_event_info_lookup (code);
  if G_UNLIKELY (info == NULL)
    return;
  if (info->capture && !priv->capture_data)
    return;

  slot = code_slot (code);
  signal_id = event_signal_ids[slot];
  typed = signal_id != 0 && g_signal_has_handler_pending (self, signal_id, 0, FALSE);
  generic = has_event_handler (self, slot);
  forward = priv->forward != NULL && forward_observes (priv->forward, slot);
  record = generic || forward || priv->queue != NULL || _qnet_trace_is_enabled ();

  if (!typed && !record)
    return;

  for (guint i = 0; i < info->n_args; i++)
    {
      switch (info->args[i].kind)
        {
        case QNET_ARG_INT64:
        case QNET_ARG_OPT_INT64:
        case QNET_ARG_KEY_INT64:
          facts[i].i = va_arg (args, gint64);
          break;
        case QNET_ARG_INT:
          facts[i].i = va_arg (args, gint);
          break;
        case QNET_ARG_STRING:
        case QNET_ARG_KEY_STRING:
          facts[i].s = va_arg (args, const char *);
          break;
        case QNET_ARG_VARIANT:
        case QNET_ARG_BYTES:
        case QNET_ARG_OBJECT:
          facts[i].p = va_arg (args, gpointer);
          break;
        }
    }

  if (source == 0)
    source = info->source != 0 ? info->source : priv->default_source;

  g_object_ref (self);

  if (record)
    {
      event = _qnet_event_new_from_facts (info, source, priv->id, g_get_real_time (),
                                          g_get_monotonic_time (), process_id, facts, priv->arg,
                                          G_OBJECT_TYPE_NAME (self), priv->label);
      if (priv->queue != NULL)
        qnet_event_queue_push (priv->queue, event);
      if (_qnet_trace_is_enabled ())
        _qnet_trace_record (event);
    }

  if (typed)
    {
      GValue values[QNET_EVENT_MAX_ARGS + 1] = { G_VALUE_INIT, };
      guint n = 1;

      g_value_init_from_instance (&values[0], self);
      for (guint i = 0; i < info->n_args; i++)
        {
          GValue *v = &values[n];

          switch (info->args[i].kind)
            {
            case QNET_ARG_INT64:
            case QNET_ARG_OPT_INT64:
              g_value_init (v, G_TYPE_INT64);
              g_value_set_int64 (v, facts[i].i);
              break;
            case QNET_ARG_INT:
              g_value_init (v, G_TYPE_INT);
              g_value_set_int (v, (gint) facts[i].i);
              break;
            case QNET_ARG_STRING:
              g_value_init (v, G_TYPE_STRING);
              g_value_set_static_string (v, facts[i].s);
              break;
            case QNET_ARG_VARIANT:
              g_value_init (v, G_TYPE_VARIANT);
              g_value_set_variant (v, facts[i].p);
              break;
            case QNET_ARG_BYTES:
              g_value_init (v, G_TYPE_BYTES);
              g_value_set_static_boxed (v, facts[i].p);
              break;
            case QNET_ARG_OBJECT:
              g_value_init (v, facts[i].p != NULL ? G_OBJECT_TYPE (facts[i].p) : G_TYPE_OBJECT);
              g_value_set_object (v, facts[i].p);
              break;
            case QNET_ARG_KEY_STRING:
            case QNET_ARG_KEY_INT64:
              continue;
            }
          n++;
        }
      g_signal_emitv (values, signal_id, 0, NULL);
      for (guint i = 0; i < n; i++)
        g_value_unset (&values[i]);
    }

  if (event != NULL)
    {
      if (generic)
        g_signal_emit (self, signals[SIGNAL_EVENT], event_details[slot], event);
      /* A handler may have dropped the forward target (weak pointer). */
      if (forward && priv->forward != NULL)
        deliver_forward (priv->forward, event, slot);
    }

  g_object_unref (self);
}

void
_qnet_emitter_emit (QnetEmitter   *self,
                    QnetEventCode  code,
                    ...)
{
  va_list args;

  va_start (args, code);
  emit_valist (self, 0, code, args);
  va_end (args);
}

void
_qnet_emitter_emit_full (QnetEmitter     *self,
                         QnetEventSource  source,
                         QnetEventCode    code,
                         ...)
{
  va_list args;

  va_start (args, code);
  emit_valist (self, source, code, args);
  va_end (args);
}

void
_qnet_emitter_operation_failed (QnetEmitter  *self,
                                const char   *operation,
                                const GError *error)
{
  if (error == NULL)
    return;

  _qnet_emitter_emit (self, QNET_EVENT_OPERATION_FAILED,
                      operation, g_quark_to_string (error->domain),
                      (gint64) error->code, error->message);
}

void
_qnet_emitter_set_default_source (QnetEmitter     *self,
                                  QnetEventSource  source)
{
  QnetEmitterPrivate *priv = qnet_emitter_get_instance_private (self);

  priv->default_source = source;
}

void
_qnet_emitter_set_label (QnetEmitter *self,
                         const char  *label)
{
  QnetEmitterPrivate *priv = qnet_emitter_get_instance_private (self);

  if (g_strcmp0 (priv->label, label) == 0)
    return;
  g_free (priv->label);
  priv->label = g_strdup (label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

void
_qnet_emitter_set_forward (QnetEmitter *self,
                           QnetEmitter *target)
{
  QnetEmitterPrivate *priv = qnet_emitter_get_instance_private (self);

  if (priv->forward == target)
    return;
  if (priv->forward != NULL)
    g_object_remove_weak_pointer (G_OBJECT (priv->forward), (gpointer *) &priv->forward);
  priv->forward = target;
  if (target != NULL)
    g_object_add_weak_pointer (G_OBJECT (target), (gpointer *) &priv->forward);
}

/* Public API */

/**
 * qnet_emitter_get_id: (get-property id)
 * @self: a #QnetEmitter
 *
 * Gets the process-unique id of the object.
 *
 * Returns: the process-unique id of this object (the `id` key of its events)
 *
 * Since: 1.0
 */
guint64
qnet_emitter_get_id (QnetEmitter *self)
{
  QnetEmitterPrivate *priv;

  g_return_val_if_fail (QNET_IS_EMITTER (self), 0);
  priv = qnet_emitter_get_instance_private (self);
  return priv->id;
}

/**
 * qnet_emitter_get_label: (get-property label)
 * @self: a #QnetEmitter
 *
 * Gets the label of the object.
 *
 * Returns: (nullable): a short human description of the object
 *
 * Since: 1.0
 */
const char *
qnet_emitter_get_label (QnetEmitter *self)
{
  QnetEmitterPrivate *priv;

  g_return_val_if_fail (QNET_IS_EMITTER (self), NULL);
  priv = qnet_emitter_get_instance_private (self);
  return priv->label;
}

/**
 * qnet_emitter_get_source:
 * @self: a #QnetEmitter
 *
 * Returns the source code carried by the object's own generic events
 * (`channel-closed`, `deleted`, `operation-failed`): %QNET_EVENT_SOURCE_SOCKET
 * for sockets and HTTP clients, %QNET_EVENT_SOURCE_FTP_CLIENT for FTP
 * clients and %QNET_EVENT_SOURCE_FILE for files.
 *
 * Returns: the default event source
 *
 * Since: 1.0
 */
QnetEventSource
qnet_emitter_get_source (QnetEmitter *self)
{
  QnetEmitterPrivate *priv;

  g_return_val_if_fail (QNET_IS_EMITTER (self), 0);
  priv = qnet_emitter_get_instance_private (self);
  return priv->default_source;
}

/**
 * qnet_emitter_get_event_queue: (get-property event-queue)
 * @self: a #QnetEmitter
 *
 * Gets the attached event queue.
 *
 * Returns: (transfer none) (nullable): the attached event queue
 *
 * Since: 1.0
 */
QnetEventQueue *
qnet_emitter_get_event_queue (QnetEmitter *self)
{
  QnetEmitterPrivate *priv;

  g_return_val_if_fail (QNET_IS_EMITTER (self), NULL);
  priv = qnet_emitter_get_instance_private (self);
  return priv->queue;
}

/**
 * qnet_emitter_set_event_queue:
 * @self: a #QnetEmitter
 * @queue: (nullable): the queue to push events to, or %NULL to detach
 * @arg: (nullable): a value copied into every event as its `arg`
 * @capture_data: whether to raise the data-capture events (26 to 31)
 *
 * Attaches an event queue, as Qore's `setEventQueue (queue, arg, with_data)`:
 * every later event of this object is pushed to @queue. An object has at
 * most one queue; attaching replaces the previous one, and %NULL detaches.
 * One queue may serve many objects.
 *
 * Since: 1.0
 */
void
qnet_emitter_set_event_queue (QnetEmitter    *self,
                              QnetEventQueue *queue,
                              GVariant       *arg,
                              gboolean        capture_data)
{
  QnetEmitterPrivate *priv;
  gboolean queue_changed;

  g_return_if_fail (QNET_IS_EMITTER (self));
  g_return_if_fail (queue == NULL || QNET_IS_EVENT_QUEUE (queue));

  priv = qnet_emitter_get_instance_private (self);

  if (arg != NULL)
    g_variant_ref_sink (arg);
  g_clear_pointer (&priv->arg, g_variant_unref);
  priv->arg = queue != NULL ? arg : NULL;
  if (queue == NULL && arg != NULL)
    g_variant_unref (arg);

  queue_changed = g_set_object (&priv->queue, queue);
  if (queue_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_QUEUE]);

  qnet_emitter_set_capture_data (self, capture_data);
}

/**
 * qnet_emitter_get_capture_data: (get-property capture-data)
 * @self: a #QnetEmitter
 *
 * Gets whether the data-capture events are raised.
 *
 * Returns: whether the data-capture events are raised
 *
 * Since: 1.0
 */
gboolean
qnet_emitter_get_capture_data (QnetEmitter *self)
{
  QnetEmitterPrivate *priv;

  g_return_val_if_fail (QNET_IS_EMITTER (self), FALSE);
  priv = qnet_emitter_get_instance_private (self);
  return priv->capture_data;
}

/**
 * qnet_emitter_set_capture_data: (set-property capture-data)
 * @self: a #QnetEmitter
 * @capture_data: whether to raise the data-capture events
 *
 * Turns the data-capture events (codes 26 to 31) on or off.
 *
 * Since: 1.0
 */
void
qnet_emitter_set_capture_data (QnetEmitter *self,
                               gboolean     capture_data)
{
  QnetEmitterPrivate *priv;

  g_return_if_fail (QNET_IS_EMITTER (self));
  priv = qnet_emitter_get_instance_private (self);

  capture_data = !!capture_data;
  if (priv->capture_data == (guint) capture_data)
    return;
  priv->capture_data = capture_data;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTURE_DATA]);
}
