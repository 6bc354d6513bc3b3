/* qnet-http-head.c: a parsed HTTP/1.1 message head: lookups and the event hash
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "qnet-http-head.h"
#include "qnet-http-head-private.h"

/**
 * qnet_http_head_new:
 * @kind: what the head holds
 *
 * Creates an empty head (HTTP/1.1, no fields).
 *
 * Returns: (transfer full): a new #QnetHttpHead
 */
QnetHttpHead *
qnet_http_head_new (QnetHttpHeadKind kind)
{
  QnetHttpHead *head = g_new0 (QnetHttpHead, 1);

  head->kind = kind;
  head->version_minor = 1;
  head->method = -1;
  head->target = -1;
  head->reason = -1;
  head->strings = g_string_sized_new (256);
  head->fields = g_array_new (FALSE, FALSE, sizeof (QnetHttpField));
  return head;
}

/**
 * qnet_http_head_free:
 * @head: (nullable): a #QnetHttpHead
 *
 * Frees @head.
 */
void
qnet_http_head_free (QnetHttpHead *head)
{
  if (head == NULL)
    return;
  g_string_free (head->strings, TRUE);
  g_array_unref (head->fields);
  if (head->raw != NULL)
    g_string_free (head->raw, TRUE);
  g_free (head);
}

/**
 * qnet_http_head_copy:
 * @head: a #QnetHttpHead
 *
 * Returns: (transfer full): a deep copy of @head
 */
QnetHttpHead *
qnet_http_head_copy (const QnetHttpHead *head)
{
  QnetHttpHead *copy = g_new0 (QnetHttpHead, 1);

  *copy = *head;
  copy->strings = g_string_new_len (head->strings->str, head->strings->len);
  copy->fields = g_array_copy (head->fields);
  if (head->raw != NULL)
    copy->raw = g_string_new_len (head->raw->str, head->raw->len);
  return copy;
}

/**
 * qnet_http_head_get_kind:
 * @head: a #QnetHttpHead
 *
 * Returns: whether @head is a response, a request or a trailer section
 */
QnetHttpHeadKind
qnet_http_head_get_kind (const QnetHttpHead *head)
{
  return head->kind;
}

/**
 * qnet_http_head_get_version_minor:
 * @head: a #QnetHttpHead
 *
 * Returns: 0 for HTTP/1.0, 1 for HTTP/1.1
 */
guint
qnet_http_head_get_version_minor (const QnetHttpHead *head)
{
  return head->version_minor;
}

/**
 * qnet_http_head_get_http_version:
 * @head: a #QnetHttpHead
 *
 * Returns: (transfer none): `"1.0"` or `"1.1"` (the `http_version` key)
 */
const char *
qnet_http_head_get_http_version (const QnetHttpHead *head)
{
  return head->version_minor == 0 ? "1.0" : "1.1";
}

/**
 * qnet_http_head_get_status_code:
 * @head: a response #QnetHttpHead
 *
 * Returns: the status code (100..599), or 0 for other kinds
 */
guint
qnet_http_head_get_status_code (const QnetHttpHead *head)
{
  return head->status_code;
}

static const char *
string_at (const QnetHttpHead *head,
           gint                offset)
{
  return offset < 0 ? NULL : head->strings->str + offset;
}

/**
 * qnet_http_head_get_reason:
 * @head: a response #QnetHttpHead
 *
 * Returns: (transfer none) (nullable): the reason phrase without its
 *   surrounding blanks, or %NULL if the status line has none
 */
const char *
qnet_http_head_get_reason (const QnetHttpHead *head)
{
  return string_at (head, head->reason);
}

/**
 * qnet_http_head_get_method:
 * @head: a request #QnetHttpHead
 *
 * Returns: (transfer none) (nullable): the method, as received
 */
const char *
qnet_http_head_get_method (const QnetHttpHead *head)
{
  return string_at (head, head->method);
}

/**
 * qnet_http_head_get_target:
 * @head: a request #QnetHttpHead
 *
 * Returns: (transfer none) (nullable): the request target, raw (not
 *   percent-decoded)
 */
const char *
qnet_http_head_get_target (const QnetHttpHead *head)
{
  return string_at (head, head->target);
}

/**
 * qnet_http_head_get_n_fields:
 * @head: a #QnetHttpHead
 *
 * Returns: the number of field lines (obs-fold continuations included in
 *   their field)
 */
guint
qnet_http_head_get_n_fields (const QnetHttpHead *head)
{
  return head->fields->len;
}

/**
 * qnet_http_head_get_field_name:
 * @head: a #QnetHttpHead
 * @index: field index, in arrival order
 *
 * Returns: (transfer none): the field name with its original case
 */
const char *
qnet_http_head_get_field_name (const QnetHttpHead *head,
                               guint               index)
{
  g_return_val_if_fail (index < head->fields->len, NULL);
  return head->strings->str + g_array_index (head->fields, QnetHttpField, index).name;
}

/**
 * qnet_http_head_get_field_value:
 * @head: a #QnetHttpHead
 * @index: field index, in arrival order
 *
 * Returns: (transfer none): the field value (obs-folds replaced by SP)
 */
