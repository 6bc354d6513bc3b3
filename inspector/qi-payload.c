/* qi-payload.c: the compact encoding of an event's keys
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "qi-payload.h"

void
qi_payload_put_varint (GByteArray *out,
                       guint64     v)
{
  guint8 buf[10];
  guint n = 0;

  do
    {
      guint8 b = v & 0x7f;

      v >>= 7;
      if (v != 0)
        b |= 0x80;
      buf[n++] = b;
    }
  while (v != 0);
  g_byte_array_append (out, buf, n);
}

void
qi_payload_put_key (GByteArray *out,
                    const char *key,
                    gsize       len)
{
  guint id = qi_key_intern (key, len);

  qi_payload_put_varint (out, id);
  if (id == QI_KEY_NONE)
    {
      qi_payload_put_varint (out, len);
      g_byte_array_append (out, (const guint8 *) key, len);
    }
}

void
qi_payload_put_int (GByteArray *out,
                    gint64      v)
{
  guint8 tag = 'x';

  g_byte_array_append (out, &tag, 1);
  qi_payload_put_varint (out, ((guint64) v << 1) ^ (guint64) (v >> 63));
}

void
qi_payload_put_string (GByteArray *out,
                       const char *s,
                       gsize       len)
{
  guint8 tag = 's';

  g_byte_array_append (out, &tag, 1);
  qi_payload_put_varint (out, len);
  g_byte_array_append (out, (const guint8 *) s, len);
}

static void
put_tag (GByteArray *out,
         char        tag)
{
  guint8 t = (guint8) tag;

  g_byte_array_append (out, &t, 1);
}

void
qi_payload_put_variant (GByteArray *out,
                        GVariant   *value,
                        guint       depth)
{
  const GVariantType *type = g_variant_get_type (value);

  if (depth > QI_PAYLOAD_MAX_DEPTH)
    {
      put_tag (out, 'n');
      return;
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT64))
    qi_payload_put_int (out, g_variant_get_int64 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32))
    qi_payload_put_int (out, g_variant_get_int32 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT32))
    qi_payload_put_int (out, g_variant_get_uint32 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT64))
    qi_payload_put_int (out, (gint64) g_variant_get_uint64 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    put_tag (out, g_variant_get_boolean (value) ? 't' : 'f');
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    {
      double d = g_variant_get_double (value);

      put_tag (out, 'd');
      g_byte_array_append (out, (const guint8 *) &d, sizeof d);
    }
  else if (g_variant_type_is_subtype_of (type, G_VARIANT_TYPE_STRING))
    {
      gsize len;
      const char *s = g_variant_get_string (value, &len);

      qi_payload_put_string (out, s, len);
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_BYTESTRING))
    {
      gsize len;
      gconstpointer data = g_variant_get_fixed_array (value, &len, 1);
      g_autofree char *b64 = g_base64_encode (data, len);

      /* The trace format's {"base64": "..."} */
      put_tag (out, 'o');
      put_tag (out, 'K');
      qi_payload_put_varint (out, 6);
      g_byte_array_append (out, (const guint8 *) "base64", 6);
      qi_payload_put_string (out, b64, strlen (b64));
      put_tag (out, 'e');
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);

      qi_payload_put_variant (out, inner, depth + 1);
    }
  else if (g_variant_type_is_subtype_of (type, G_VARIANT_TYPE_DICTIONARY))
    {
      GVariantIter iter;
      GVariant *entry;

      put_tag (out, 'o');
      g_variant_iter_init (&iter, value);
      while ((entry = g_variant_iter_next_value (&iter)) != NULL)
        {
          g_autoptr(GVariant) k = g_variant_get_child_value (entry, 0);
          g_autoptr(GVariant) v = g_variant_get_child_value (entry, 1);

          if (g_variant_is_of_type (k, G_VARIANT_TYPE_STRING))
            {
              gsize klen;
              const char *ks = g_variant_get_string (k, &klen);

              put_tag (out, 'K');
              qi_payload_put_varint (out, klen);
              g_byte_array_append (out, (const guint8 *) ks, klen);
              qi_payload_put_variant (out, v, depth + 1);
            }
          g_variant_unref (entry);
        }
      put_tag (out, 'e');
    }
  else if (g_variant_type_is_array (type) || g_variant_type_is_tuple (type))
    {
      GVariantIter iter;
      GVariant *child;

      put_tag (out, 'a');
      g_variant_iter_init (&iter, value);
      while ((child = g_variant_iter_next_value (&iter)) != NULL)
        {
          qi_payload_put_variant (out, child, depth + 1);
          g_variant_unref (child);
        }
      put_tag (out, 'e');
    }
  else if (g_variant_type_is_maybe (type))
    {
      g_autoptr(GVariant) inner = g_variant_get_maybe (value);

      if (inner != NULL)
        qi_payload_put_variant (out, inner, depth + 1);
      else
        put_tag (out, 'n');
    }
  else
    {
      g_autofree char *text = g_variant_print (value, FALSE);

      qi_payload_put_string (out, text, strlen (text));
    }
}

