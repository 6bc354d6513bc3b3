/* qi-trace-parser.h: a fast parser for one line of the trace format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * json-glib builds a tree per line; for a million-line trace that costs
 * seconds, so lines are parsed here straight into the payload encoding
 * (qi-payload.h). Input is untrusted: every read is bounded by the line,
 * nesting is capped, strings must be valid UTF-8.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  /* top level */
  gint64      code;
  gint64      source;
  guint64     id;
  gboolean    has_code;
  gboolean    has_id;
  /* the "qnet" metadata object */
  GString    *name;
  GString    *type;
  GString    *label;
  GString    *time;
  gint64      mono;
  gint64      pid;
  gint64      dropped;
  gboolean    has_name;
  gboolean    has_type;
  gboolean    has_label;
  gboolean    has_time;
  gboolean    has_mono;
  gboolean    has_pid;
  gboolean    has_dropped;
  /* every other key, encoded */
  GByteArray *payload;
  /* scratch */
  GString    *scratch;
} QiTraceLine;

void      qi_trace_line_init   (QiTraceLine *line);
void      qi_trace_line_clear  (QiTraceLine *line);
gboolean  qi_trace_line_parse  (QiTraceLine *line,
                                const char  *text,
                                gsize        len,
                                GError     **error);

/* "2026-11-21T17:00:00.123456Z" → µs since the epoch. */
gboolean  qi_parse_iso8601_us  (const char  *text,
                                gsize        len,
                                gint64      *us);

G_END_DECLS
