/* proto-test-utils.c: split-feeding harness for the layer-0 parser tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "qnet-error.h"
#include "qnet-http-chunked.h"
#include "qnet-http-framing.h"
#include "qnet-http-head.h"
#include "qnet-limits.h"

#include "proto-test-utils.h"

typedef enum {
  STAGE_HEAD,
  STAGE_BODY,
  STAGE_DONE,
  STAGE_ERROR,
} Stage;

struct _ProtoMachine {
  ProtoMachineKind kind;
  char *method;
  Stage stage;
  QnetHttpHeadParser *head_parser;
  QnetChunkedDecoder *decoder;
  QnetHttpFraming framing;
  guint64 remaining;           /* Content-Length bytes still expected */
  guint n_interim;
  gsize consumed;              /* bytes of the message consumed so far */
  gsize trailing;              /* bytes fed after the message ended */
  gsize pending_data;          /* merged length of consecutive data events */
  GString *body;
  GString *transcript;
  char *error_line;            /* the verdict of a failed run, written last */
};

static void
flush_data (ProtoMachine *m)
{
  if (m->pending_data > 0)
    g_string_append_printf (m->transcript, "data %" G_GSIZE_FORMAT "\n", m->pending_data);
  m->pending_data = 0;
}

static void
append_head (ProtoMachine       *m,
             const char         *label,
             const QnetHttpHead *head)
{
  g_autoptr(GVariant) v = g_variant_ref_sink (qnet_http_head_to_variant (head));
  g_autofree char *text = g_variant_print (v, TRUE);

  g_string_append_printf (m->transcript, "%s %s\n", label, text);
}

static void
set_error (ProtoMachine *m,
           const GError *error)
{
  flush_data (m);
  m->error_line = g_strdup_printf ("error %s %d at %" G_GSIZE_FORMAT ": %s\n",
                                   g_quark_to_string (error->domain), error->code, m->consumed,
                                   error->message);
  m->stage = STAGE_ERROR;
}

static void
set_done (ProtoMachine *m)
{
  m->stage = STAGE_DONE;
}

ProtoMachine *
proto_machine_new (ProtoMachineKind  kind,
                   const char       *request_method)
{
  ProtoMachine *m = g_new0 (ProtoMachine, 1);

  m->kind = kind;
  m->method = g_strdup (request_method != NULL ? request_method : "GET");
  m->transcript = g_string_new (NULL);
  m->body = g_string_new (NULL);

  switch (kind)
    {
    case PROTO_MACHINE_HEAD_RESPONSE:
    case PROTO_MACHINE_RESPONSE:
      m->head_parser = qnet_http_head_parser_new (QNET_HTTP_HEAD_RESPONSE);
      m->stage = STAGE_HEAD;
      break;
    case PROTO_MACHINE_HEAD_REQUEST:
    case PROTO_MACHINE_REQUEST:
      m->head_parser = qnet_http_head_parser_new (QNET_HTTP_HEAD_REQUEST);
      m->stage = STAGE_HEAD;
      break;
    case PROTO_MACHINE_HEAD_TRAILER:
      m->head_parser = qnet_http_head_parser_new (QNET_HTTP_HEAD_TRAILER);
      m->stage = STAGE_HEAD;
      break;
    case PROTO_MACHINE_CHUNKED:
      m->decoder = qnet_chunked_decoder_new ();
      m->framing.body = QNET_HTTP_BODY_CHUNKED;
      m->stage = STAGE_BODY;
      break;
    default:
      g_assert_not_reached ();
    }
  if (m->head_parser != NULL)
    qnet_http_head_parser_set_keep_raw (m->head_parser, TRUE);
  return m;
}

void
proto_machine_free (ProtoMachine *m)
{
  if (m == NULL)
    return;
  qnet_http_head_parser_free (m->head_parser);
  qnet_chunked_decoder_free (m->decoder);
  g_string_free (m->transcript, TRUE);
  g_string_free (m->body, TRUE);
  g_free (m->error_line);
  g_free (m->method);
  g_free (m);
}

static gboolean
is_pipeline (const ProtoMachine *m)
{
  return m->kind == PROTO_MACHINE_RESPONSE || m->kind == PROTO_MACHINE_REQUEST;
}