static const guint8 *
get_varint (const guint8 *p,
            const guint8 *end,
            guint64      *v)
{
  guint64 result = 0;
  guint shift = 0;

  while (p < end && shift < 64)
    {
      guint8 b = *p++;

      result |= (guint64) (b & 0x7f) << shift;
      if ((b & 0x80) == 0)
        {
          *v = result;
          return p;
        }
      shift += 7;
    }
  return NULL;
}

const guint8 *
qi_payload_skip_value (const guint8 *p,
                       const guint8 *end,
                       guint         depth)
{
  guint64 n;

  if (p == NULL || p >= end || depth > QI_PAYLOAD_MAX_DEPTH)
    return NULL;

  switch (*p++)
    {
    case 'x':
      return get_varint (p, end, &n);
    case 'd':
      return end - p >= 8 ? p + 8 : NULL;
    case 't':
    case 'f':
    case 'n':
      return p;
    case 's':
      p = get_varint (p, end, &n);
      if (p == NULL || n > (guint64) (end - p))
        return NULL;
      return p + n;
    case 'a':
      while (p != NULL && p < end && *p != 'e')
        p = qi_payload_skip_value (p, end, depth + 1);
      return p != NULL && p < end ? p + 1 : NULL;
    case 'o':
      while (p != NULL && p < end && *p == 'K')
        {
          p = get_varint (p + 1, end, &n);
          if (p == NULL || n > (guint64) (end - p))
            return NULL;
          p = qi_payload_skip_value (p + n, end, depth + 1);
        }
      return p != NULL && p < end && *p == 'e' ? p + 1 : NULL;
    default:
      return NULL;
    }
}

/* Reads the top-level key at @p; @inline_key is set for keys stored inline. */
static const guint8 *
get_key (const guint8  *p,
         const guint8  *end,
         guint64       *id,
         const char   **inline_key,
         gsize         *inline_len)
{
  p = get_varint (p, end, id);
  *inline_key = NULL;
  *inline_len = 0;
  if (p != NULL && *id == QI_KEY_NONE)
    {
      guint64 n;

      p = get_varint (p, end, &n);
      if (p == NULL || n > (guint64) (end - p))
        return NULL;
      *inline_key = (const char *) p;
      *inline_len = n;
      p += n;
    }
  return p;
}

gboolean
qi_payload_find (const guint8  *p,
                 const guint8  *end,
                 guint          key,
                 const guint8 **value)
{
  while (p != NULL && p < end)
    {
      guint64 id;
      const char *ik;
      gsize il;

      p = get_key (p, end, &id, &ik, &il);
      if (p == NULL)
        return FALSE;
      if (id == key && key != QI_KEY_NONE)
        {
          *value = p;
          return TRUE;
        }
      p = qi_payload_skip_value (p, end, 0);
    }
  return FALSE;
}

gboolean
qi_payload_value_int (const guint8 *value,
                      const guint8 *end,
                      gint64       *out)
{
  guint64 v;

  if (value == NULL || value >= end)
    return FALSE;
  if (*value == 'x')
    {
      if (get_varint (value + 1, end, &v) == NULL)
        return FALSE;
      *out = (gint64) (v >> 1) ^ -(gint64) (v & 1);
      return TRUE;
    }
  if (*value == 'd' && end - value >= 9)
    {
      double d;

      memcpy (&d, value + 1, sizeof d);
      *out = (gint64) d;
      return TRUE;
    }
  return FALSE;
}

gboolean
qi_payload_value_string (const guint8  *value,
                         const guint8  *end,
                         const char   **str,
                         gsize         *len)
{
  guint64 n;
  const guint8 *p;

  if (value == NULL || value >= end || *value != 's')
    return FALSE;
  p = get_varint (value + 1, end, &n);
  if (p == NULL || n > (guint64) (end - p))
    return FALSE;
  *str = (const char *) p;
  *len = n;
  return TRUE;
}

