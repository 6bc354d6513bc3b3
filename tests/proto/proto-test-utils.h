/* proto-test-utils.h: split-feeding harness for the layer-0 parser tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every parser test runs its input through a "machine" (a parser, or a
 * pipeline of them as a client would chain them) that writes a transcript
 * of everything it reports: parsed heads as GVariant text, framing
 * decisions, chunk events (adjacent data pieces merged), the body, and the
 * final verdict with the exact byte offset. The harness feeds the input
 * whole, byte by byte, and split in two at every offset, and asserts that
 * all transcripts are identical (STYLE.md item 13).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  PROTO_MACHINE_HEAD_RESPONSE,  /* head parser, response */
  PROTO_MACHINE_HEAD_REQUEST,   /* head parser, request */
  PROTO_MACHINE_HEAD_TRAILER,   /* head parser, trailer section */
  PROTO_MACHINE_CHUNKED,        /* chunked decoder */
  PROTO_MACHINE_RESPONSE,       /* interim heads, head, framing, body (client side) */
  PROTO_MACHINE_REQUEST,        /* head, request framing, body (server side) */
} ProtoMachineKind;

typedef struct _ProtoMachine ProtoMachine;

ProtoMachine *proto_machine_new        (ProtoMachineKind  kind,
                                        const char       *request_method);
void          proto_machine_free       (ProtoMachine     *machine);
void          proto_machine_feed       (ProtoMachine     *machine,
                                        const guint8     *data,
                                        gsize             len);
char         *proto_machine_finish     (ProtoMachine     *machine);

/* The verdict word at the start of the transcript's last line. */
typedef enum {
  PROTO_VERDICT_DONE,
  PROTO_VERDICT_NEED_MORE,
  PROTO_VERDICT_ERROR,
} ProtoVerdict;

char         *proto_run_whole          (ProtoMachineKind  kind,
                                        const char       *request_method,
                                        const guint8     *data,
                                        gsize             len);
char         *proto_run_cuts           (ProtoMachineKind  kind,
                                        const char       *request_method,
                                        const guint8     *data,
                                        gsize             len,
                                        const gsize      *cuts,
                                        gsize             n_cuts);
char         *proto_run_bytewise       (ProtoMachineKind  kind,
                                        const char       *request_method,
                                        const guint8     *data,
                                        gsize             len);

/* Runs whole, byte by byte and split at every offset (or, above
 * @max_every_offset bytes, at 257 offsets spread over the input plus the
 * first and last 64), asserts identical transcripts and returns it. */
char         *proto_assert_split_invariant (ProtoMachineKind  kind,
                                            const char       *request_method,
                                            const guint8     *data,
                                            gsize             len,
                                            gsize             max_every_offset);

ProtoVerdict  proto_transcript_verdict (const char       *transcript);
char         *proto_transcript_last_line (const char     *transcript);

G_END_DECLS
