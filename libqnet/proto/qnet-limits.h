/* qnet-limits.h: every length a peer controls, capped, with the reason
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Layer 0 (proto/) never trusts a length it did not choose. Each constant
 * below bounds one quantity that a server (or, for the QnetSocket HTTP
 * helpers, a client) decides, so that memory and work per message stay
 * bounded whatever the peer sends. The protocols mostly leave these limits
 * to the implementation; the values follow what mature clients (curl,
 * libsoup, browsers) and servers (nginx, Apache) use, and are documented in
 * DESIGN.md, "Limits and defaults".
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ---- HTTP/1.1 message heads (RFC 9112 §2-§5) ---- */

/* One line of a head (start line or field line, without its CRLF).
 * RFC 9112 §2.3 leaves the limit to us; nginx uses 8 KiB by default and up
 * to 64 KiB (large_client_header_buffers), curl allows 100 KiB per header.
 * 64 KiB keeps long cookies and CSP headers working. */
#define QNET_HTTP_MAX_HEADER_LINE (64 * 1024)

/* The whole head: start line, every field line and every CRLF, including
 * empty lines skipped before the start line. curl caps the sum at 300 KiB,
 * Apache at 100 fields x 8 KiB; 256 KiB leaves room for four maximal lines
 * while bounding what one response can make us buffer. */
#define QNET_HTTP_MAX_HEADER_BLOCK (256 * 1024)

/* Field lines in one head. Apache stops at 100; real responses carry a few
 * dozen. 1000 stays generous while bounding the index we build. */
#define QNET_HTTP_MAX_HEADER_FIELDS 1000

/* Trailer sections (RFC 9112 §7.1.2) are field sections like heads and get
 * the same limits: a chunked body must not be a way around them. */
#define QNET_HTTP_MAX_TRAILER_LINE   QNET_HTTP_MAX_HEADER_LINE
#define QNET_HTTP_MAX_TRAILER_BLOCK  QNET_HTTP_MAX_HEADER_BLOCK
#define QNET_HTTP_MAX_TRAILER_FIELDS QNET_HTTP_MAX_HEADER_FIELDS

/* 1xx interim responses before the final one. RFC 9110 §15.2 allows any
 * number; in practice a server sends one 100 Continue or a 103 Early Hints,
 * and WebDAV servers may send 102 Processing while they work. 20 leaves room
 * for those, and stops a server that streams interim responses forever to
 * hold a request open without ever answering it. */
#define QNET_HTTP_MAX_INTERIM_RESPONSES 20

/* ---- HTTP bodies (RFC 9112 §6-§7) ---- */

/* Hexadecimal digits of a chunk size. 16 digits are 64 bits; more can only
 * overflow. Sign, "0x" prefix and leading blanks are rejected by grammar. */
#define QNET_HTTP_MAX_CHUNK_SIZE_DIGITS 16

/* Largest chunk size, Content-Length and running body total we accept:
 * every byte count is reported in gint64 event arguments (EVENTS.md), so
 * larger values could not be represented, and no real body comes near. */
#define QNET_HTTP_MAX_BODY_LENGTH G_MAXINT64

/* Chunk extensions (everything between the chunk size and the CRLF). We
 * ignore them; nginx rejects a chunk-size line longer than a few KiB and
 * no known use needs more. 4 KiB bounds the bytes we skip per chunk. */
#define QNET_HTTP_MAX_CHUNK_EXTENSION (4 * 1024)

/* Decimal digits of a Content-Length: 19 digits hold every value up to
 * G_MAXINT64; longer strings are rejected before any arithmetic. */
#define QNET_HTTP_MAX_CONTENT_LENGTH_DIGITS 19

/* Stacked codings (Content-Encoding plus any Transfer-Encoding other than
 * chunked). Each layer is a decompressor the peer makes us run; "gzip,
 * gzip, gzip" multiplies a decompression bomb's ratio. Real servers apply
 * one coding; 2 tolerates a double-encoding proxy. */
#define QNET_HTTP_MAX_CONTENT_CODINGS 2

/* Decoded size cap: no coding layer may expand its input more than this
 * ratio once the output exceeds QNET_HTTP_DECODE_RATIO_MIN_OUTPUT. deflate's
 * best possible ratio is about 1032:1, so a legitimate single layer never
 * trips it, while a nested bomb (1032 x 1032) does. */
#define QNET_HTTP_MAX_DECODE_RATIO 1100
#define QNET_HTTP_DECODE_RATIO_MIN_OUTPUT (1024 * 1024)

/* Absolute cap on a body decoded into memory (a QnetHttpResponse body
 * without an output stream). Streaming to a GOutputStream is not capped:
 * the caller chose where the bytes go. 2 GiB is above any in-memory body a
 * client should build, and below what a 32-bit length could mis-handle. */
#define QNET_HTTP_MAX_DECODED_SIZE (G_GINT64_CONSTANT (2) * 1024 * 1024 * 1024)

/* ---- Redirects ---- */

/* Default of QnetHttpClient:max-redirects, as in Qore's HTTPClient; a loop
 * between two URLs ends after this many hops. */
#define QNET_HTTP_DEFAULT_MAX_REDIRECTS 5

/* A Location value is a header field value, so it is already bounded by
 * QNET_HTTP_MAX_HEADER_LINE; URLs given by callers get the same bound so
 * that a serialised URL always fits in one request line. */
#define QNET_URL_MAX_LENGTH QNET_HTTP_MAX_HEADER_LINE

/* ---- FTP (RFC 959) ---- */

/* One line of a control-connection reply. RFC 959 sets no limit; vsftpd
 * replies stay under 1 KiB. Same bound as an HTTP header line. */
#define QNET_FTP_MAX_REPLY_LINE (64 * 1024)

/* Lines in one multi-line reply (e.g. FEAT, STAT, HELP). A server that
 * never sends the closing "NNN " line must not make us buffer forever. */
#define QNET_FTP_MAX_REPLY_LINES 1000

/* One line of a LIST or MLSD listing on the data connection; long names
 * are bounded by the file system (PATH_MAX 4096) far below this. */
#define QNET_FTP_MAX_LISTING_LINE (64 * 1024)

G_END_DECLS