gboolean
qi_payload_get_int (const guint8 *p,
                    const guint8 *end,
                    guint         key,
                    gint64       *out)
{
  const guint8 *value;

  return qi_payload_find (p, end, key, &value) && qi_payload_value_int (value, end, out);
}

gboolean
qi_payload_get_string (const guint8  *p,
                       const guint8  *end,
                       guint          key,
                       const char   **str,
                       gsize         *len)
{
  const guint8 *value;

  return qi_payload_find (p, end, key, &value) && qi_payload_value_string (value, end, str, len);
}

gboolean
qi_payload_dict_lookup (const guint8  *value,
                        const guint8  *end,
                        const char    *key,
                        const guint8 **found)
{
  const guint8 *p;
  gsize klen = strlen (key);

  if (value == NULL || value >= end || *value != 'o')
    return FALSE;
  p = value + 1;
  while (p != NULL && p < end && *p == 'K')
    {
      guint64 n;

      p = get_varint (p + 1, end, &n);
      if (p == NULL || n > (guint64) (end - p))
        return FALSE;
      if (n == klen && g_ascii_strncasecmp ((const char *) p, key, klen) == 0)
        {
          *found = p + n;
          return TRUE;
        }
      p = qi_payload_skip_value (p + n, end, 1);
    }
  return FALSE;
}

static GVariant *
value_to_variant (const guint8 **pp,
                  const guint8  *end,
                  guint          depth)
{
  const guint8 *p = *pp;
  const guint8 *next = qi_payload_skip_value (p, end, depth);
  GVariant *ret = NULL;

  if (next == NULL)
    return NULL;
  *pp = next;

  switch (*p)
    {
    case 'x':
      {
        gint64 v = 0;

        qi_payload_value_int (p, end, &v);
        ret = g_variant_new_int64 (v);
      }
      break;
    case 'd':
      {
        double d;

        memcpy (&d, p + 1, sizeof d);
        ret = g_variant_new_double (d);
      }
      break;
    case 't':
      ret = g_variant_new_boolean (TRUE);
      break;
    case 'f':
      ret = g_variant_new_boolean (FALSE);
      break;
    case 'n':
      ret = g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL);
      break;
    case 's':
      {
        const char *s;
        gsize len;
        g_autofree char *copy = NULL;

        qi_payload_value_string (p, end, &s, &len);
        copy = g_strndup (s, len);
        if (!g_utf8_validate (copy, -1, NULL))
          {
            char *valid = g_utf8_make_valid (copy, -1);

            g_free (copy);
            copy = valid;
          }
        ret = g_variant_new_take_string (g_steal_pointer (&copy));
      }
      break;
    case 'a':
      {
        GPtrArray *children = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
        gboolean all_strings = TRUE;
        const guint8 *q = p + 1;

        while (q < end && *q != 'e')
          {
            GVariant *child = value_to_variant (&q, end, depth + 1);

            if (child == NULL)
              break;
            if (!g_variant_is_of_type (child, G_VARIANT_TYPE_STRING))
              all_strings = FALSE;
            g_ptr_array_add (children, g_variant_ref_sink (child));
          }
        if (all_strings)
          ret = g_variant_new_array (G_VARIANT_TYPE_STRING,
                                     (GVariant * const *) children->pdata, children->len);
        else
          {
            GVariantBuilder b;

            g_variant_builder_init (&b, G_VARIANT_TYPE ("av"));
            for (guint i = 0; i < children->len; i++)
              g_variant_builder_add (&b, "v", g_ptr_array_index (children, i));
            ret = g_variant_builder_end (&b);
          }
        g_ptr_array_unref (children);
      }
      break;
    case 'o':
      {
        GVariantBuilder b;
        const guint8 *q = p + 1;
        const guint8 *b64 = NULL;
        guint n = 0;

        g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
        while (q < end && *q == 'K')
          {
            guint64 klen = 0;
            g_autofree char *k = NULL;
            GVariant *child;

            q = get_varint (q + 1, end, &klen);
            k = g_strndup ((const char *) q, klen);
            q += klen;
            if (strcmp (k, "base64") == 0 && q < end && *q == 's')
              b64 = q;
            child = value_to_variant (&q, end, depth + 1);
            if (child == NULL)
              break;
            if (!g_utf8_validate (k, -1, NULL))
              {
                g_variant_unref (g_variant_ref_sink (child));
                continue;
              }
            g_variant_builder_add (&b, "{sv}", k, child);
            n++;
          }
        if (n == 1 && b64 != NULL)
          {
            const char *s;
            gsize len, out_len = 0;
            g_autofree char *text = NULL;
            guchar *data;

            g_variant_builder_clear (&b);
            qi_payload_value_string (b64, end, &s, &len);
            text = g_strndup (s, len);
            data = g_base64_decode (text, &out_len);
            ret = g_variant_new_from_data (G_VARIANT_TYPE_BYTESTRING, data, out_len,
                                           TRUE, g_free, data);
          }
        else
          ret = g_variant_builder_end (&b);
      }
      break;
    default:
      break;
    }
  return ret;
}