const char *
qnet_http_head_get_field_value (const QnetHttpHead *head,
                                guint               index)
{
  g_return_val_if_fail (index < head->fields->len, NULL);
  return head->strings->str + g_array_index (head->fields, QnetHttpField, index).value;
}

/**
 * qnet_http_head_get_header:
 * @head: a #QnetHttpHead
 * @name: a field name (any case)
 *
 * Returns: (transfer none) (nullable): the value of the first field named
 *   @name, or %NULL
 */
const char *
qnet_http_head_get_header (const QnetHttpHead *head,
                           const char         *name)
{
  for (guint i = 0; i < head->fields->len; i++)
    if (g_ascii_strcasecmp (qnet_http_head_get_field_name (head, i), name) == 0)
      return qnet_http_head_get_field_value (head, i);
  return NULL;
}

/**
 * qnet_http_head_count_header:
 * @head: a #QnetHttpHead
 * @name: a field name (any case)
 *
 * Returns: how many fields are named @name
 */
guint
qnet_http_head_count_header (const QnetHttpHead *head,
                             const char         *name)
{
  guint n = 0;

  for (guint i = 0; i < head->fields->len; i++)
    if (g_ascii_strcasecmp (qnet_http_head_get_field_name (head, i), name) == 0)
      n++;
  return n;
}

/**
 * qnet_http_head_get_header_list:
 * @head: a #QnetHttpHead
 * @name: a field name (any case)
 *
 * Combines every field named @name as RFC 9110 §5.3 describes: the values
 * in arrival order, joined with ", ".
 *
 * Returns: (transfer full) (nullable): the combined value, or %NULL if
 *   there is no such field
 */
