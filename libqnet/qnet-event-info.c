/* qnet-event-info.c: the one table describing every event (EVENTS.md)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "qnet-event-private.h"

#define S1 QNET_EVENT_SOURCE_SOCKET
#define S2 QNET_EVENT_SOURCE_HTTP_CLIENT
#define S3 QNET_EVENT_SOURCE_FTP_CLIENT
#define S4 QNET_EVENT_SOURCE_FILE

/* Facts are listed in the order of the typed signal's arguments. */
static const QnetEventInfo event_table[] = {
  { QNET_EVENT_PACKET_READ, "PACKET_READ", "packet-read", S1, FALSE, 3,
    { { "read", QNET_ARG_INT64 }, { "total_read", QNET_ARG_INT64 },
      { "total_to_read", QNET_ARG_OPT_INT64 } } },
  { QNET_EVENT_PACKET_SENT, "PACKET_SENT", "packet-sent", S1, FALSE, 4,
    { { "socket", QNET_ARG_INT }, { "sent", QNET_ARG_INT64 },
      { "total_sent", QNET_ARG_INT64 }, { "total_to_send", QNET_ARG_INT64 } } },
  { QNET_EVENT_HTTP_CONTENT_LENGTH, "HTTP_CONTENT_LENGTH", "http-content-length", S2, FALSE, 1,
    { { "len", QNET_ARG_INT64 } } },
  { QNET_EVENT_HTTP_CHUNKED_START, "HTTP_CHUNKED_START", "http-chunked-start", S2, FALSE, 0, { { NULL, 0 } } },
  { QNET_EVENT_HTTP_CHUNKED_END, "HTTP_CHUNKED_END", "http-chunked-end", S2, FALSE, 0, { { NULL, 0 } } },
  { QNET_EVENT_HTTP_REDIRECT, "HTTP_REDIRECT", "http-redirect", S2, FALSE, 2,
    { { "location", QNET_ARG_STRING }, { "status_message", QNET_ARG_STRING } } },
  { QNET_EVENT_CHANNEL_CLOSED, "CHANNEL_CLOSED", "channel-closed", 0, FALSE, 0, { { NULL, 0 } } },
  { QNET_EVENT_DELETED, "DELETED", "deleted", 0, FALSE, 0, { { NULL, 0 } } },
  { QNET_EVENT_FTP_SEND_MESSAGE, "FTP_SEND_MESSAGE", "ftp-send-message", S3, FALSE, 2,
    { { "command", QNET_ARG_STRING }, { "arg", QNET_ARG_STRING } } },
  { QNET_EVENT_FTP_MESSAGE_RECEIVED, "FTP_MESSAGE_RECEIVED", "ftp-message-received", S3, FALSE, 2,
    { { "code", QNET_ARG_INT64 }, { "message", QNET_ARG_STRING } } },
  { QNET_EVENT_HOSTNAME_LOOKUP, "HOSTNAME_LOOKUP", "hostname-lookup", S1, FALSE, 2,
    { { "name", QNET_ARG_STRING }, { "service", QNET_ARG_STRING } } },
  { QNET_EVENT_HOSTNAME_RESOLVED, "HOSTNAME_RESOLVED", "hostname-resolved", S1, FALSE, 4,
    { { "address", QNET_ARG_STRING }, { "type", QNET_ARG_INT64 },
      { "typename", QNET_ARG_STRING }, { "port", QNET_ARG_INT64 } } },
  { QNET_EVENT_HTTP_SEND_MESSAGE, "HTTP_SEND_MESSAGE", "http-send-message", S2, FALSE, 2,
    { { "message", QNET_ARG_STRING }, { "headers", QNET_ARG_VARIANT } } },
  { QNET_EVENT_HTTP_MESSAGE_RECEIVED, "HTTP_MESSAGE_RECEIVED", "http-message-received", S2, FALSE, 1,
    { { "headers", QNET_ARG_VARIANT } } },
  { QNET_EVENT_HTTP_FOOTERS_RECEIVED, "HTTP_FOOTERS_RECEIVED", "http-footers-received", S2, FALSE, 1,
    { { "headers", QNET_ARG_VARIANT } } },
  { QNET_EVENT_HTTP_CHUNKED_DATA_RECEIVED, "HTTP_CHUNKED_DATA_RECEIVED", "http-chunked-data-received", S2, FALSE, 2,
    { { "read", QNET_ARG_INT64 }, { "total_read", QNET_ARG_INT64 } } },
  { QNET_EVENT_HTTP_CHUNK_SIZE, "HTTP_CHUNK_SIZE", "http-chunk-size", S2, FALSE, 2,
    { { "size", QNET_ARG_INT64 }, { "total_read", QNET_ARG_INT64 } } },
  { QNET_EVENT_CONNECTING, "CONNECTING", "connecting", S1, FALSE, 5,
    { { "type", QNET_ARG_INT64 }, { "typename", QNET_ARG_STRING },
      { "target", QNET_ARG_STRING }, { "address", QNET_ARG_STRING },
      { "port", QNET_ARG_OPT_INT64 } } },
  { QNET_EVENT_CONNECTED, "CONNECTED", "connected", S1, FALSE, 0, { { NULL, 0 } } },
  { QNET_EVENT_START_SSL, "START_SSL", "start-ssl", S1, FALSE, 0, { { NULL, 0 } } },
  { QNET_EVENT_SSL_ESTABLISHED, "SSL_ESTABLISHED", "ssl-established", S1, FALSE, 2,
    { { "cipher", QNET_ARG_STRING }, { "cipher_version", QNET_ARG_STRING } } },
  { QNET_EVENT_OPEN_FILE, "OPEN_FILE", "open-file", S4, FALSE, 4,
    { { "filename", QNET_ARG_STRING }, { "flags", QNET_ARG_INT64 },
      { "mode", QNET_ARG_INT64 }, { "encoding", QNET_ARG_STRING } } },
  { QNET_EVENT_FILE_OPENED, "FILE_OPENED", "file-opened", S4, FALSE, 4,
    { { "filename", QNET_ARG_STRING }, { "flags", QNET_ARG_INT64 },
      { "mode", QNET_ARG_INT64 }, { "encoding", QNET_ARG_STRING } } },
  { QNET_EVENT_DATA_READ, "DATA_READ", "data-read", S4, FALSE, 3,
    { { "read", QNET_ARG_INT64 }, { "total_read", QNET_ARG_INT64 },
      { "total_to_read", QNET_ARG_INT64 } } },
  { QNET_EVENT_DATA_WRITTEN, "DATA_WRITTEN", "data-written", S4, FALSE, 3,
    { { "written", QNET_ARG_INT64 }, { "total_written", QNET_ARG_INT64 },
      { "total_to_write", QNET_ARG_INT64 } } },
  { QNET_EVENT_HTTP_CHUNKED_DATA_READ, "HTTP_CHUNKED_DATA_READ", "http-chunked-data-read", S2, TRUE, 1,
    { { "data", QNET_ARG_BYTES } } },
  { QNET_EVENT_HTTP_CHUNKED_DATA_SENT, "HTTP_CHUNKED_DATA_SENT", "http-chunked-data-sent", S2, TRUE, 1,
    { { "data", QNET_ARG_BYTES } } },
  { QNET_EVENT_HTTP_FOOTERS_SENT, "HTTP_FOOTERS_SENT", "http-footers-sent", S2, TRUE, 1,
    { { "headers", QNET_ARG_VARIANT } } },
  { QNET_EVENT_SOCKET_DATA_READ, "SOCKET_DATA_READ", "socket-data-read", S1, TRUE, 1,
    { { "data", QNET_ARG_BYTES } } },
  { QNET_EVENT_SOCKET_DATA_SENT, "SOCKET_DATA_SENT", "socket-data-sent", S1, TRUE, 1,
    { { "data", QNET_ARG_BYTES } } },
  { QNET_EVENT_HTTP_HEADERS_READ, "HTTP_HEADERS_READ", "http-headers-read", S1, TRUE, 1,
    { { "data", QNET_ARG_STRING } } },
  { QNET_EVENT_CONNECT_FAILED, "CONNECT_FAILED", "connect-failed", S1, FALSE, 3,
    { { "target", QNET_ARG_STRING }, { "error", QNET_ARG_STRING },
      { "error_code", QNET_ARG_INT64 } } },
  { QNET_EVENT_INCOMING_CONNECTION, "INCOMING_CONNECTION", "incoming-connection", S1, FALSE, 4,
    { { NULL, QNET_ARG_OBJECT }, { "peer_address", QNET_ARG_KEY_STRING },
      { "peer_port", QNET_ARG_KEY_INT64 }, { "connection_id", QNET_ARG_KEY_INT64 } } },
  { QNET_EVENT_THROTTLED, "THROTTLED", "throttled", S1, FALSE, 1,
    { { "queued", QNET_ARG_INT64 } } },
  { QNET_EVENT_UNTHROTTLED, "UNTHROTTLED", "unthrottled", S1, FALSE, 1,
    { { "queued", QNET_ARG_INT64 } } },
  { QNET_EVENT_OPERATION_FAILED, "OPERATION_FAILED", "operation-failed", 0, FALSE, 4,
    { { "operation", QNET_ARG_STRING }, { "domain", QNET_ARG_STRING },
      { "code", QNET_ARG_INT64 }, { "message", QNET_ARG_STRING } } },
  { QNET_EVENT_HTTP_RESPONSE_COMPLETE, "HTTP_RESPONSE_COMPLETE", "http-response-complete", S2, FALSE, 3,
    { { "status_code", QNET_ARG_INT64 }, { "body_size", QNET_ARG_INT64 },
      { "wire_size", QNET_ARG_INT64 } } },
  { QNET_EVENT_FTP_TRANSFER_COMPLETE, "FTP_TRANSFER_COMPLETE", "ftp-transfer-complete", S3, FALSE, 2,
    { { "command", QNET_ARG_STRING }, { "bytes", QNET_ARG_INT64 } } },
};

