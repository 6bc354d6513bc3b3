/* qi-trace-parser.c: a fast parser for one line of the trace format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <stdlib.h>
#include <gio/gio.h>

#include "qi-payload.h"
#include "qi-trace-parser.h"

typedef struct {
  const char  *p;
  const char  *end;
  QiTraceLine *line;
} Parser;

void
qi_trace_line_init (QiTraceLine *line)
{
  memset (line, 0, sizeof *line);
  line->name = g_string_new (NULL);
  line->type = g_string_new (NULL);
  line->label = g_string_new (NULL);
  line->time = g_string_new (NULL);
  line->scratch = g_string_new (NULL);
  line->payload = g_byte_array_sized_new (256);
}

void
qi_trace_line_clear (QiTraceLine *line)
{
  g_string_free (line->name, TRUE);
  g_string_free (line->type, TRUE);
  g_string_free (line->label, TRUE);
  g_string_free (line->time, TRUE);
  g_string_free (line->scratch, TRUE);
  g_byte_array_unref (line->payload);
  memset (line, 0, sizeof *line);
}

static void
reset (QiTraceLine *line)
{
  line->has_code = line->has_id = FALSE;
  line->has_name = line->has_type = line->has_label = FALSE;
  line->has_time = line->has_mono = line->has_pid = line->has_dropped = FALSE;
  line->code = line->source = line->mono = line->pid = line->dropped = 0;
  line->id = 0;
  g_string_truncate (line->name, 0);
  g_string_truncate (line->type, 0);
  g_string_truncate (line->label, 0);
  g_string_truncate (line->time, 0);
  g_byte_array_set_size (line->payload, 0);
}

static inline void
skip_ws (Parser *ps)
{
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r' || *ps->p == '\n'))
    ps->p++;
}

static inline gboolean
expect (Parser *ps,
        char    c)
{
  skip_ws (ps);
  if (ps->p < ps->end && *ps->p == c)
    {
      ps->p++;
      return TRUE;
    }
  return FALSE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Parser  *ps,
           guint   *out)
{
  guint v = 0;

  if (ps->end - ps->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (ps->p[i]);

      if (h < 0)
        return FALSE;
      v = (v << 4) | (guint) h;
    }
  ps->p += 4;
  *out = v;
  return TRUE;
}

/* Parses a JSON string at ps->p (after skipping blanks). When it has no
 * escapes, *str points into the line; otherwise into @buf. */
static gboolean
parse_string (Parser      *ps,
              GString     *buf,
              const char **str,
              gsize       *len)
{
  const char *start;
  const char *q;

  if (!expect (ps, '"'))
    return FALSE;
  start = ps->p;
  for (q = start; q < ps->end && *q != '"' && *q != '\\'; q++)
    if ((guchar) *q < 0x20)
      return FALSE;
  if (q >= ps->end)
    return FALSE;
  if (*q == '"')
    {
      if (!g_utf8_validate (start, q - start, NULL))
        return FALSE;
      *str = start;
      *len = q - start;
      ps->p = q + 1;
      return TRUE;
    }

  g_string_truncate (buf, 0);
  g_string_append_len (buf, start, q - start);
  ps->p = q;
  while (ps->p < ps->end)
    {
      char c = *ps->p++;

      if (c == '"')
        {
          if (!g_utf8_validate (buf->str, buf->len, NULL))
            return FALSE;
          *str = buf->str;
          *len = buf->len;
          return TRUE;
        }
      if ((guchar) c < 0x20)
        return FALSE;
      if (c != '\\')
        {
          g_string_append_c (buf, c);
          continue;
        }
      if (ps->p >= ps->end)
        return FALSE;
      c = *ps->p++;
      switch (c)
        {
        case '"': g_string_append_c (buf, '"'); break;
        case '\\': g_string_append_c (buf, '\\'); break;
        case '/': g_string_append_c (buf, '/'); break;
        case 'b': g_string_append_c (buf, '\b'); break;
        case 'f': g_string_append_c (buf, '\f'); break;
        case 'n': g_string_append_c (buf, '\n'); break;
        case 'r': g_string_append_c (buf, '\r'); break;
        case 't': g_string_append_c (buf, '\t'); break;
        case 'u':
          {
            guint cp;

            if (!read_hex4 (ps, &cp))
              return FALSE;
            if (cp >= 0xd800 && cp < 0xdc00)
              {
                guint lo;

                if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u')
                  return FALSE;
                ps->p += 2;
                if (!read_hex4 (ps, &lo) || lo < 0xdc00 || lo >= 0xe000)
                  return FALSE;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
              }
            else if (cp >= 0xdc00 && cp < 0xe000)
              return FALSE;
            if (cp == 0)
              return FALSE;   /* NUL cannot be shown or passed on as C text */
            g_string_append_unichar (buf, cp);
          }
          break;
        default:
          return FALSE;
        }
    }
  return FALSE;
}

