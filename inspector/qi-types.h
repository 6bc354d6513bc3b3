/* qi-types.h: enumerations shared by the inspector's models and widgets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Event families: what colours and the family filter work on. */
typedef enum {
  QI_FAMILY_DNS,
  QI_FAMILY_CONNECTION,
  QI_FAMILY_TLS,
  QI_FAMILY_DATA,
  QI_FAMILY_HTTP,
  QI_FAMILY_FTP,
  QI_FAMILY_FILE,
  QI_FAMILY_LIFECYCLE,
  QI_FAMILY_ERROR,
  QI_N_FAMILIES
} QiFamily;

#define QI_FAMILY_MASK_ALL ((1u << QI_N_FAMILIES) - 1)

/* Derived phases (spans). */
typedef enum {
  QI_SPAN_DNS,
  QI_SPAN_CONNECT,
  QI_SPAN_TLS,
  QI_SPAN_SEND,
  QI_SPAN_WAIT,
  QI_SPAN_RECEIVE,
  QI_SPAN_CHUNKED,
  QI_SPAN_FTP,
  QI_SPAN_FILE,
  QI_N_SPAN_KINDS
} QiSpanKind;

typedef enum {
  QI_SPAN_OPEN,
  QI_SPAN_OK,
  QI_SPAN_FAILED,
} QiSpanStatus;

typedef enum {
  QI_ORIGIN_IN_PROCESS,
  QI_ORIGIN_LIVE,
  QI_ORIGIN_FILE,
} QiOriginKind;

/* Keys of the event hash known in advance (EVENTS.md), with fixed ids so
 * that the hot paths compare integers. Other keys get ids at run time. */
typedef enum {
  QI_KEY_NONE = 0,
  QI_KEY_READ,
  QI_KEY_TOTAL_READ,
  QI_KEY_TOTAL_TO_READ,
  QI_KEY_SOCKET,
  QI_KEY_SENT,
  QI_KEY_TOTAL_SENT,
  QI_KEY_TOTAL_TO_SEND,
  QI_KEY_LEN,
  QI_KEY_LOCATION,
  QI_KEY_STATUS_MESSAGE,
  QI_KEY_COMMAND,
  QI_KEY_ARG,
  QI_KEY_CODE,
  QI_KEY_MESSAGE,
  QI_KEY_NAME,
  QI_KEY_SERVICE,
  QI_KEY_ADDRESS,
  QI_KEY_TYPE,
  QI_KEY_TYPENAME,
  QI_KEY_PORT,
  QI_KEY_HEADERS,
  QI_KEY_SIZE,
  QI_KEY_TARGET,
  QI_KEY_CIPHER,
  QI_KEY_CIPHER_VERSION,
  QI_KEY_FILENAME,
  QI_KEY_FLAGS,
  QI_KEY_MODE,
  QI_KEY_ENCODING,
  QI_KEY_WRITTEN,
  QI_KEY_TOTAL_WRITTEN,
  QI_KEY_TOTAL_TO_WRITE,
  QI_KEY_DATA,
  QI_KEY_ERROR,
  QI_KEY_ERROR_CODE,
  QI_KEY_PEER_ADDRESS,
  QI_KEY_PEER_PORT,
  QI_KEY_CONNECTION_ID,
  QI_KEY_QUEUED,
  QI_KEY_OPERATION,
  QI_KEY_DOMAIN,
  QI_KEY_STATUS_CODE,
  QI_KEY_BODY_SIZE,
  QI_KEY_WIRE_SIZE,
  QI_KEY_BYTES,
  QI_KEY_QNET_ARG,     /* the `arg` of the metadata object */
  QI_N_KNOWN_KEYS
} QiKey;

/* Key ids are shared by every store in the process, so that batches
 * parsed in a worker thread can be merged without rewriting payloads. */
guint        qi_key_intern       (const char *key,
                                  gsize       len);
const char  *qi_key_to_string    (guint       key);

const char  *qi_code_get_name    (guint       code);
QiFamily     qi_code_get_family  (guint       code);
gboolean     qi_code_is_known    (guint       code);

const char  *qi_family_get_name  (QiFamily    family);   /* translated */
const char  *qi_family_get_id    (QiFamily    family);   /* "dns", ... */
const char  *qi_span_kind_get_name (QiSpanKind kind);    /* translated */
void         qi_family_get_rgb   (QiFamily    family,
                                  double     *r,
                                  double     *g,
                                  double     *b);
void         qi_span_kind_get_rgb (QiSpanKind  kind,
                                   double     *r,
                                   double     *g,
                                   double     *b);
QiFamily     qi_span_kind_get_family (QiSpanKind kind);

G_END_DECLS