/* Codes 1..31 index directly; 100.. follow them. */
#define N_CLASSIC 31

const QnetEventInfo *
_qnet_event_info_lookup (QnetEventCode code)
{
  guint idx;

  if (code >= 1 && code <= N_CLASSIC)
    idx = code - 1;
  else if (code >= QNET_EVENT_CONNECT_FAILED && code <= QNET_EVENT_FTP_TRANSFER_COMPLETE)
    idx = N_CLASSIC + (code - QNET_EVENT_CONNECT_FAILED);
  else
    return NULL;

  g_assert (idx < G_N_ELEMENTS (event_table));
  return &event_table[idx];
}

const QnetEventInfo *
_qnet_event_info_lookup_name (const char *signal_name)
{
  g_return_val_if_fail (signal_name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (event_table); i++)
    {
      if (strcmp (event_table[i].signal_name, signal_name) == 0)
        return &event_table[i];
    }

  return NULL;
}

const QnetEventInfo *
_qnet_event_info_table (guint *n_entries)
{
  *n_entries = G_N_ELEMENTS (event_table);
  return event_table;
}

/**
 * qnet_event_code_to_name:
 * @code: an event code
 *
 * Returns the Qore spelling of an event code, e.g. `"PACKET_READ"` for
 * %QNET_EVENT_PACKET_READ.
 *
 * Returns: (nullable): the name, or %NULL for an unknown code
 *
 * Since: 1.0
 */