/* Integer or float. Sets *is_int. */
static gboolean
parse_number (Parser   *ps,
              gboolean *is_int,
              gint64   *iv,
              double   *dv)
{
  const char *start;
  const char *q;
  gboolean neg = FALSE;
  guint64 acc = 0;
  gboolean overflow = FALSE;

  skip_ws (ps);
  start = q = ps->p;
  if (q < ps->end && *q == '-')
    {
      neg = TRUE;
      q++;
    }
  if (q >= ps->end || !g_ascii_isdigit (*q))
    return FALSE;
  while (q < ps->end && g_ascii_isdigit (*q))
    {
      guint d = *q - '0';

      if (acc > (G_MAXUINT64 - d) / 10)
        overflow = TRUE;
      else
        acc = acc * 10 + d;
      q++;
    }
  if (q < ps->end && (*q == '.' || *q == 'e' || *q == 'E'))
    overflow = TRUE;   /* a float: parse it as such below */
  else if (!overflow && acc <= (guint64) G_MAXINT64 + (neg ? 1 : 0))
    {
      *is_int = TRUE;
      *iv = neg ? (gint64) (0 - acc) : (gint64) acc;
      ps->p = q;
      return TRUE;
    }

  {
    char buf[64];
    gsize n;
    char *endp;

    while (q < ps->end && (g_ascii_isdigit (*q) || *q == '.' || *q == 'e' || *q == 'E' ||
                           *q == '+' || *q == '-'))
      q++;
    n = q - start;
    if (n >= sizeof buf)
      return FALSE;
    memcpy (buf, start, n);
    buf[n] = '\0';
    *dv = g_ascii_strtod (buf, &endp);
    if (endp != buf + n)
      return FALSE;
    *is_int = FALSE;
    ps->p = q;
    return TRUE;
  }
}

static gboolean
match_word (Parser     *ps,
            const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (ps->end - ps->p) >= n && memcmp (ps->p, word, n) == 0)
    {
      ps->p += n;
      return TRUE;
    }
  return FALSE;
}

static void
put_tag (GByteArray *out,
         char        tag)
{
  guint8 t = (guint8) tag;

  g_byte_array_append (out, &t, 1);
}