/* The head is complete: decide what follows. */
static void
head_done (ProtoMachine *m)
{
  QnetHttpHead *head = qnet_http_head_parser_get_head (m->head_parser);
  g_autoptr(GError) error = NULL;
  QnetHttpCoding codings[QNET_HTTP_MAX_CONTENT_CODINGS];
  guint n_codings = 0;
  gsize raw_len = 0;
  const char *raw = qnet_http_head_get_raw (head, &raw_len);
  guint status = qnet_http_head_get_status_code (head);
  gboolean ok;

  append_head (m, "head", head);
  /* The raw bytes kept must be exactly the bytes consumed for the head. */
  g_assert_nonnull (raw);
  g_assert_cmpuint (strlen (raw), ==, raw_len);

  if (!is_pipeline (m))
    {
      set_done (m);
      return;
    }

  if (m->kind == PROTO_MACHINE_RESPONSE && status >= 100 && status < 200 && status != 101)
    {
      /* Interim response: the final one follows (RFC 9110 §15.2). */
      if (++m->n_interim > QNET_HTTP_MAX_INTERIM_RESPONSES)
        {
          g_autoptr(GError) e = g_error_new (QNET_HTTP_ERROR, QNET_HTTP_ERROR_TOO_MANY_INTERIM,
                                             "more than %d interim responses",
                                             QNET_HTTP_MAX_INTERIM_RESPONSES);
          set_error (m, e);
          return;
        }
      qnet_http_head_parser_reset (m->head_parser);
      return;
    }

  if (m->kind == PROTO_MACHINE_RESPONSE)
    ok = qnet_http_framing_for_response (&m->framing, head, m->method, &error);
  else
    ok = qnet_http_framing_for_request (&m->framing, head, &error);
  if (!ok)
    {
      set_error (m, error);
      return;
    }

  g_string_append_printf (m->transcript, "framing %s length %" G_GINT64_FORMAT " keep-alive %d",
                          qnet_http_body_kind_to_string (m->framing.body),
                          m->framing.content_length, m->framing.keep_alive);
  if (qnet_http_get_codings (head, &m->framing, codings, &n_codings, &error))
    {
      g_string_append (m->transcript, " codings");
      for (guint i = 0; i < n_codings; i++)
        g_string_append_printf (m->transcript, " %s", qnet_http_coding_to_string (codings[i]));
      if (n_codings == 0)
        g_string_append (m->transcript, " none");
    }
  else
    {
      g_string_append_printf (m->transcript, " codings-error %d", error->code);
    }
  g_string_append_c (m->transcript, '\n');

  switch (m->framing.body)
    {
    case QNET_HTTP_BODY_NONE:
      set_done (m);
      break;
    case QNET_HTTP_BODY_CONTENT_LENGTH:
      m->remaining = (guint64) m->framing.content_length;
      if (m->remaining == 0)
        set_done (m);
      else
        m->stage = STAGE_BODY;
      break;
    case QNET_HTTP_BODY_CHUNKED:
      m->decoder = qnet_chunked_decoder_new ();
      m->stage = STAGE_BODY;
      break;
    case QNET_HTTP_BODY_UNTIL_CLOSE:
      m->stage = STAGE_BODY;
      break;
    default:
      g_assert_not_reached ();
    }
}