GVariant *
qi_payload_value_to_variant (const guint8 *value,
                             const guint8 *end)
{
  return value_to_variant (&value, end, 0);
}

GVariant *
qi_payload_to_variant (const guint8 *p,
                       const guint8 *end)
{
  GVariantBuilder b;

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  while (p != NULL && p < end)
    {
      guint64 id;
      const char *ik;
      gsize il;
      g_autofree char *key = NULL;
      GVariant *value;

      p = get_key (p, end, &id, &ik, &il);
      if (p == NULL)
        break;
      key = ik != NULL ? g_strndup (ik, il) : g_strdup (qi_key_to_string ((guint) id));
      value = value_to_variant (&p, end, 0);
      if (value == NULL)
        break;
      if (id == QI_KEY_QNET_ARG || !g_utf8_validate (key, -1, NULL))
        {
          g_variant_unref (g_variant_ref_sink (value));
          continue;
        }
      g_variant_builder_add (&b, "{sv}", key, value);
    }
  return g_variant_builder_end (&b);
}

void
qi_json_append_string (GString    *out,
                       const char *s,
                       gssize      len)
{
  const char *end;

  if (len < 0)
    len = strlen (s);
  end = s + len;
  g_string_append_c (out, '"');
  for (; s < end; s++)
    {
      guchar c = (guchar) *s;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static const guint8 *
value_to_json (GString      *out,
               const guint8 *p,
               const guint8 *end,
               guint         depth)
{
  const guint8 *next = qi_payload_skip_value (p, end, depth);

  if (next == NULL)
    {
      g_string_append (out, "null");
      return NULL;
    }

  switch (*p)
    {
    case 'x':
      {
        gint64 v = 0;

        qi_payload_value_int (p, end, &v);
        g_string_append_printf (out, "%" G_GINT64_FORMAT, v);
      }
      break;
    case 'd':
      {
        double d;
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        memcpy (&d, p + 1, sizeof d);
        g_string_append (out, g_ascii_dtostr (buf, sizeof buf, d));
      }
      break;
    case 't': g_string_append (out, "true"); break;
    case 'f': g_string_append (out, "false"); break;
    case 'n': g_string_append (out, "null"); break;
    case 's':
      {
        const char *s;
        gsize len;

        qi_payload_value_string (p, end, &s, &len);
        qi_json_append_string (out, s, len);
      }
      break;
    case 'a':
      {
        const guint8 *q = p + 1;
        gboolean first = TRUE;

        g_string_append_c (out, '[');
        while (q != NULL && q < end && *q != 'e')
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            q = value_to_json (out, q, end, depth + 1);
          }
        g_string_append_c (out, ']');
      }
      break;
    case 'o':
      {
        const guint8 *q = p + 1;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        while (q != NULL && q < end && *q == 'K')
          {
            guint64 klen = 0;

            q = get_varint (q + 1, end, &klen);
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            qi_json_append_string (out, (const char *) q, klen);
            g_string_append_c (out, ':');
            q = value_to_json (out, q + klen, end, depth + 1);
          }
        g_string_append_c (out, '}');
      }
      break;
    default:
      break;
    }
  return next;
}

/* Appends the top-level entries as JSON members ("k":v,...) without braces;
 * the metadata argument (QI_KEY_QNET_ARG) is left out. */
void
qi_payload_append_json (GString      *out,
                        const guint8 *p,
                        const guint8 *end)
{
  gboolean first = TRUE;

  while (p != NULL && p < end)
    {
      guint64 id;
      const char *ik;
      gsize il;

      p = get_key (p, end, &id, &ik, &il);
      if (p == NULL)
        break;
      if (id == QI_KEY_QNET_ARG)
        {
          p = qi_payload_skip_value (p, end, 0);
          continue;
        }
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      if (ik != NULL)
        qi_json_append_string (out, ik, il);
      else
        qi_json_append_string (out, qi_key_to_string ((guint) id), -1);
      g_string_append_c (out, ':');
      p = value_to_json (out, p, end, 0);
    }
}