/* Parses any JSON value and encodes it (or only skips it if @out is NULL). */
static gboolean
parse_value (Parser     *ps,
             GByteArray *out,
             guint       depth)
{
  if (depth > QI_PAYLOAD_MAX_DEPTH)
    return FALSE;
  skip_ws (ps);
  if (ps->p >= ps->end)
    return FALSE;

  switch (*ps->p)
    {
    case '"':
      {
        const char *s;
        gsize len;

        if (!parse_string (ps, ps->line->scratch, &s, &len))
          return FALSE;
        if (out != NULL)
          qi_payload_put_string (out, s, len);
        return TRUE;
      }
    case '{':
      ps->p++;
      if (out != NULL)
        put_tag (out, 'o');
      if (!expect (ps, '}'))
        {
          do
            {
              const char *k;
              gsize klen;

              if (!parse_string (ps, ps->line->scratch, &k, &klen) || !expect (ps, ':'))
                return FALSE;
              if (out != NULL)
                {
                  put_tag (out, 'K');
                  qi_payload_put_varint (out, klen);
                  g_byte_array_append (out, (const guint8 *) k, klen);
                }
              if (!parse_value (ps, out, depth + 1))
                return FALSE;
            }
          while (expect (ps, ','));
          if (!expect (ps, '}'))
            return FALSE;
        }
      if (out != NULL)
        put_tag (out, 'e');
      return TRUE;
    case '[':
      ps->p++;
      if (out != NULL)
        put_tag (out, 'a');
      if (!expect (ps, ']'))
        {
          do
            if (!parse_value (ps, out, depth + 1))
              return FALSE;
          while (expect (ps, ','));
          if (!expect (ps, ']'))
            return FALSE;
        }
      if (out != NULL)
        put_tag (out, 'e');
      return TRUE;
    case 't':
      if (!match_word (ps, "true"))
        return FALSE;
      if (out != NULL)
        put_tag (out, 't');
      return TRUE;
    case 'f':
      if (!match_word (ps, "false"))
        return FALSE;
      if (out != NULL)
        put_tag (out, 'f');
      return TRUE;
    case 'n':
      if (!match_word (ps, "null"))
        return FALSE;
      if (out != NULL)
        put_tag (out, 'n');
      return TRUE;
    default:
      {
        gboolean is_int;
        gint64 iv = 0;
        double dv = 0;

        if (!parse_number (ps, &is_int, &iv, &dv))
          return FALSE;
        if (out != NULL)
          {
            if (is_int)
              qi_payload_put_int (out, iv);
            else
              {
                put_tag (out, 'd');
                g_byte_array_append (out, (const guint8 *) &dv, sizeof dv);
              }
          }
        return TRUE;
      }
    }
}

static gboolean
parse_int_value (Parser *ps,
                 gint64 *out)
{
  gboolean is_int;
  double dv;

  return parse_number (ps, &is_int, out, &dv) && is_int;
}

static gboolean
parse_string_into (Parser  *ps,
                   GString *dest)
{
  const char *s;
  gsize len;

  if (!parse_string (ps, ps->line->scratch, &s, &len))
    return FALSE;
  g_string_truncate (dest, 0);
  g_string_append_len (dest, s, len);
  return TRUE;
}

#define KEY_IS(k, n, lit) ((n) == sizeof (lit) - 1 && memcmp ((k), (lit), (n)) == 0)

static gboolean
parse_meta (Parser *ps)
{
  QiTraceLine *line = ps->line;

  if (!expect (ps, '{'))
    return FALSE;
  if (expect (ps, '}'))
    return TRUE;
  do
    {
      const char *k;
      gsize klen;
      char key[16];

      if (!parse_string (ps, line->scratch, &k, &klen) || !expect (ps, ':'))
        return FALSE;
      /* keep the key: the scratch buffer is reused by the value */
      if (klen >= sizeof key)
        {
          if (!parse_value (ps, NULL, 1))
            return FALSE;
          continue;
        }
      memcpy (key, k, klen);
      key[klen] = '\0';
      skip_ws (ps);

      if (KEY_IS (key, klen, "name"))
        line->has_name = parse_string_into (ps, line->name);
      else if (KEY_IS (key, klen, "type"))
        line->has_type = parse_string_into (ps, line->type);
      else if (KEY_IS (key, klen, "label"))
        {
          if (ps->p < ps->end && *ps->p == 'n')
            {
              if (!match_word (ps, "null"))
                return FALSE;
              continue;
            }
          line->has_label = parse_string_into (ps, line->label);
        }
      else if (KEY_IS (key, klen, "time"))
        line->has_time = parse_string_into (ps, line->time);
      else if (KEY_IS (key, klen, "mono_us"))
        line->has_mono = parse_int_value (ps, &line->mono);
      else if (KEY_IS (key, klen, "pid"))
        line->has_pid = parse_int_value (ps, &line->pid);
      else if (KEY_IS (key, klen, "dropped"))
        line->has_dropped = parse_int_value (ps, &line->dropped);
      else if (KEY_IS (key, klen, "arg"))
        {
          qi_payload_put_varint (line->payload, QI_KEY_QNET_ARG);
          if (!parse_value (ps, line->payload, 1))
            return FALSE;
          continue;
        }
      else
        {
          if (!parse_value (ps, NULL, 1))
            return FALSE;
          continue;
        }

      if (!(KEY_IS (key, klen, "name") ? line->has_name :
            KEY_IS (key, klen, "type") ? line->has_type :
            KEY_IS (key, klen, "label") ? line->has_label :
            KEY_IS (key, klen, "time") ? line->has_time :
            KEY_IS (key, klen, "mono_us") ? line->has_mono :
            KEY_IS (key, klen, "pid") ? line->has_pid : line->has_dropped))
        return FALSE;
    }
  while (expect (ps, ','));

  return expect (ps, '}');
}