static gsize
feed_body (ProtoMachine *m,
           const guint8 *data,
           gsize         len)
{
  switch (m->framing.body)
    {
    case QNET_HTTP_BODY_CONTENT_LENGTH:
      {
        gsize n = (gsize) MIN ((guint64) len, m->remaining);

        g_string_append_len (m->body, (const char *) data, n);
        m->remaining -= n;
        if (m->remaining == 0)
          set_done (m);
        return n;
      }

    case QNET_HTTP_BODY_UNTIL_CLOSE:
      g_string_append_len (m->body, (const char *) data, len);
      return len;

    case QNET_HTTP_BODY_CHUNKED:
      {
        g_autoptr(GError) error = NULL;
        QnetChunkedEvent event;
        gsize used = 0;
        QnetParseStatus status;

        status = qnet_chunked_decoder_feed (m->decoder, data, len, &used, &event, &error);
        g_assert_cmpuint (used, <=, len);
        switch (status)
          {
          case QNET_PARSE_ERROR:
            g_assert_nonnull (error);
            m->consumed += used;
            set_error (m, error);
            return 0;
          case QNET_PARSE_NEED_MORE:
            g_assert_no_error (error);
            g_assert_cmpuint (used, ==, len);
            g_assert_cmpint (event.type, ==, QNET_CHUNKED_EVENT_NONE);
            return used;
          case QNET_PARSE_EVENT:
          case QNET_PARSE_DONE:
            g_assert_no_error (error);
            break;
          default:
            g_assert_not_reached ();
          }

        switch (event.type)
          {
          case QNET_CHUNKED_EVENT_SIZE:
            g_assert_cmpint (status, ==, QNET_PARSE_EVENT);
            flush_data (m);
            g_string_append_printf (m->transcript,
                                    "chunk-size %" G_GUINT64_FORMAT " total %" G_GUINT64_FORMAT
                                    " line %" G_GSIZE_FORMAT "\n",
                                    event.size, event.total, event.line_len);
            break;
          case QNET_CHUNKED_EVENT_DATA:
            g_assert_cmpint (status, ==, QNET_PARSE_EVENT);
            g_assert_cmpuint (event.data_len, >, 0);
            /* Data points into the caller's buffer, no copy. */
            g_assert_true (event.data >= data && event.data + event.data_len <= data + len);
            g_string_append_len (m->body, (const char *) event.data, event.data_len);
            m->pending_data += event.data_len;
            break;
          case QNET_CHUNKED_EVENT_CHUNK_END:
            g_assert_cmpint (status, ==, QNET_PARSE_EVENT);
            flush_data (m);
            g_string_append_printf (m->transcript,
                                    "chunk-end %" G_GUINT64_FORMAT " total %" G_GUINT64_FORMAT "\n",
                                    event.size, event.total);
            break;
          case QNET_CHUNKED_EVENT_END:
            g_assert_cmpint (status, ==, QNET_PARSE_DONE);
            flush_data (m);
            g_string_append_printf (m->transcript, "end total %" G_GUINT64_FORMAT "\n", event.total);
            if (event.trailers != NULL)
              append_head (m, "trailers", event.trailers);
            set_done (m);
            break;
          case QNET_CHUNKED_EVENT_NONE:
          default:
            g_assert_not_reached ();
          }
        return used;
      }

    case QNET_HTTP_BODY_NONE:
    default:
      g_assert_not_reached ();
    }
}

void
proto_machine_feed (ProtoMachine *m,
                    const guint8 *data,
                    gsize         len)
{
  gsize pos = 0;

  while (pos < len)
    {
      switch (m->stage)
        {
        case STAGE_HEAD:
          {
            g_autoptr(GError) error = NULL;
            gsize used = 0;
            QnetParseStatus status;

            status = qnet_http_head_parser_feed (m->head_parser, data + pos, len - pos, &used, &error);
            g_assert_cmpuint (used, <=, len - pos);
            pos += used;
            m->consumed += used;
            switch (status)
              {
              case QNET_PARSE_ERROR:
                g_assert_nonnull (error);
                set_error (m, error);
                break;
              case QNET_PARSE_NEED_MORE:
                g_assert_no_error (error);
                g_assert_cmpuint (pos, ==, len);
                break;
              case QNET_PARSE_DONE:
                g_assert_no_error (error);
                head_done (m);
                break;
              case QNET_PARSE_EVENT:
              default:
                g_assert_not_reached ();
              }
          }
          break;

        case STAGE_BODY:
          {
            gsize used = feed_body (m, data + pos, len - pos);

            pos += used;
            if (m->stage != STAGE_ERROR)
              m->consumed += used;
          }
          break;

        case STAGE_DONE:
          m->trailing += len - pos;
          pos = len;
          break;

        case STAGE_ERROR:
          return;

        default:
          g_assert_not_reached ();
        }
    }
}

static void
append_body (ProtoMachine *m)
{
  gsize shown = MIN (m->body->len, 200);
  g_autofree char *text = g_strndup (m->body->str, shown);
  g_autofree char *escaped = NULL;

  /* g_strescape stops at NUL; bodies in tests are text. */
  escaped = g_strescape (text, NULL);
  g_string_append_printf (m->transcript, "body %" G_GSIZE_FORMAT " \"%s\"%s\n", m->body->len,
                          escaped, m->body->len > shown ? "..." : "");
}

/* End of input (the peer closed): the verdict. */
char *
proto_machine_finish (ProtoMachine *m)
{
  flush_data (m);
  if (m->stage == STAGE_BODY && m->framing.body == QNET_HTTP_BODY_UNTIL_CLOSE)
    set_done (m);

  if (m->body->len > 0)
    append_body (m);

  switch (m->stage)
    {
    case STAGE_DONE:
      g_string_append_printf (m->transcript, "done at %" G_GSIZE_FORMAT " trailing %" G_GSIZE_FORMAT "\n",
                              m->consumed, m->trailing);
      break;
    case STAGE_HEAD:
    case STAGE_BODY:
      {
        g_autoptr(GError) error = NULL;

        /* The parsers agree that the input is truncated. */
        if (m->stage == STAGE_HEAD)
          g_assert_false (qnet_http_head_parser_finish (m->head_parser, &error));
        else if (m->decoder != NULL)
          g_assert_false (qnet_chunked_decoder_finish (m->decoder, &error));
        else
          error = g_error_new_literal (QNET_HTTP_ERROR, QNET_HTTP_ERROR_TRUNCATED, "");
        g_assert_error (error, QNET_HTTP_ERROR, QNET_HTTP_ERROR_TRUNCATED);
        g_string_append_printf (m->transcript, "need-more at %" G_GSIZE_FORMAT "\n", m->consumed);
      }
      break;
    case STAGE_ERROR:
      g_string_append (m->transcript, m->error_line);
      break;
    default:
      g_assert_not_reached ();
    }
  return g_strdup (m->transcript->str);
}

