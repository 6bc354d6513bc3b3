/* qnet-http-head-private.h: the layout of QnetHttpHead, shared by the head
 * and its parser
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "qnet-http-head.h"

G_BEGIN_DECLS

typedef struct {
  guint name;  /* offset of the nul-terminated name in strings */
  guint value; /* offset of the nul-terminated value in strings */
} QnetHttpField;

struct _QnetHttpHead {
  QnetHttpHeadKind kind;
  guint version_minor;
  guint status_code;
  gint method;           /* offset in strings, or -1 */
  gint target;           /* offset in strings, or -1 */
  gint reason;           /* offset in strings, or -1 (no reason text) */
  GString *strings;      /* (owned) every name and value, nul-separated */
  GArray *fields;        /* (owned) QnetHttpField, in arrival order */
  GString *raw;          /* (owned) (nullable) the bytes of the head, if kept */
};

G_END_DECLS