gboolean
qi_trace_line_parse (QiTraceLine *line,
                     const char  *text,
                     gsize        len,
                     GError     **error)
{
  Parser ps = { text, text + len, line };
  gboolean ok = FALSE;

  reset (line);
  if (!expect (&ps, '{'))
    goto out;
  if (expect (&ps, '}'))
    goto done;
  do
    {
      const char *k;
      gsize klen;

      if (!parse_string (&ps, line->scratch, &k, &klen) || !expect (&ps, ':'))
        goto out;

      if (KEY_IS (k, klen, "event"))
        {
          if (!parse_int_value (&ps, &line->code))
            goto out;
          line->has_code = TRUE;
        }
      else if (KEY_IS (k, klen, "source"))
        {
          if (!parse_int_value (&ps, &line->source))
            goto out;
        }
      else if (KEY_IS (k, klen, "id"))
        {
          gint64 id;

          if (!parse_int_value (&ps, &id) || id < 0)
            goto out;
          line->id = (guint64) id;
          line->has_id = TRUE;
        }
      else if (KEY_IS (k, klen, "qnet"))
        {
          if (!parse_meta (&ps))
            goto out;
        }
      else
        {
          qi_payload_put_key (line->payload, k, klen);
          if (!parse_value (&ps, line->payload, 0))
            goto out;
        }
    }
  while (expect (&ps, ','));
  if (!expect (&ps, '}'))
    goto out;

done:
  skip_ws (&ps);
  ok = ps.p == ps.end;

out:
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("Malformed trace line at byte %u"), (guint) (ps.p - text));
  return ok;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), after H. Hinnant. */
static gint64
days_from_civil (gint64 y,
                 guint  m,
                 guint  d)
{
  gint64 era;
  guint yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint) (y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

static gboolean
digits (const char *s,
        guint       n,
        guint      *out)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

gboolean
qi_parse_iso8601_us (const char *text,
                     gsize       len,
                     gint64     *us)
{
  guint y, mo, d, h, mi, s, frac = 0, frac_digits = 0;
  gsize i = 19;

  /* Fast path: the form the tracer writes. */
  if (len >= 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' &&
      text[13] == ':' && text[16] == ':' &&
      digits (text, 4, &y) && digits (text + 5, 2, &mo) && digits (text + 8, 2, &d) &&
      digits (text + 11, 2, &h) && digits (text + 14, 2, &mi) && digits (text + 17, 2, &s) &&
      mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && s < 61)
    {
      if (i < len && text[i] == '.')
        {
          for (i++; i < len && g_ascii_isdigit (text[i]); i++)
            if (frac_digits < 6)
              {
                frac = frac * 10 + (text[i] - '0');
                frac_digits++;
              }
          while (frac_digits < 6)
            {
              frac *= 10;
              frac_digits++;
            }
        }
      if (i + 1 == len && text[i] == 'Z')
        {
          *us = ((days_from_civil (y, mo, d) * 86400 + h * 3600 + mi * 60 + s) * G_USEC_PER_SEC) + frac;
          return TRUE;
        }
    }

  {
    g_autofree char *copy = g_strndup (text, len);
    g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (copy, NULL);

    if (dt == NULL)
      return FALSE;
    *us = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
    return TRUE;
  }
}
