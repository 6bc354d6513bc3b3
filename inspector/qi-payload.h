/* qi-payload.h: the compact encoding of an event's keys (no widgets)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A payload is a sequence of top-level entries:
 *   varint key-id, value            (key-id from qi_key_intern)
 *   0, varint len, key bytes, value (key not interned)
 * A value is a tag byte and its data:
 *   'x' zigzag varint  'd' 8-byte double  't' 'f' 'n'
 *   's' varint len + UTF-8 bytes
 *   'a' values… 'e'
 *   'o' ('K' varint len + key bytes, value)… 'e'
 */

#pragma once

#include <glib.h>

#include "qi-types.h"

G_BEGIN_DECLS

#define QI_PAYLOAD_MAX_DEPTH 32

void      qi_payload_put_varint   (GByteArray   *out,
                                   guint64       v);
void      qi_payload_put_key      (GByteArray   *out,
                                   const char   *key,
                                   gsize         len);
void      qi_payload_put_int      (GByteArray   *out,
                                   gint64        v);
void      qi_payload_put_string   (GByteArray   *out,
                                   const char   *s,
                                   gsize         len);
/* Encodes a GVariant value (of any of the trace's types). */
void      qi_payload_put_variant  (GByteArray   *out,
                                   GVariant     *value,
                                   guint         depth);

/* Walking. All functions are bounded by @end and return FALSE on a
 * malformed payload. */
gboolean  qi_payload_find         (const guint8 *p,
                                   const guint8 *end,
                                   guint         key,
                                   const guint8 **value);
gboolean  qi_payload_get_int      (const guint8 *p,
                                   const guint8 *end,
                                   guint         key,
                                   gint64       *out);
gboolean  qi_payload_get_string   (const guint8 *p,
                                   const guint8 *end,
                                   guint         key,
                                   const char  **str,
                                   gsize        *len);
/* Dict lookup inside an 'o' value (case-insensitive key match). */
gboolean  qi_payload_dict_lookup  (const guint8 *value,
                                   const guint8 *end,
                                   const char   *key,
                                   const guint8 **found);
gboolean  qi_payload_value_int    (const guint8 *value,
                                   const guint8 *end,
                                   gint64       *out);
gboolean  qi_payload_value_string (const guint8 *value,
                                   const guint8 *end,
                                   const char  **str,
                                   gsize        *len);
const guint8 *qi_payload_skip_value (const guint8 *p,
                                     const guint8 *end,
                                     guint         depth);

GVariant *qi_payload_to_variant   (const guint8 *p,
                                   const guint8 *end);
GVariant *qi_payload_value_to_variant (const guint8 *value,
                                       const guint8 *end);
void      qi_payload_append_json  (GString      *out,
                                   const guint8 *p,
                                   const guint8 *end);
void      qi_json_append_string   (GString      *out,
                                   const char   *s,
                                   gssize        len);

G_END_DECLS