char *
qnet_http_head_get_header_list (const QnetHttpHead *head,
                                const char         *name)
{
  GString *out = NULL;

  for (guint i = 0; i < head->fields->len; i++)
    {
      if (g_ascii_strcasecmp (qnet_http_head_get_field_name (head, i), name) != 0)
        continue;
      if (out == NULL)
        out = g_string_new (NULL);
      else
        g_string_append (out, ", ");
      g_string_append (out, qnet_http_head_get_field_value (head, i));
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

/**
 * qnet_http_head_get_header_values:
 * @head: a #QnetHttpHead
 * @name: a field name (any case)
 *
 * Returns: (transfer full) (array zero-terminated=1): the values of every
 *   field named @name in arrival order (an empty array if there is none)
 */
char **
qnet_http_head_get_header_values (const QnetHttpHead *head,
                                  const char         *name)
{
  GPtrArray *values = g_ptr_array_new ();

  for (guint i = 0; i < head->fields->len; i++)
    if (g_ascii_strcasecmp (qnet_http_head_get_field_name (head, i), name) == 0)
      g_ptr_array_add (values, g_strdup (qnet_http_head_get_field_value (head, i)));
  g_ptr_array_add (values, NULL);
  return (char **) g_ptr_array_free (values, FALSE);
}

/**
 * qnet_http_head_header_has_token:
 * @head: a #QnetHttpHead
 * @name: a field name (any case)
 * @token: a token to look for (any case)
 *
 * Looks for @token as one element of the comma-separated lists in every
 * field named @name (RFC 9110 §5.6.1), ignoring parameters after `;`.
 * `Connection: Keep-Alive, Upgrade` has the token "upgrade".
 *
 * Returns: %TRUE if @token is listed
 */
gboolean
qnet_http_head_header_has_token (const QnetHttpHead *head,
                                 const char         *name,
                                 const char         *token)
{
  gsize token_len = strlen (token);

  for (guint i = 0; i < head->fields->len; i++)
    {
      const char *p;

      if (g_ascii_strcasecmp (qnet_http_head_get_field_name (head, i), name) != 0)
        continue;

      p = qnet_http_head_get_field_value (head, i);
      while (*p != '\0')
        {
          const char *start, *end;

          while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
          start = p;
          while (*p != '\0' && *p != ',' && *p != ';')
            p++;
          end = p;
          while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
          if ((gsize) (end - start) == token_len &&
              g_ascii_strncasecmp (start, token, token_len) == 0)
            return TRUE;
          while (*p != '\0' && *p != ',')
            p++;
        }
    }
  return FALSE;
}

/**
 * qnet_http_head_get_raw:
 * @head: a #QnetHttpHead
 * @len: (out) (optional): length of the raw bytes
 *
 * The bytes of the head as received (start line to the empty line,
 * included), if the parser was told to keep them with
 * qnet_http_head_parser_set_keep_raw().
 *
 * Returns: (transfer none) (nullable): the raw head, nul-terminated
 */
const char *
qnet_http_head_get_raw (const QnetHttpHead *head,
                        gsize              *len)
{
  if (len != NULL)
    *len = head->raw != NULL ? head->raw->len : 0;
  return head->raw != NULL ? head->raw->str : NULL;
}

/* A GVariant string must be UTF-8. Field values are octets (RFC 9110 §5.5):
 * valid UTF-8 is kept as is, anything else is read as ISO-8859-1, the
 * historical charset of HTTP field values, which maps every byte. */
static GVariant *
text_variant (const char *s)
{
  GString *out;

  if (g_utf8_validate (s, -1, NULL))
    return g_variant_new_string (s);

  out = g_string_sized_new (strlen (s) * 2);
  for (const guint8 *p = (const guint8 *) s; *p != '\0'; p++)
    {
      if (*p < 0x80)
        g_string_append_c (out, (char) *p);
      else
        g_string_append_unichar (out, *p);
    }
  return g_variant_new_take_string (g_string_free (out, FALSE));
}

static gboolean
is_reserved_key (QnetHttpHeadKind  kind,
                 const char       *lower)
{
  switch (kind)
    {
    case QNET_HTTP_HEAD_RESPONSE:
      return strcmp (lower, "http_version") == 0 || strcmp (lower, "status_code") == 0 ||
             strcmp (lower, "status_message") == 0;
    case QNET_HTTP_HEAD_REQUEST:
      return strcmp (lower, "http_version") == 0 || strcmp (lower, "method") == 0 ||
             strcmp (lower, "path") == 0;
    case QNET_HTTP_HEAD_TRAILER:
    default:
      return FALSE;
    }
}

/**
 * qnet_http_head_to_variant:
 * @head: a #QnetHttpHead
 *
 * Builds the `a{sv}` of the `http-message-received` event (EVENTS.md code
 * 14), or of `http-footers-received` for a trailer section: `http_version`
 * (s), then `status_code` (x) and `status_message` (s, only when the
 * status line has reason text) for a response, or `method` and `path` (s)
 * for a request; then one key per field name, lower-cased, in order of
 * first arrival, whose value is a string, or an `as` in arrival order when
 * the field was repeated. A field whose lower-cased name equals one of the
 * start-line keys is left out (it is still available from the head), so
 * that the start-line keys keep their types. Values that are not UTF-8
 * are converted from ISO-8859-1.
 *
 * Returns: (transfer floating): a new `a{sv}` #GVariant
 */
GVariant *
qnet_http_head_to_variant (const QnetHttpHead *head)
{
  GVariantBuilder builder;
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);

  switch (head->kind)
    {
    case QNET_HTTP_HEAD_RESPONSE:
      g_variant_builder_add (&builder, "{sv}", "http_version",
                             g_variant_new_string (qnet_http_head_get_http_version (head)));
      g_variant_builder_add (&builder, "{sv}", "status_code",
                             g_variant_new_int64 (head->status_code));
      if (head->reason >= 0)
        g_variant_builder_add (&builder, "{sv}", "status_message",
                               text_variant (qnet_http_head_get_reason (head)));
      break;
    case QNET_HTTP_HEAD_REQUEST:
      g_variant_builder_add (&builder, "{sv}", "http_version",
                             g_variant_new_string (qnet_http_head_get_http_version (head)));
      if (head->method >= 0)
        g_variant_builder_add (&builder, "{sv}", "method",
                               text_variant (qnet_http_head_get_method (head)));
      if (head->target >= 0)
        g_variant_builder_add (&builder, "{sv}", "path",
                               text_variant (qnet_http_head_get_target (head)));
      break;
    case QNET_HTTP_HEAD_TRAILER:
    default:
      break;
    }

  /* Group the fields by lower-cased name, keeping the order of first
   * arrival; each group lists field indexes. */
  index = g_hash_table_new (g_str_hash, g_str_equal);
  names = g_ptr_array_new_with_free_func (g_free);
  groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < head->fields->len; i++)
    {
      char *lower = g_ascii_strdown (qnet_http_head_get_field_name (head, i), -1);
      gpointer slot;
      GArray *group;

      if (g_hash_table_lookup_extended (index, lower, NULL, &slot))
        {
          group = g_ptr_array_index (groups, GPOINTER_TO_UINT (slot));
          g_free (lower);
        }
      else
        {
          group = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (index, lower, GUINT_TO_POINTER (groups->len));
          g_ptr_array_add (names, lower);
          g_ptr_array_add (groups, group);
        }
      g_array_append_val (group, i);
    }

  for (guint g = 0; g < groups->len; g++)
    {
      const char *name = g_ptr_array_index (names, g);
      GArray *group = g_ptr_array_index (groups, g);
      GVariant *value;

      if (is_reserved_key (head->kind, name))
        continue;

      if (group->len == 1)
        {
          value = text_variant (qnet_http_head_get_field_value (head, g_array_index (group, guint, 0)));
        }
      else
        {
          GVariantBuilder list;

          g_variant_builder_init (&list, G_VARIANT_TYPE_STRING_ARRAY);
          for (guint k = 0; k < group->len; k++)
            g_variant_builder_add_value (&list,
                                         text_variant (qnet_http_head_get_field_value (head, g_array_index (group, guint, k))));
          value = g_variant_builder_end (&list);
        }
      g_variant_builder_add (&builder, "{sv}", name, value);
    }

  return g_variant_builder_end (&builder);
}