char *
proto_run_cuts (ProtoMachineKind  kind,
                const char       *request_method,
                const guint8     *data,
                gsize             len,
                const gsize      *cuts,
                gsize             n_cuts)
{
  ProtoMachine *m = proto_machine_new (kind, request_method);
  gsize start = 0;
  char *transcript;

  for (gsize i = 0; i <= n_cuts; i++)
    {
      gsize end = i < n_cuts ? cuts[i] : len;
      /* Each piece is copied to its own allocation so that a parser
       * reading past the piece shows up under ASan/valgrind. */
      g_autofree guint8 *piece = g_memdup2 (data + start, end - start);

      g_assert_cmpuint (end, >=, start);
      proto_machine_feed (m, piece, end - start);
      start = end;
    }
  transcript = proto_machine_finish (m);
  proto_machine_free (m);
  return transcript;
}

char *
proto_run_whole (ProtoMachineKind  kind,
                 const char       *request_method,
                 const guint8     *data,
                 gsize             len)
{
  return proto_run_cuts (kind, request_method, data, len, NULL, 0);
}

char *
proto_run_bytewise (ProtoMachineKind  kind,
                    const char       *request_method,
                    const guint8     *data,
                    gsize             len)
{
  ProtoMachine *m = proto_machine_new (kind, request_method);
  char *transcript;

  for (gsize i = 0; i < len; i++)
    {
      guint8 byte = data[i];

      proto_machine_feed (m, &byte, 1);
    }
  transcript = proto_machine_finish (m);
  proto_machine_free (m);
  return transcript;
}

static void
check_cut (ProtoMachineKind  kind,
           const char       *request_method,
           const guint8     *data,
           gsize             len,
           gsize             cut,
           const char       *expected)
{
  g_autofree char *got = proto_run_cuts (kind, request_method, data, len, &cut, 1);

  if (g_strcmp0 (got, expected) != 0)
    g_test_message ("split at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, cut, len);
  g_assert_cmpstr (got, ==, expected);
}

char *
proto_assert_split_invariant (ProtoMachineKind  kind,
                              const char       *request_method,
                              const guint8     *data,
                              gsize             len,
                              gsize             max_every_offset)
{
  char *whole = proto_run_whole (kind, request_method, data, len);
  g_autofree char *bytewise = proto_run_bytewise (kind, request_method, data, len);

  g_assert_cmpstr (bytewise, ==, whole);

  if (len <= max_every_offset)
    {
      for (gsize cut = 1; cut < len; cut++)
        check_cut (kind, request_method, data, len, cut, whole);
    }
  else
    {
      for (gsize cut = 1; cut < 64 && cut < len; cut++)
        check_cut (kind, request_method, data, len, cut, whole);
      for (gsize k = 1; k <= 257; k++)
        check_cut (kind, request_method, data, len, len * k / 258, whole);
      for (gsize cut = len > 64 ? len - 64 : 1; cut < len; cut++)
        check_cut (kind, request_method, data, len, cut, whole);
    }

  return whole;
}

char *
proto_transcript_last_line (const char *transcript)
{
  gsize len = strlen (transcript);
  const char *end, *start;

  g_assert_cmpuint (len, >, 0);
  end = transcript + len - 1;    /* the final '\n' */
  start = end;
  while (start > transcript && start[-1] != '\n')
    start--;
  return g_strndup (start, end - start);
}

ProtoVerdict
proto_transcript_verdict (const char *transcript)
{
  g_autofree char *last = proto_transcript_last_line (transcript);

  if (g_str_has_prefix (last, "done "))
    return PROTO_VERDICT_DONE;
  if (g_str_has_prefix (last, "need-more "))
    return PROTO_VERDICT_NEED_MORE;
  g_assert_true (g_str_has_prefix (last, "error "));
  return PROTO_VERDICT_ERROR;
}