const char *
qnet_event_code_to_name (QnetEventCode code)
{
  const QnetEventInfo *info = _qnet_event_info_lookup (code);

  return info != NULL ? info->qore_name : NULL;
}

/**
 * qnet_event_code_to_signal_name:
 * @code: an event code
 *
 * Returns the name of the typed signal raised for @code, which is also the
 * detail of the generic [signal@Qnet.Emitter::event] signal, e.g.
 * `"packet-read"`.
 *
 * Returns: (nullable): the signal name, or %NULL for an unknown code
 *
 * Since: 1.0
 */
const char *
qnet_event_code_to_signal_name (QnetEventCode code)
{
  const QnetEventInfo *info = _qnet_event_info_lookup (code);

  return info != NULL ? info->signal_name : NULL;
}

/**
 * qnet_event_code_from_signal_name:
 * @signal_name: a signal name such as `"packet-read"`
 * @code: (out) (optional): the event code
 *
 * Looks up the event code whose typed signal is @signal_name.
 *
 * Returns: %TRUE if @signal_name names an event
 *
 * Since: 1.0
 */
gboolean
qnet_event_code_from_signal_name (const char    *signal_name,
                                  QnetEventCode *code)
{
  const QnetEventInfo *info;

  g_return_val_if_fail (signal_name != NULL, FALSE);

  info = _qnet_event_info_lookup_name (signal_name);
  if (info == NULL)
    return FALSE;
  if (code != NULL)
    *code = info->code;
  return TRUE;
}
